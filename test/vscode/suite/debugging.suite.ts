/**
 * The `rankscope` debug type inside a real VS Code: F5-equivalent launches of the samples with
 * 9 ranks, a breakpoint that stops in rank 4 through the attached JavaScript debugger, the
 * deadlock stop with the report, and the sequence diagram opening beside the editor.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { DapLog } from './dap-log.js';

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
    for (const c of ['rankscope.runWithRanks', 'rankscope.openSequenceDiagram', 'rankscope.openTrace', 'rankscope.openBenchmark', 'rankscope.openSamples']) assert.ok(commands.includes(c), c);
  });

  it('runs point-to-point with 9 ranks, stops at a breakpoint in rank 4, and completes', async () => {
    const file = sample('mpi/point-to-point.ts');
    await vscode.window.showTextDocument(file);
    vscode.debug.addBreakpoints([new vscode.SourceBreakpoint(new vscode.Location(file, new vscode.Position(24, 0)))]);
    const folder = vscode.workspace.workspaceFolders![0];
    assert.ok(await vscode.debug.startDebugging(folder, { type: 'rankscope', request: 'launch', name: 'p2p 9', program: file.fsPath, np: 9 }));
    const hit = await log.waitFor((m) => m.event === 'stopped' && m.body.reason === 'breakpoint', 45000);
    assert.equal(hit.rootName, 'rank 4', `stopped in ${hit.rootName}`);
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

  it('Ctrl+F5 (noDebug) starts no JavaScript debugger, breakpoints or not', async () => {
    const file = sample('mpi/point-to-point.ts');
    vscode.debug.addBreakpoints([new vscode.SourceBreakpoint(new vscode.Location(file, new vscode.Position(24, 0)))]);
    assert.ok(await vscode.debug.startDebugging(vscode.workspace.workspaceFolders![0], { type: 'rankscope', request: 'launch', name: 'nodebug', program: file.fsPath, np: 9 }, { noDebug: true }));
    await log.waitFor((m) => m.event === 'terminated' && m.session.type === 'rankscope', 30000);
    assert.equal(log.sessions().filter((s) => s.type !== 'rankscope').length, 0, 'a child debug session was started');
    assert.match(log.output('rankscope'), /\[rank 4\] data received is = 10000000/);
  });
});
