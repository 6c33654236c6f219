/**
 * The launcher's one published interface: a `Run` from `launch()`, with real processes. A watcher
 * that subscribes late gets the run so far replayed; process changes arrive as events (no polling).
 */
import { strict as assert } from 'node:assert';
import { launch, type RunEvent } from '../runtime/launcher/index.js';
import { program } from './helpers/run-cli.js';

const DEADLOCK = `import { MPI } from 'rankscope/mpi';
const comm = MPI.COMM_WORLD;
await comm.recv({ source: 1 - comm.rank });
`;

const LATE_SEND = `import { MPI } from 'rankscope/mpi';
const comm = MPI.COMM_WORLD;
if (comm.rank === 0) console.log('got', await comm.recv({ source: 1 }));
else {
  await new Promise((r) => setTimeout(r, 500));
  await comm.send('x', { dest: 0 });
}
`;

describe('Run: what the launcher publishes', function () {
  this.timeout(60_000);

  it("a 'processes' event reports the call a process is blocked in, and where", async () => {
    const file = program(LATE_SEND);
    const run = launch({ program: file, np: 2 });
    const changes: RunEvent[] = [];
    run.subscribe((e) => e.type === 'processes' && changes.push(e), { trace: false });
    const end = await run.ended;
    assert.equal(end.outcome, 'ok', end.report);
    const blocked = changes.flatMap((e) => (e.type === 'processes' ? e.processes : [])).find((p) => p.index === 0 && p.status === 'blocked');
    assert.ok(blocked, 'rank 0 was seen blocked');
    assert.match(blocked.pending?.text ?? '', /^recv\(source=1\b/);
    assert.equal(blocked.pending?.site?.file, file);
    assert.equal(blocked.pending?.site?.line, 3);
    // Each event carries only what changed: the last word on each rank is that it finished.
    const last = new Map<number, string>();
    for (const e of changes) if (e.type === 'processes') for (const p of e.processes) last.set(p.index, p.status);
    assert.deepEqual([...last.entries()].sort(), [[0, 'finished'], [1, 'finished']]);
  });

  it('pause(processes) stops those processes only (the others go on), resume lets them go on', async () => {
    const file = program(`const rank = Number(process.env.RANKSCOPE_RANK);
for (let i = 0; i < 60; i++) { console.log('tick', rank, i); await new Promise((r) => setTimeout(r, 50)); }
`);
    const run = launch({ program: file, np: 2, tagOutput: true });
    let out = '';
    run.subscribe((e) => { if (e.type === 'output') out += e.text; }, { trace: false });
    const ticks = (rank: number): number => out.split('\n').filter((l) => l.startsWith(`[rank ${rank}] tick`)).length;
    while (ticks(1) < 3) await new Promise((r) => setTimeout(r, 20));
    run.pause([1]);
    await new Promise((r) => setTimeout(r, 300));
    const [zero, one] = [ticks(0), ticks(1)];
    await new Promise((r) => setTimeout(r, 700));
    assert.equal(ticks(1), one, 'rank 1 printed while paused');
    assert.ok(ticks(0) > zero, 'rank 0 stopped too');
    run.resume();
    const end = await run.ended;
    assert.equal(end.outcome, 'ok', end.report);
    assert.equal(ticks(1), 60);
  });

  it('a watcher that subscribes late gets the run so far, then the rest', async () => {
    const run = launch({ program: program(DEADLOCK), np: 2 });
    const late: RunEvent[] = [];
    run.subscribe((e) => {
      if (e.type === 'deadlock') run.subscribe((x) => late.push(x));
    }, { trace: false });
    await run.ended;
    const types = late.filter((e) => e.type !== 'output').map((e) => e.type);
    // The wait-state report is final just before the end (the ranks stuck in the deadlock lost nothing yet counted).
    assert.deepEqual(types, ['processes', 'trace', 'deadlock', 'wait-states', 'end'], `late watcher saw ${types.join(', ')}`);
    const [processes, trace, deadlock, waits, end] = late.filter((e) => e.type !== 'output');
    assert.ok(processes.type === 'processes' && processes.processes.length === 2);
    assert.ok(processes.processes.every((p) => p.status === 'blocked' && p.pending?.text.startsWith('recv(')), JSON.stringify(processes.processes));
    assert.ok(trace.type === 'trace' && trace.events.some((t) => t.kind === 'op-start' && t.op === 'recv'));
    assert.ok(deadlock.type === 'deadlock' && deadlock.deadlock.members.length === 2);
    assert.ok(waits.type === 'wait-states' && waits.report.final && waits.report.rows.length === 0);
    assert.ok(end.type === 'end' && end.end.outcome === 'deadlock' && end.end.deadlock);

    // After the end: the whole run, replayed at once, ending with its end.
    const after: string[] = [];
    run.subscribe((e) => after.push(e.type));
    assert.deepEqual(after, ['processes', 'trace', 'deadlock', 'wait-states', 'end']);
  });

  it("inspect 'on-demand': no inspector until openInspectors(), then one per rank, published; the run goes on", async () => {
    const file = program(`const rank = Number(process.env.RANKSCOPE_RANK);
for (let i = 0; i < 40; i++) await new Promise((r) => setTimeout(r, 50));
console.log('done', rank);
`);
    const run = launch({ program: file, np: 2, inspect: 'on-demand' });
    const inspectors: number[] = [];
    let out = '';
    run.subscribe((e) => {
      if (e.type === 'inspector') inspectors.push(e.target.index);
      if (e.type === 'output') out += e.text;
    }, { trace: false });
    await new Promise((r) => setTimeout(r, 700));
    assert.deepEqual(inspectors, [], 'no inspector opens before it is asked for');
    run.openInspectors?.();
    run.openInspectors?.(); // a second breakpoint: nothing more
    const end = await run.ended;
    assert.equal(end.outcome, 'ok', end.report);
    assert.deepEqual(inspectors.sort(), [0, 1]);
    assert.match(out, /done 0/);
    assert.doesNotMatch(out, /Debugger listening/, "Node's inspector lines stay out of the program's output");
  });
});
