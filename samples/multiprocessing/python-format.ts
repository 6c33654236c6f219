/** Prints values as Python's print() does, so outputs read like the course material's. */

/** Python's repr of a list: `[1, 4, 9]`, floats in shortest round-trip form (as JS also prints them). */
export function pyList(values: readonly unknown[]): string {
  return `[${values.map((v) => (typeof v === 'string' ? `'${v}'` : String(v))).join(', ')}]`;
}
