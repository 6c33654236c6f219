/** The merged stacks of the Parallel Stacks view: groups by line, callers shared, counts right. */
import { strict as assert } from 'node:assert';
import { mergeStacks, nodeLabel } from '../extension/views/stack-tree.js';

const at = (line: number, name = 'f') => ({ file: '/w/deadlock.ts', line, name });

describe('Parallel stacks: merging rank positions', () => {
  it('groups ranks by line, largest first, and shares the callers they came through', () => {
    const roots = mergeStacks([
      { rank: 0, state: 'finished', frames: [] },
      { rank: 1, state: 'stopped', frames: [at(16), at(40, 'main')] },
      { rank: 5, state: 'stopped', frames: [at(16), at(41, 'main')] },
      { rank: 2, state: 'finished', frames: [] },
      { rank: 3, state: 'finished', frames: [] },
    ]);
    assert.deepEqual(roots.map((n) => nodeLabel(n)), ['3 ranks finished', '2 ranks at deadlock.ts:16']);
    assert.deepEqual(roots[0].here, [0, 2, 3]);
    const callers = roots[1].callers;
    assert.deepEqual(callers.map((n) => nodeLabel(n)), ['1 rank at deadlock.ts:40', '1 rank at deadlock.ts:41']);
    assert.deepEqual(callers.map((c) => c.here), [[1], [5]]);
    assert.deepEqual(roots[1].here, []);
  });

  it('counts processes, not ranks, when asked (a multiprocessing run)', () => {
    const roots = mergeStacks([
      { rank: 0, name: 'MainProcess', state: 'blocked in join()', frames: [at(9)] },
      { rank: 1, name: 'Process-1', state: 'running', frames: [] },
      { rank: 2, name: 'Process-2', state: 'running', frames: [] },
    ]);
    assert.deepEqual(roots.map((n) => nodeLabel(n, 'process')), ['2 processes running', '1 process at deadlock.ts:9']);
  });
});
