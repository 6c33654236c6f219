/**
 * The `rankscope` debug type inside a real VS Code: F5-equivalent launches of the samples with
 * 9 ranks, a breakpoint that stops in rank 4 through the attached JavaScript debugger, the
 * deadlock stop with the report, and the sequence diagram opening beside the editor.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { DapLog, type Seen } from './dap-log.js';

const SAMPLES = vscode.workspace.workspaceFolders![0].uri.fsPath;
const sample = (p: string): vscode.Uri => vscode.Uri.file(path.join(SAMPLES, p));

describe('rankscope debug type in VS Code', () => {
  const log = new DapLog();
  before(async () => {
    const ext = vscode.extensions.all.find((e) => e.packageJSON.name === 'rankscope');
    assert.ok(ext, 'the Rankscope extension is not loaded');
    log.register();
  });
  afterEach(async () => {
    vscode.debug.removeBreakpoints(vscode.debug.breakpoints);
    // A session that is ending already answers the stop with "Canceled": it ends all the same.
    await vscode.debug.stopDebugging().then(undefined, () => undefined);
    log.clear();
  });

  it('contributes its commands', async () => {
    await vscode.extensions.all.find((e) => e.packageJSON.name === 'rankscope')!.activate();
    const commands = await vscode.commands.getCommands(true);
    for (const c of ['rankscope.runWithRanks', 'rankscope.openSequenceDiagram', 'rankscope.openTrace', 'rankscope.attachToRun', 'rankscope.openBenchmark', 'rankscope.openSamples']) assert.ok(commands.includes(c), c);
  });

  it('runs point-to-point with 9 ranks, stops at a breakpoint in rank 4, and completes', async function () {
    // Its waits (45 s for the stop, 30 s for the end) need more than mocha's 60 s on a loaded machine.
    this.timeout(120000);
    const file = sample('mpi/point-to-point.ts');
    await vscode.window.showTextDocument(file);
    vscode.debug.addBreakpoints([new vscode.SourceBreakpoint(new vscode.Location(file, new vscode.Position(24, 0)))]);
    const folder = vscode.workspace.workspaceFolders![0];
    assert.ok(await vscode.debug.startDebugging(folder, { type: 'rankscope', request: 'launch', name: 'p2p 9', program: file.fsPath, np: 9 }));
    const hit = await log.waitFor((m) => m.event === 'stopped' && m.body.reason === 'breakpoint', 45000);
    // A rank's session is named with its state (`rank 4 — paused on breakpoint`): the rank is the name's start.
    assert.match(hit.rootName ?? '', /^rank 4(?!\d)/, `stopped in ${hit.rootName}`);
    const frames = await hit.session.customRequest('stackTrace', { threadId: hit.body.threadId });
    assert.equal(frames.stackFrames[0].line, 25);
    assert.match(frames.stackFrames[0].source.path, /point-to-point\.ts$/);
    await hit.session.customRequest('continue', { threadId: hit.body.threadId });
    await log.waitFor((m) => m.event === 'terminated' && m.session.type === 'rankscope', 30000);
    const out = log.output('rankscope');
    for (let r = 0; r < 9; r++) assert.match(out, new RegExp(`\\[rank ${r}\\] my rank is :  ${r}`), out);
    assert.match(out, /\[rank 4\] data received is = 10000000/);
    assert.equal(log.exitCode('rankscope'), 0);
  });

  it('stops on the deadlock sample with the report, and opens the sequence diagram', async () => {
    const file = sample('mpi/deadlock.ts');
    await vscode.window.showTextDocument(file);
    const started = Date.now();
    assert.ok(await vscode.debug.startDebugging(vscode.workspace.workspaceFolders![0], { type: 'rankscope', request: 'launch', name: 'deadlock 9', program: file.fsPath, np: 9 }));
    const found = await log.waitFor((m) => m.event === 'rankscope/deadlock', 20000);
    const stopped = await log.waitFor((m) => m.event === 'stopped' && m.session.type === 'rankscope', 1000);
    assert.equal(stopped.body.text, 'Deadlock detected');
    assert.ok(stopped.at - found.at < 1000, `stopped ${stopped.at - found.at} ms after detection`);
    assert.match(found.body.text, /deadlock detected: rank 1, rank 5/);
    const frames = await stopped.session.customRequest('stackTrace', { threadId: 2 });
    assert.equal(frames.stackFrames[0].line, 16);
    const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs);
    assert.ok(tabs.some((t) => t.input instanceof vscode.TabInputWebview && t.label.includes('Sequence Diagram')), `tabs: ${tabs.map((t) => t.label).join(', ')}`);
    console.log(`deadlock stop ${Date.now() - started} ms after F5`);
  });

  it('a breakpoint held 70 s right after a send: the message arrives meanwhile, and after Continue the ring finishes', async function () {
    this.timeout(300000);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rankscope-ring-')), 'ring.ts');
    fs.writeFileSync(file, RING);
    const sleepLine = RING.split('\n').findIndex((l) => l.includes('await sleep(200)'));
    vscode.debug.addBreakpoints([new vscode.SourceBreakpoint(new vscode.Location(vscode.Uri.file(file), new vscode.Position(sleepLine, 0)))]);
    const folder = vscode.workspace.workspaceFolders![0];
    assert.ok(await vscode.debug.startDebugging(folder, { type: 'rankscope', request: 'launch', name: 'ring 9', program: file, np: 9 }));
    const stopsIn = (r: number, ms: number): Promise<Seen> => log.waitFor((m) => m.event === 'stopped' && m.session.type !== 'rankscope' && new RegExp(`^rank ${r}(?!\\d)`).test(m.rootName ?? ''), ms);
    // Rank 0 sends first, then stops: held there past the old 60 s connect deadline. Its message
    // has left (rank 1 takes it, sends on, and stops in turn), and so on round the ring.
    const first = await stopsIn(0, 120000);
    await new Promise((r) => setTimeout(r, 70000));
    const stops = [first];
    for (let r = 1; r < 9; r++) stops.push(await stopsIn(r, 1000));
    assert.equal(log.exitCode('rankscope'), undefined, `the run ended while rank 0 was held:\n${log.output('rankscope')}`);
    vscode.debug.removeBreakpoints(vscode.debug.breakpoints);
    // One Continue: the process group (all ranks by default) resumes every rank stopped.
    await stops[0].session.customRequest('continue', { threadId: stops[0].body.threadId });
    await log.waitFor((m) => m.event === 'terminated' && m.session.type === 'rankscope', 60000);
    const out = log.output('rankscope');
    assert.match(out, /\[rank 0\] done 0 36/, out);
    for (let r = 1; r < 9; r++) assert.match(out, new RegExp(`\\[rank ${r}\\] done ${r}`), out);
    assert.equal(log.exitCode('rankscope'), 0, out);
  });

  it('Ctrl+F5 (noDebug) starts no JavaScript debugger, breakpoints or not', async () => {
    const file = sample('mpi/point-to-point.ts');
    vscode.debug.addBreakpoints([new vscode.SourceBreakpoint(new vscode.Location(file, new vscode.Position(24, 0)))]);
    assert.ok(await vscode.debug.startDebugging(vscode.workspace.workspaceFolders![0], { type: 'rankscope', request: 'launch', name: 'nodebug', program: file.fsPath, np: 9 }, { noDebug: true }));
    await log.waitFor((m) => m.event === 'terminated' && m.session.type === 'rankscope', 30000);
    assert.equal(log.sessions().filter((s) => s.type !== 'rankscope').length, 0, 'a child debug session was started');
    assert.match(log.output('rankscope'), /\[rank 4\] data received is = 10000000/);
  });
});

/** The report's ring: receive from the left, send to the right, sleep 200 ms (the breakpoint's line). */
const RING = `import { MPI } from 'rankscope/mpi';
const comm = MPI.COMM_WORLD;
const rank = comm.Get_rank();
const size = comm.Get_size();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let token = 0;
if (rank !== 0) token = (await comm.recv((rank + size - 1) % size)) + rank;
await comm.send(token, (rank + 1) % size);
await sleep(200);
if (rank === 0) token = await comm.recv(size - 1);
console.log('done', rank, rank === 0 ? token : '');
`;
