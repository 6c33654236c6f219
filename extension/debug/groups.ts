/**
 * Process groups, as Linaro DDT has them: which ranks a Continue, Step or Pause pressed in one
 * rank's session also goes to. Pure (no vscode), so the parsing and the choosing are unit tested.
 *
 * A group is relative to the rank the user acts on (the focused one): `all` ranks, that rank
 * alone, the ranks stopped at the same line as it, or a set the user names (`0-3,7`).
 */

export type RankGroup =
  | { readonly kind: 'all' }
  | { readonly kind: 'focused' }
  | { readonly kind: 'sameLine' }
  | { readonly kind: 'set'; readonly ranks: readonly number[]; readonly text: string };

export const ALL: RankGroup = { kind: 'all' };

/** What the group choice knows of one rank: its index and, when stopped, its top user frame. */
export interface RankState {
  readonly index: number;
  /** `file:line` of its top user frame while stopped, else undefined (running). */
  readonly stoppedAt?: string;
}

/** A rank set the user typed that does not name ranks of this run; the message says why. */
export class RankSetError extends Error {}

/**
 * Parses `0-3,7` (ranks and low-high ranges, commas or spaces between) against a run of `size`
 * ranks; the ranks come back sorted, each once. Throws RankSetError with a sentence to show.
 */
export function parseRankSet(text: string, size: number): number[] {
  // `4 - 6` is one range: spaces around a dash do not split it.
  const parts = text.replace(/\s*-\s*/g, '-').split(/[\s,]+/).filter((p) => p !== '');
  if (parts.length === 0) throw new RankSetError('name at least one rank, e.g. 0-3,7');
  const ranks = new Set<number>();
  const inRun = (r: number): number => {
    if (r >= size) throw new RankSetError(`rank ${r} is not in this ${size}-rank run (ranks are 0-${size - 1})`);
    return r;
  };
  for (const part of parts) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part);
    if (!m) throw new RankSetError(`'${part}' is not a rank or a range: write ranks like 0-3,7`);
    const low = inRun(Number(m[1]));
    if (m[2] === undefined) {
      ranks.add(low);
      continue;
    }
    const high = Number(m[2]);
    if (high < low) throw new RankSetError(`'${part}' is not a range: write the low rank first (${high}-${low})`);
    inRun(high);
    for (let r = low; r <= high; r++) ranks.add(r);
  }
  return [...ranks].sort((a, b) => a - b);
}

/** Writes sorted ranks back as the shortest set text: [0,1,2,3,7] → `0-3,7`. */
export function formatRankSet(ranks: readonly number[]): string {
  const out: string[] = [];
  for (let i = 0; i < ranks.length; ) {
    let j = i;
    while (j + 1 < ranks.length && ranks[j + 1] === ranks[j] + 1) j++;
    out.push(j === i ? `${ranks[i]}` : `${ranks[i]}-${ranks[j]}`);
    i = j + 1;
  }
  return out.join(',');
}

/** The set group the user typed, or a RankSetError. */
export function rankSet(text: string, size: number): RankGroup {
  const ranks = parseRankSet(text, size);
  return { kind: 'set', ranks, text: formatRankSet(ranks) };
}

/**
 * The ranks of `group`, when the user acts on rank `acting`: those of `ranks` the action also
 * goes to (never `acting` itself, which VS Code already sends it to), in rank order.
 */
export function membersBesides(group: RankGroup, acting: RankState, ranks: readonly RankState[]): number[] {
  const others = ranks.filter((r) => r.index !== acting.index);
  switch (group.kind) {
    case 'all':
      return others.map((r) => r.index);
    case 'focused':
      return [];
    case 'sameLine':
      // Running, the acting rank has no line: no other rank is at "its" line.
      return acting.stoppedAt === undefined ? [] : others.filter((r) => r.stoppedAt === acting.stoppedAt).map((r) => r.index);
    case 'set':
      return others.filter((r) => group.ranks.includes(r.index)).map((r) => r.index);
  }
}

/**
 * The ranks of `group` among `ranks` when the user acts on the whole run (Pause or Continue on
 * the rankscope session, not in a rank): a named set is that set; every other group, relative to a
 * focused rank there is not, is all ranks.
 */
export function membersOfRun(group: RankGroup, ranks: readonly number[]): number[] {
  return group.kind === 'set' ? ranks.filter((r) => group.ranks.includes(r)) : [...ranks];
}

/** The group as the status bar shows it, in a run of `size` ranks: `all (9)`, `0-3,7`. */
export function groupLabel(group: RankGroup, size: number): string {
  switch (group.kind) {
    case 'all':
      return `all (${size})`;
    case 'focused':
      return 'focused rank';
    case 'sameLine':
      return 'same line';
    case 'set':
      return group.text;
  }
}
