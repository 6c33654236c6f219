/**
 * Process groups (extension/debug/groups.ts): the rank-set parser's answers and messages, and which
 * other ranks a Continue/Step/Pause in one rank goes to for each group.
 */
import * as assert from 'node:assert/strict';
import { ALL, formatRankSet, groupLabel, membersBesides, membersOfRun, parseRankSet, rankSet, RankSetError, type RankState } from '../extension/debug/groups.js';

function error(text: string, size: number): string {
  try {
    parseRankSet(text, size);
  } catch (e) {
    assert.ok(e instanceof RankSetError, `not a RankSetError: ${String(e)}`);
    return e.message;
  }
  assert.fail(`'${text}' parsed`);
}

describe('rank sets', () => {
  it('reads ranks and ranges, in any order, each rank once', () => {
    assert.deepEqual(parseRankSet('0-3,7', 9), [0, 1, 2, 3, 7]);
    assert.deepEqual(parseRankSet(' 7, 2-3 1 ', 9), [1, 2, 3, 7]);
    assert.deepEqual(parseRankSet('2-4,3-5', 9), [2, 3, 4, 5]);
    assert.deepEqual(parseRankSet('8', 9), [8]);
    assert.deepEqual(parseRankSet('4 - 6', 9), [4, 5, 6]);
  });

  it('says why a set is wrong', () => {
    assert.equal(error('12', 9), 'rank 12 is not in this 9-rank run (ranks are 0-8)');
    assert.equal(error('0-9', 9), 'rank 9 is not in this 9-rank run (ranks are 0-8)');
    assert.equal(error('3-1', 9), "'3-1' is not a range: write the low rank first (1-3)");
    assert.equal(error('a', 9), "'a' is not a rank or a range: write ranks like 0-3,7");
    assert.equal(error('-1', 9), "'-1' is not a rank or a range: write ranks like 0-3,7");
    assert.equal(error(' , ', 9), 'name at least one rank, e.g. 0-3,7');
  });

  it('writes a set back in its shortest form', () => {
    assert.equal(formatRankSet([0, 1, 2, 3, 7]), '0-3,7');
    assert.equal(formatRankSet([1, 3, 4, 8]), '1,3-4,8');
    assert.deepEqual(rankSet('3,2,1,0 , 7', 9), { kind: 'set', ranks: [0, 1, 2, 3, 7], text: '0-3,7' });
  });
});

describe('which ranks a group acts on', () => {
  // Ranks 0-3 stopped at ring.ts:14, 4-5 at ring.ts:20, 6-8 running.
  const ranks: RankState[] = Array.from({ length: 9 }, (_, index) => ({ index, stoppedAt: index < 4 ? 'ring.ts:14' : index < 6 ? 'ring.ts:20' : undefined }));

  it('all: every other rank', () => {
    assert.deepEqual(membersBesides(ALL, ranks[2], ranks), [0, 1, 3, 4, 5, 6, 7, 8]);
  });

  it('focused: no other rank', () => {
    assert.deepEqual(membersBesides({ kind: 'focused' }, ranks[2], ranks), []);
  });

  it('same line: the others stopped where the acting rank is', () => {
    assert.deepEqual(membersBesides({ kind: 'sameLine' }, ranks[1], ranks), [0, 2, 3]);
    assert.deepEqual(membersBesides({ kind: 'sameLine' }, ranks[5], ranks), [4]);
    assert.deepEqual(membersBesides({ kind: 'sameLine' }, ranks[7], ranks), [], 'a running rank is at no line');
  });

  it('a set: its other members, whether or not the acting rank is one', () => {
    const set = rankSet('0-3,7', 9);
    assert.deepEqual(membersBesides(set, ranks[1], ranks), [0, 2, 3, 7]);
    assert.deepEqual(membersBesides(set, ranks[5], ranks), [0, 1, 2, 3, 7]);
    assert.deepEqual(membersBesides(set, ranks[0], ranks.slice(0, 2)), [1], 'only ranks that have a debugger');
  });

  it('acting on the whole run (its session, not a rank): a set is the set, any other group all ranks', () => {
    const all = [0, 1, 2, 3, 4];
    assert.deepEqual(membersOfRun(ALL, all), all);
    assert.deepEqual(membersOfRun({ kind: 'focused' }, all), all, 'no rank is focused in the run itself');
    assert.deepEqual(membersOfRun({ kind: 'sameLine' }, all), all);
    assert.deepEqual(membersOfRun(rankSet('0-1,7', 9), all), [0, 1], 'only ranks of the set that are there');
  });

  it('labels the group for the status bar', () => {
    assert.equal(groupLabel(ALL, 9), 'all (9)');
    assert.equal(groupLabel(rankSet('0-3,7', 9), 9), '0-3,7');
    assert.equal(groupLabel({ kind: 'sameLine' }, 9), 'same line');
    assert.equal(groupLabel({ kind: 'focused' }, 9), 'focused rank');
  });
});
