// A Run published on a socket and watched through a RunClient: the wire, the descriptor, the
// ended record and the listing, with an in-memory Run standing for the launcher's.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { listRuns } from '../runtime/attach/list-runs.js';
import { RunClient } from '../runtime/attach/run-client.js';
import { runLabel } from '../runtime/attach/run-labels.js';
import type { Run, RunEnd, RunEvent, RunInfo, RunListener } from '../runtime/contract/run.js';
import { RUN_WIRE_VERSION, RunWireError, runsFolder } from '../runtime/contract/run-wire.js';
import type { TraceEvent } from '../runtime/contract/trace-events.js';
import { KEEP_ENDED, RunPublication } from '../runtime/launcher/publish.js';
import { RunRecorder, writeEndedRecord } from '../runtime/launcher/run-record-file.js';
import { RecordRun } from '../runtime/attach/record-run.js';

/** A Run kept in memory: what it was told to emit, replayed to each new listener. */
class MemoryRun implements Run {
  readonly commands: string[] = [];
  readonly ended: Promise<RunEnd>;
  private readonly log: RunEvent[] = [];
  private readonly listeners = new Set<RunListener>();
  private done!: (end: RunEnd) => void;
  constructor(readonly info: RunInfo) {
    this.ended = new Promise((r) => (this.done = r));
  }
  emit(e: RunEvent): void {
    this.log.push(e);
    for (const l of this.listeners) l(e);
    if (e.type === 'end') this.done(e.end);
  }
  subscribe(l: RunListener): () => void {
    for (const e of this.log) l(e);
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }
  pause(processes?: readonly number[]): void {
    this.commands.push(processes ? `pause ${processes.join(',')}` : 'pause');
  }
  resume(): void {
    this.commands.push('resume');
  }
  stop(): Promise<RunEnd> {
    this.commands.push('stop');
    this.emit({ type: 'end', end: { outcome: 'interrupted', exitCode: 143 } });
    return this.ended;
  }
}

const folder = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'rankscope-publish-'));
const info = (cwd: string): RunInfo => ({ program: 'ring.ts', programPath: path.join(cwd, 'ring.ts'), cwd, np: 2, startedAt: Date.now(), launcher: 'test', pid: process.pid });
const op = (rank: number, id: number, t: number): TraceEvent => ({ kind: 'op-start', rank, id, t, op: 'send', text: 'send(dest=1)', comm: 'WORLD' });
const until = async (what: () => boolean): Promise<void> => {
  while (!what()) await new Promise((r) => setTimeout(r, 10));
};

