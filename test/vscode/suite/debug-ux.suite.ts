/**
 * What a person sees while debugging (issue 18): stops on the user's lines, never in Rankscope's
 * runtime; a multiprocessing program run once whatever the configuration's "np"; each Debug
 * Console line once, paths relative to the folder, a closing line with the exit status and time;
 * build errors in the Problems view.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { DapLog } from './dap-log.js';

const folder = (): vscode.WorkspaceFolder => vscode.workspace.workspaceFolders![0];
const SAMPLES = folder().uri.fsPath;

/** Programs outside the workspace, written for each test. */
function program(name: string, text: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rankscope-ux-'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

const SEND_TO_5 = `import { MPI } from 'rankscope/mpi';

const comm = MPI.COMM_WORLD;
const rank = comm.Get_rank();
if (rank === 0) {
  await comm.send('hello', { dest: 5 });
}
if (rank === 99) {
  console.log('never');
}
`;

const MULTIPROCESSING = `import * as mp from 'rankscope/multiprocessing';

export function child() {
  console.log('child says hi');
}

await mp.main(async () => {
  const p = new mp.Process({ target: child });
  await p.start();
  await p.join();
  console.log('main done');
});
`;

/** Polls `get` until `ok` holds (or the time is up), and returns its last value. */
async function until<T>(get: () => T, ok: (v: T) => boolean, ms: number): Promise<T> {
  const end = Date.now() + ms;
  let v = get();
  while (!ok(v) && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 200));
    v = get();
  }
  return v;
}

const count = (text: string, what: string): number => text.split(what).length - 1;
/** A DAP source path as the extension host sees it (code-server's are vscode-remote:// URIs). */
const fsPath = (p: string | undefined): string | undefined => (p?.includes('://') ? vscode.Uri.parse(p).path : p);

