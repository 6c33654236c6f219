/**
 * The merged stacks of Linaro DDT's parallel stack view, without vscode (tested alone): ranks
 * grouped by the line they are at, each group split by the caller they came through, and so on
 * up the stack, so ranks that share a call path share its nodes. A rank with no position (running
 * between calls, finished) is grouped by its state.
 */

export interface Frame { file: string; line: number; column?: number; name?: string }

export interface RankPosition {
  rank: number;
  /** What the user calls it: `rank 3`, or a multiprocessing process's name (`Process-2`). */
  name?: string;
  /** `stopped`, `blocked in recv(source=5)`, `running`, `finished`, … */
  state: string;
  /** User frames, innermost first; empty when the position is unknown. */
  frames: Frame[];
}

export interface StackNode {
  /** The line of this node; undefined for a group of ranks with no position (by `state`). */
  frame?: Frame;
  state?: string;
  /** Every rank at this node or below it. */
  ranks: number[];
  /** The ranks whose stack ends here (the outermost frame they have). */
  here: number[];
  /** The callers the ranks here came through, one node per distinct caller line. */
  callers: StackNode[];
}

const key = (f: Frame): string => `${f.file}:${f.line}`;
const base = (file: string): string => file.split(/[\\/]/).pop() ?? file;

export function frameLabel(f: Frame): string {
  return `${base(f.file)}:${f.line}`;
}

/** "7 ranks at deadlock.ts:9", "2 ranks finished"; a multiprocessing run counts processes. */
export function nodeLabel(n: StackNode, noun: 'rank' | 'process' = 'rank'): string {
  const count = `${n.ranks.length} ${noun}${n.ranks.length === 1 ? '' : noun === 'rank' ? 's' : 'es'}`;
  return n.frame ? `${count} at ${frameLabel(n.frame)}` : `${count} ${n.state}`;
}

export function mergeStacks(positions: readonly RankPosition[]): StackNode[] {
  const roots: StackNode[] = [];
  for (const p of [...positions].sort((a, b) => a.rank - b.rank)) {
    if (p.frames.length === 0) {
      let g = roots.find((n) => !n.frame && n.state === p.state);
      if (!g) roots.push(g = { state: p.state, ranks: [], here: [], callers: [] });
      g.ranks.push(p.rank);
      g.here.push(p.rank);
      continue;
    }
    let level = roots;
    let node: StackNode | undefined;
    for (const f of p.frames) {
      node = level.find((n) => n.frame && key(n.frame) === key(f));
      if (!node) level.push(node = { frame: f, ranks: [], here: [], callers: [] });
      node.ranks.push(p.rank);
      level = node.callers;
    }
    node!.here.push(p.rank);
  }
  const sort = (nodes: StackNode[]): StackNode[] => {
    nodes.sort((a, b) => b.ranks.length - a.ranks.length || a.ranks[0] - b.ranks[0]);
    for (const n of nodes) sort(n.callers);
    return nodes;
  };
  return sort(roots);
}