describe('a Run published on a socket', () => {
  it('a viewer attached mid-run gets the replay, then live events, then the end; its commands reach the run', async () => {
    const cwd = folder();
    const run = new MemoryRun(info(cwd));
    run.emit({ type: 'processes', processes: [0, 1].map((index) => ({ index, name: `rank ${index}`, status: 'running' as const })) });
    run.emit({ type: 'trace', events: [op(0, 1, 10)] });
    const pub = await RunPublication.publish(run, { folder: cwd });
    assert.ok(pub);
    const descriptor = path.join(runsFolder(cwd), `${process.pid}.json`);
    assert.ok(fs.existsSync(descriptor));
    const listed = await listRuns(cwd);
    assert.deepEqual(listed.map((r) => r.kind), ['live']);

    const client = await RunClient.connect(descriptor);
    assert.equal(client.info.program, 'ring.ts');
    const seen: RunEvent[] = [];
    client.subscribe((e) => seen.push(e));
    await until(() => seen.length === 2);
    run.emit({ type: 'trace', events: [op(1, 1, 20)] });
    await until(() => seen.length === 3);
    assert.deepEqual(seen.map((e) => e.type), ['processes', 'trace', 'trace']);
    client.pause([1]);
    client.pause();
    client.resume();
    await until(() => run.commands.length === 3);
    const end = await client.stop();
    assert.equal(end.outcome, 'interrupted');
    assert.deepEqual(run.commands, ['pause 1', 'pause', 'resume', 'stop']);
    // A late subscriber of the client gets everything it received, the end last.
    const late: string[] = [];
    client.subscribe((e) => late.push(e.type));
    assert.deepEqual(late, ['processes', 'trace', 'trace', 'end']);

    await pub.closed;
    assert.ok(!fs.existsSync(descriptor), 'the descriptor goes with the run');
    const after = await listRuns(cwd);
    assert.equal(after.length, 1);
    assert.equal(after[0].kind, 'ended');
    // The record is a trace file the diagram opens: its names and events are there.
    const record = JSON.parse(fs.readFileSync(after[0].file, 'utf8'));
    assert.deepEqual(record.rankscope.names, ['rank 0', 'rank 1']);
    assert.equal(record.rankscope.events.length, 2);
    assert.equal(record.rankscope.outcome, 'interrupted');
    assert.ok(Array.isArray(record.traceEvents));
  });

  it('a folder keeps only the newest ended records', async () => {
    const cwd = folder();
    fs.mkdirSync(runsFolder(cwd), { recursive: true });
    for (let i = 0; i < KEEP_ENDED + 2; i++) {
      const old = path.join(runsFolder(cwd), `${100000 + i}.ended.json`);
      fs.writeFileSync(old, '{}');
      fs.utimesSync(old, new Date(2000, 0, 1 + i), new Date(2000, 0, 1 + i));
    }
    const run = new MemoryRun(info(cwd));
    const pub = await RunPublication.publish(run, { folder: cwd });
    run.emit({ type: 'end', end: { outcome: 'ok', exitCode: 0 } });
    await pub!.closed;
    const records = fs.readdirSync(runsFolder(cwd)).filter((f) => f.endsWith('.ended.json')).sort();
    assert.equal(records.length, KEEP_ENDED);
    assert.ok(records.includes(`${process.pid}.ended.json`));
    assert.ok(!records.includes('100000.ended.json'), 'the oldest went');
  });

  it('a descriptor of a dead process is removed; a bad or other-version descriptor is a clear error', async () => {
    const cwd = folder();
    const dir = runsFolder(cwd);
    fs.mkdirSync(dir, { recursive: true });
    const dead = path.join(dir, '999999.json');
    fs.writeFileSync(dead, JSON.stringify({ v: RUN_WIRE_VERSION, socket: path.join(cwd, 'no.sock'), info: info(cwd) }));
    assert.deepEqual(await listRuns(cwd), []);
    assert.ok(!fs.existsSync(dead));

    const other = path.join(dir, `${process.pid}.json`);
    fs.writeFileSync(other, JSON.stringify({ v: RUN_WIRE_VERSION + 1, socket: 'x', info: info(cwd) }));
    const listed = await listRuns(cwd);
    assert.equal(listed[0].kind, 'unreadable');
    await assert.rejects(RunClient.connect(other), (e: Error) => e instanceof RunWireError && e.message.includes(`v${RUN_WIRE_VERSION + 1}`) && e.message.includes(`v${RUN_WIRE_VERSION}`));
    fs.writeFileSync(other, 'not json');
    await assert.rejects(RunClient.connect(other), (e: Error) => e instanceof RunWireError && /not a Rankscope run descriptor/.test(e.message));
    fs.writeFileSync(other, JSON.stringify({ v: RUN_WIRE_VERSION, socket: path.join(cwd, 'no.sock'), info: info(cwd) }));
    await assert.rejects(RunClient.connect(other), (e: Error) => e instanceof RunWireError && /no longer answers/.test(e.message));
  });

  it('a picker reads live runs with their ranks, age and pid, ended ones with how and when they ended', () => {
    const i = { ...info('/w'), program: 'mpi/deadlock.ts', programPath: '/w/mpi/deadlock.ts', np: 9, startedAt: 1_000_000, pid: 123 };
    assert.equal(runLabel({ kind: 'live', file: 'f', descriptor: { v: RUN_WIRE_VERSION, socket: 's', info: i }, info: i }, 1_012_000).label, 'deadlock.ts — 9 ranks — running 12 s (pid 123)');
    const head = { v: RUN_WIRE_VERSION, info: i, outcome: 'deadlock' as const, exitCode: 3, endedAt: 1_000_000, skipped: 0 };
    assert.equal(runLabel({ kind: 'ended', file: 'f', head, info: i }, 1_040_000).label, 'deadlock.ts — deadlock, 40 s ago');
  });

  it('a record past its cap keeps the first events and says how many it left out; it opens as an ended Run', () => {
    const cwd = folder();
    const rec = new RunRecorder(2);
    rec.add({ type: 'processes', processes: [{ index: 0, name: 'rank 0', status: 'blocked', pending: { text: 'recv(source=1, tag=ANY)', since: 1 } }] });
    rec.add({ type: 'trace', events: [op(0, 1, 1), op(0, 2, 2), op(0, 3, 3)] });
    const file = path.join(cwd, '1.ended.json');
    const note = writeEndedRecord(file, info(cwd), rec, { outcome: 'deadlock', exitCode: 86, report: 'the report' });
    assert.match(note!, /keeps its first 2 trace events and leaves out 1/);
    const run = RecordRun.open(file);
    const seen: RunEvent[] = [];
    run.subscribe((e) => seen.push(e));
    assert.deepEqual(seen.map((e) => e.type), ['processes', 'trace', 'wait-states', 'end']);
    assert.equal(seen[1].type === 'trace' && seen[1].events.length, 2);
    assert.ok(seen[0].type === 'processes' && seen[0].processes[0].pending?.text === 'recv(source=1, tag=ANY)');
    assert.ok(seen[3].type === 'end' && /the report\n.*leaves out 1/.test(seen[3].end.report ?? ''));
  });
});