describe('debugging experience (issue 18)', function () {
  // Real runs with a JavaScript debugger per rank, on a loaded machine.
  this.timeout(180000);
  const log = new DapLog();
  let runtimeDir = '';
  before(() => {
    log.register();
    runtimeDir = path.join(vscode.extensions.all.find((e) => e.packageJSON.name === 'rankscope')!.extensionPath, 'runtime');
  });
  afterEach(async () => {
    vscode.debug.removeBreakpoints(vscode.debug.breakpoints);
    // A session that is ending already answers the stop with "Canceled": it ends all the same.
    await vscode.debug.stopDebugging().then(undefined, () => undefined);
    log.clear();
  });

  const openTabs = (): string[] => vscode.window.tabGroups.all.flatMap((g) => g.tabs).flatMap((t) => (t.input instanceof vscode.TabInputText ? [t.input.uri.fsPath] : []));

  for (const withBreakpoint of [false, true]) {
    it(`an MPI error (np 4, a send to rank 5) stops at the user's line, never in the runtime${withBreakpoint ? ', with a JavaScript debugger in each rank' : ''}`, async () => {
      const file = program('send5.ts', SEND_TO_5);
      await vscode.window.showTextDocument(vscode.Uri.file(file));
      // A breakpoint on a line no rank runs: every rank gets js-debug attached, none stops there.
      if (withBreakpoint) vscode.debug.addBreakpoints([new vscode.SourceBreakpoint(new vscode.Location(vscode.Uri.file(file), new vscode.Position(8, 0)))]);
      assert.ok(await vscode.debug.startDebugging(folder(), { type: 'rankscope', request: 'launch', name: 'send to 5', program: file, np: 4 }));
      const stopped = await log.waitFor((m) => m.event === 'stopped' && m.session.type === 'rankscope', 60000);
      const { stackFrames } = await stopped.session.customRequest('stackTrace', { threadId: stopped.body.threadId });
      assert.equal(fsPath(stackFrames[0].source?.path), fs.realpathSync(file), JSON.stringify(stackFrames));
      assert.equal(stackFrames[0].line, 6);
      assert.ok(stackFrames.every((f: { source?: { path?: string } }) => !fsPath(f.source?.path)?.startsWith(runtimeDir)), `a runtime frame: ${JSON.stringify(stackFrames)}`);
      // The workbench reveals the stop: the user's file, and no file of the runtime opened.
      await new Promise((r) => setTimeout(r, 3000));
      assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, fs.realpathSync(file));
      assert.ok(openTabs().every((t) => !t.startsWith(runtimeDir)), `tabs: ${openTabs().join(', ')}`);
      // No js-debug session stopped anywhere (in a runtime file or elsewhere).
      const jsStop = log.find((m) => m.event === 'stopped' && m.session.type !== 'rankscope');
      assert.equal(jsStop, undefined, `a JavaScript session stopped: ${JSON.stringify(jsStop?.body)}`);
      await log.waitFor((m) => m.event === 'rankscope/ended', 30000);
      const out = log.output('rankscope');
      assert.doesNotMatch(out, /runtime\/mpi\//, out);
      assert.match(out, /\(\.\/send5\.ts:6:\d+\)|send5\.ts:6:\d+/, out);
    });
  }

  it('a multiprocessing program started from an MPI configuration (np 9) runs once, and the Debug Console says why', async () => {
    const file = program('mp-once.ts', MULTIPROCESSING);
    assert.ok(await vscode.debug.startDebugging(folder(), { type: 'rankscope', request: 'launch', name: 'mp from np 9', program: file, np: 9 }));
    await log.waitFor((m) => m.event === 'terminated' && m.session.type === 'rankscope', 60000);
    const out = log.output('rankscope');
    assert.equal(count(out, 'main done'), 1, out);
    assert.equal(count(out, 'child says hi'), 1, out);
    assert.match(out, /mp-once\.ts imports rankscope\/multiprocessing, so it runs once, as its main process/, out);
    assert.equal(log.exitCode('rankscope'), 0);
  });

  it('with breakpoints, each Debug Console line appears once, and the last says how the run ended', async () => {
    const file = vscode.Uri.file(path.join(SAMPLES, 'mpi/point-to-point.ts'));
    await vscode.window.showTextDocument(file);
    vscode.debug.addBreakpoints([new vscode.SourceBreakpoint(new vscode.Location(file, new vscode.Position(24, 0)))]);
    assert.ok(await vscode.debug.startDebugging(folder(), { type: 'rankscope', request: 'launch', name: 'p2p once', program: file.fsPath, np: 9 }));
    const hit = await log.waitFor((m) => m.event === 'stopped' && m.body.reason === 'breakpoint', 90000);
    await hit.session.customRequest('continue', { threadId: hit.body.threadId });
    await log.waitFor((m) => m.event === 'terminated' && m.session.type === 'rankscope', 60000);
    // Output from every session: ours and the ranks' JavaScript debuggers (merged into one console).
    const all = log.allOutput().filter((o) => o.category !== 'telemetry').map((o) => o.text).join('');
    for (let r = 0; r < 9; r++) assert.equal(count(all, `my rank is :  ${r}\n`), 1, `rank ${r}:\n${all}`);
    assert.equal(count(all, 'data received is = 10000000'), 1, all);
    assert.match(all, /\[rank 4\] data received is = 10000000/);
    const lines = log.output('rankscope').trimEnd().split('\n');
    assert.match(lines[lines.length - 1], /^rankscope: run ended — exit status 0 in \d+\.\d\d s$/, lines.join('\n'));
  });

  it('report paths are relative to the workspace folder (./mpi/deadlock.ts:16), which the Debug Console links', async () => {
    const file = path.join(SAMPLES, 'mpi/deadlock.ts');
    assert.ok(await vscode.debug.startDebugging(folder(), { type: 'rankscope', request: 'launch', name: 'deadlock paths', program: file, np: 9 }));
    await log.waitFor((m) => m.event === 'rankscope/ended', 60000);
    const out = log.output('rankscope');
    assert.match(out, /recv\(source=5, tag=ANY\) at \.\/mpi\/deadlock\.ts:16/, out);
    assert.ok(!out.includes(`${SAMPLES}/`), out);
    assert.match(out, /rankscope: run ended — exit status 86 \(deadlock\) in \d+\.\d\d s/, out);
  });

  it('a syntax error shows in the Problems view at its line, until a run builds', async () => {
    const file = program('broken.ts', `import { MPI } from 'rankscope/mpi';\n\nconst comm = MPI.COMM_WORLD;\nif (comm.rank === 0 {\n  console.log('never');\n}\n`);
    const uri = vscode.Uri.file(file);
    assert.ok(await vscode.debug.startDebugging(folder(), { type: 'rankscope', request: 'launch', name: 'broken', program: file, np: 2 }));
    await log.waitFor((m) => m.event === 'rankscope/ended', 60000);
    // The extension hears of the end through the workbench, a round trip after this tracker.
    const problems = await until(() => vscode.languages.getDiagnostics(uri), (d) => d.length > 0, 30000);
    assert.equal(problems.length, 1, JSON.stringify(problems));
    assert.equal(problems[0].range.start.line, 3);
    assert.equal(problems[0].severity, vscode.DiagnosticSeverity.Error);
    assert.match(problems[0].message, /Expected "\)" but found "\{"/);
    await vscode.debug.stopDebugging();
    log.clear();
    fs.writeFileSync(file, `import { MPI } from 'rankscope/mpi';\n\nconst comm = MPI.COMM_WORLD;\nif (comm.rank === 0) {\n  console.log('fixed');\n}\n`);
    assert.ok(await vscode.debug.startDebugging(folder(), { type: 'rankscope', request: 'launch', name: 'fixed', program: file, np: 2 }));
    await log.waitFor((m) => m.event === 'terminated' && m.session.type === 'rankscope', 60000);
    assert.deepEqual(await until(() => vscode.languages.getDiagnostics(uri), (d) => d.length === 0, 30000), []);
  });
});
