/**
 * No orphan, even from a stuck rank: whenever the launcher ends, by any means, every process it
 * started ends within 2 s, whatever that process is doing. The launcher is SIGKILLed (it cleans
 * nothing up) while its processes spin in user code or wait for a debugger that never attaches.
 */
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DebugClient } from '@vscode/debugadapter-testsupport';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { runJob } from './helpers/run-job.js';
import { CLI, program, ROOT } from './helpers/run-cli.js';

/** Marks every process of one run (children inherit the launcher's environment). */
const PROBE = 'RANKSCOPE_ORPHAN_PROBE';

/** Live (not zombie) processes carrying `marker` in their environment, other than `except`. */
function processesMarked(marker: string, except: number): number[] {
  const found: number[] = [];
  for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map(Number)) {
    if (pid === except || pid === process.pid) continue;
    try {
      if (!fs.readFileSync(`/proc/${pid}/environ`, 'latin1').split('\0').includes(`${PROBE}=${marker}`)) continue;
      // The state follows the command name in parentheses; a zombie has ended, only its parent has not reaped it.
      if (/\) Z /.test(fs.readFileSync(`/proc/${pid}/stat`, 'latin1'))) continue;
      found.push(pid);
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return found;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits (up to `ms`) until `ok()` holds; returns whether it did. */
async function eventually(ok: () => boolean, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; !ok(); await sleep(50)) if (Date.now() > end) return false;
  return true;
}

/**
 * SIGKILLs `launcher` once `count` processes of the run are up, then expects none of them alive
 * 2 s later (those left are killed, so that one failure does not spoil the next tests).
 */
async function killLauncherExpectNoOrphans(launcher: ChildProcess, marker: string, count: number, ready: () => boolean): Promise<void> {
  const pid = launcher.pid!;
  try {
    const up = await eventually(() => ready() && processesMarked(marker, pid).length >= count, 45000);
    assert.ok(up, `the run never had ${count} processes up and ready: ${processesMarked(marker, pid).length} were`);
    // Let every process settle into what it does (booting spares finish booting, spinners spin).
    await sleep(500);
    const before = processesMarked(marker, pid);
    launcher.kill('SIGKILL');
    const gone = await eventually(() => processesMarked(marker, pid).length === 0, 2000);
    const left = processesMarked(marker, pid);
    assert.ok(gone, `2 s after the launcher was SIGKILLed, ${left.length} of its ${before.length} processes were still running: ${left.map(commandLine).join('; ')}`);
  } finally {
    launcher.kill('SIGKILL');
    for (const p of processesMarked(marker, pid)) process.kill(p, 'SIGKILL');
  }
}

function commandLine(pid: number): string {
  try {
    return `${pid} ${fs.readFileSync(`/proc/${pid}/cmdline`, 'latin1').split('\0').join(' ').trim()}`;
  } catch {
    return String(pid);
  }
}

/** Starts `rankscope run …` marked; returns it with its stdout so far. */
function startCli(args: string[], marker: string, env: Record<string, string> = {}): { launcher: ChildProcess; stdout: () => string } {
  const launcher = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env: { ...process.env, ...env, [PROBE]: marker }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  launcher.stdout!.on('data', (c) => (out += c));
  launcher.stderr!.resume();
  return { launcher, stdout: () => out };
}

const lines = (text: string, re: RegExp) => text.split('\n').filter((l) => re.test(l)).length;

