/**
 * The message-queue model (TotalView's view) fed with the trace of real runs through `launch()`:
 * at a deadlock, the queues name the receives each blocked rank posted, the sends nobody took,
 * and the collectives entered by part of their group.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { launch } from '../runtime/launcher/index.js';
import { MessageQueues } from '../runtime/contract/message-queues.js';
import { program } from './helpers/run-cli.js';

async function queuesAtEnd(file: string, np: number) {
  const run = launch({ program: file, np });
  const model = new MessageQueues();
  run.subscribe((e) => { if (e.type === 'trace') model.add(e.events); });
  const end = await run.ended;
  return { end, queues: model.queues() };
}

// Rank 0 sends a message nobody receives, rank 2 posts an ANY_SOURCE receive nobody sends to,
// then ranks 1 and 2 wait in a barrier rank 0 never enters.
const MIXED = `import { MPI } from 'rankscope/mpi';
const comm = MPI.COMM_WORLD;
if (comm.rank === 0) { await comm.send('x', { dest: 1, tag: 7 }); }
if (comm.rank === 2) { comm.irecv({ source: MPI.ANY_SOURCE, tag: MPI.ANY_TAG }); }
if (comm.rank !== 0) await comm.barrier();
`;

describe('Message queues from a real run', function () {
  this.timeout(60_000);

  it('the deadlock sample: ranks 1 and 5 each have one posted receive from the other, nothing else', async () => {
    const file = resolve('samples/mpi/deadlock.ts');
    // The lines of the sample's two receives, read from the sample itself (rank 1's first).
    const recvLines = readFileSync(file, 'utf8').split('\n').flatMap((l, i) => (/\brecv\(/.test(l) ? [i + 1] : []));
    const { end, queues } = await queuesAtEnd(file, 9);
    assert.equal(end.outcome, 'deadlock');
    const members = end.deadlock!.members.map((m) => m.rank ?? m).sort();
    const withRecvs = queues.filter((q) => q.recvs.length > 0);
    assert.deepEqual(withRecvs.map((q) => q.rank), [1, 5], JSON.stringify(members));
    for (const q of withRecvs) {
      assert.equal(q.recvs.length, 1);
      assert.equal(q.recvs[0].source, q.rank === 1 ? 5 : 1);
      assert.equal(q.recvs[0].site?.line, recvLines[q.rank === 1 ? 0 : 1]);
      assert.match(q.recvs[0].text, /tag=ANY_TAG/);
    }
    assert.ok(queues.every((q) => q.sends.length === 0 && q.collectives.length === 0));
  });

  it('a send nobody took, an ANY_SOURCE irecv and a barrier two of three entered', async () => {
    const { queues } = await queuesAtEnd(program(MIXED), 3);
    const [r0, r1, r2] = queues;
    assert.deepEqual(r0.sends.map((s) => [s.peer, s.tag]), [[1, 7]]);
    assert.equal(r0.collectives.length, 0);
    assert.deepEqual(r2.recvs.map((r) => r.text), ['irecv(source=ANY_SOURCE, tag=ANY_TAG)']);
    for (const r of [r1, r2]) {
      assert.equal(r.collectives.length, 1, JSON.stringify(r));
      assert.equal(r.collectives[0].entered, 2);
      assert.equal(r.collectives[0].groupSize, 3);
    }
  });
});
