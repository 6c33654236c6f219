/**
 * Message races: a receive from MPI.ANY_SOURCE that took one message while another rank's, able to
 * match it, had already been sent. Named after the run with both senders and lines, as a note
 * (collecting in any order is often meant); receives that had no choice are not named.
 */
import { strict as assert } from 'node:assert';
import { runProgram } from './helpers/run-cli.js';

const HEAD = `import { MPI } from 'rankscope/mpi';\nconst comm = MPI.COMM_WORLD;\n`; // body on line 3

describe('message races', () => {
  it('a fan-in with ANY_SOURCE whose senders were all waiting is named, with the receive and both senders', async () => {
    const r = await runProgram(`${HEAD}if (comm.rank === 0) {
  await new Promise((res) => setTimeout(res, 300)); // every sender's message is there before the first receive
  for (let i = 1; i < comm.size; i++) await comm.recv({ tag: 5 });
} else await comm.send(comm.rank, 0, 5);
`, 3);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /rankscope: note: 1 message race: a receive from any source took one message while another rank's could have matched it/);
    assert.match(r.stderr, /rank 0: recv\(source=ANY, tag=5\) at .*prog\.ts:5 took rank (1|2)'s message \(send\(dest=0, tag=5\) at .*prog\.ts:6\);\n      rank (1|2)'s \(send\(dest=0, tag=5\) at .*prog\.ts:6\) could have come first/);
    assert.doesNotMatch(r.stderr, /warning/);
  });

  it('--explore runs the program again with the race going the other way, and names the deadlock that order meets', async () => {
    // Rank 2 sleeps before it sends, so rank 0 meets rank 1's message first in every ordinary run.
    const prog = `${HEAD}if (comm.rank === 0) {
  const first = await comm.recv({ tag: 5 });
  const second = await comm.recv({ tag: 5 });
  if (first === 2) await comm.recv({ source: 2, tag: 6 }); // an order the author never met
  console.log('order', first, second);
} else if (comm.rank === 1) await comm.send(1, 0, 5);
else { await new Promise((res) => setTimeout(res, 200)); await comm.send(2, 0, 5); }
`;
    const r = await runProgram(prog, 3, ['--explore']);
    assert.equal(r.code, 86, r.stderr);
    assert.equal(r.stdout.trim(), 'order 1 2', 'the first run is the ordinary one');
    assert.match(r.stderr, /rankscope: explore: 1 race, each run again the other way:\n  1\. rank 0's recv\(source=ANY, tag=5\) at .*prog\.ts:4 \(its receive from any source #1\) taking rank 2's message instead of rank 1's: deadlock \(exit 86\)/);
    assert.match(r.stderr, /rank 0: recv\(source=2, tag=6\) at .*prog\.ts:6/);
    assert.match(r.stderr, /another order of these messages ends badly: the program depends on timing/);
    // Collected in any order and summed: every order ends alike.
    const sum = await runProgram(`${HEAD}if (comm.rank === 0) { let s = 0; for (let i = 1; i < comm.size; i++) s += await comm.recv({ tag: 5 }); console.log('sum', s); }
else { await new Promise((res) => setTimeout(res, 50 * comm.rank)); await comm.send(comm.rank, 0, 5); }
`, 3, ['--explore']);
    assert.equal(sum.code, 0, sum.stderr);
    assert.match(sum.stderr, /the same outcome and output\n.*every other order ended as this run did/);
  });

  it('no note when the receive names its source, or when only one message could match', async () => {
    for (const body of [
      `if (comm.rank === 0) { await new Promise((res) => setTimeout(res, 300)); for (let i = 1; i < comm.size; i++) await comm.recv({ source: i, tag: 5 }); }
else await comm.send(comm.rank, 0, 5);`,
      // A token ring: each wildcard receive has exactly one message it can take.
      `const next = (comm.rank + 1) % comm.size;
if (comm.rank === 0) { await comm.send(0, next, 1); await comm.recv({ tag: 1 }); }
else { const v = await comm.recv({ tag: 1 }); await comm.send(v + 1, next, 1); }`,
    ]) {
      const r = await runProgram(`${HEAD}${body}\n`, 3);
      assert.equal(r.code, 0, `${body}\n${r.stderr}`);
      assert.doesNotMatch(r.stderr, /message race/, body);
    }
  });
});