describe('the launcher SIGKILLed: no process of its run survives it', function () {
  this.timeout(90000);

  it('ranks spinning in for (;;) {} end within 2 s', async () => {
    const marker = randomUUID();
    const file = program(`import { MPI } from 'rankscope/mpi';\nconsole.log('spinning', MPI.COMM_WORLD.rank);\nfor (;;) {}\n`, 'spin.ts');
    const { launcher, stdout } = startCli(['run', '-n', '3', file], marker);
    await killLauncherExpectNoOrphans(launcher, marker, 3, () => lines(stdout(), /^spinning \d$/) === 3);
  });

  it('without setpriv (not on PATH), a watchdog thread ends ranks spinning in for (;;) {} within 2 s', async () => {
    const marker = randomUUID();
    const file = program(`import { MPI } from 'rankscope/mpi';\nconsole.log('spinning', MPI.COMM_WORLD.rank);\nfor (;;) {}\n`, 'spin.ts');
    // Ranks run the launcher's own node (an absolute path): only setpriv goes missing.
    const { launcher, stdout } = startCli(['run', '-n', '2', file], marker, { PATH: '/nonexistent' });
    await killLauncherExpectNoOrphans(launcher, marker, 2, () => lines(stdout(), /^spinning \d$/) === 2);
  });

  it('multiprocessing children, pool workers and warm spares, spinning or idle, end within 2 s', async () => {
    const marker = randomUUID();
    const file = program(`import * as mp from 'rankscope/multiprocessing';
export function spin(what: string) {
  console.log('spinning', what);
  for (;;) {}
}
await mp.main(async () => {
  // The pool takes the two spares; the Process then starts one anew and two spares are started behind it.
  const pool = new mp.Pool(2);
  pool.applyAsync(spin, ['worker']);
  pool.applyAsync(spin, ['worker']);
  const child = new mp.Process({ target: spin, args: ['child'] });
  await child.start();
  // The main process deals the pool's tasks: it waits (idle) rather than spins.
  await child.join();
});
`, 'mp-spin.ts');
    const { launcher, stdout } = startCli(['run', file], marker);
    // MainProcess, 2 pool workers, 1 child, 2 warm spares. The first worker takes both tasks: one
    // worker spins, the other waits, as do the main process and the spares.
    await killLauncherExpectNoOrphans(launcher, marker, 6, () => lines(stdout(), /^spinning worker$/) >= 1 && lines(stdout(), /^spinning child$/) === 1);
  });

  it('ranks waiting under --inspect-brk for a debugger, their launcher a library in the debug adapter, end within 2 s', async () => {
    // The stdio debug adapter runs the same session VS Code's extension host runs inline: the
    // launcher is a library in the host process, and the ranks are that process's children.
    const marker = randomUUID();
    const dc = new DebugClient('node', path.join(ROOT, 'dist', 'adapter.cjs'), 'rankscope', { env: { ...process.env, [PROBE]: marker } });
    dc.defaultTimeout = 30000;
    const inspectors: unknown[] = [];
    dc.on('rankscope/inspector', (e: DebugProtocol.Event) => inspectors.push(e.body));
    await dc.start();
    // The adapter process DebugClient started (it names it only privately): the launcher's host.
    const adapter = (dc as unknown as { _adapterProcess: ChildProcess })._adapterProcess;
    try {
      const file = program(`import { MPI } from 'rankscope/mpi';\nconsole.log(MPI.COMM_WORLD.rank);\n`, 'debugged.ts');
      await Promise.all([dc.configurationSequence(), dc.launch({ program: file, np: 2, stopOnEntry: true } as DebugProtocol.LaunchRequestArguments)]);
      await killLauncherExpectNoOrphans(adapter, marker, 2, () => inspectors.length === 2);
    } finally {
      adapter.kill('SIGKILL');
    }
  });
});

describe('processes started to die with the launcher', () => {
  it('a node that does not exist is still reported as such, not as setpriv failing to run it', async () => {
    const file = program(`console.log('never runs');\n`, 'plain.mjs');
    const r = await runJob({ program: file, node: 'no-such-node-here', stdout: () => {}, stderr: () => {} });
    assert.equal(r.outcome, 'launch-error');
    assert.match(r.report ?? '', /cannot start rank 0 with 'no-such-node-here': spawn no-such-node-here ENOENT; install Node\.js or set runtimeExecutable/);
  });
});
