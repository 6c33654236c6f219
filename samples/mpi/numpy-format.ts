/**
 * Prints integer arrays the way numpy does (`[ 0  6 12]`: every element right-aligned to the widest,
 * separated by one space), so the samples' output reads like the course material's.
 */
export function npArray(values: ArrayLike<number | bigint>): string {
  const items = Array.from(values, (v) => String(v));
  const width = Math.max(0, ...items.map((s) => s.length));
  return `[${items.map((s) => s.padStart(width)).join(' ')}]`;
}
