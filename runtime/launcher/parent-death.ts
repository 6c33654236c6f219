/**
 * Every process the launcher starts dies with the launcher, however the launcher ends (SIGKILL,
 * or the VS Code extension host it lives in as a library crashing) and whatever the process is
 * doing: a rank spinning in `for (;;) {}` never looks at its control socket again, and one started
 * under `--inspect-brk` runs no code at all until a debugger attaches.
 *
 * On Linux the kernel does it: each process is started as `setpriv --pdeathsig KILL -- node …`
 * (util-linux). setpriv sets the parent-death signal and execs node, so the pid we spawned is the
 * node process's (ranks are signalled by pid). The signal fires when the *thread* that forked the
 * process ends, not the process: libuv's spawn forks from the thread that calls
 * `child_process.spawn`, and the launcher calls it from the thread its job runs on — the main thread
 * of the CLI, of the debug adapter, and of VS Code's extension host (extensions run on its main
 * thread) — which lives as long as the launcher does. (A launcher killed between the fork and
 * setpriv's prctl leaves that one process unarmed: it then finds no launcher to connect to and
 * exits, unless it waits for a debugger.) Measured on a 2-core VM: setpriv adds 1–7 ms of CPU per
 * process (idle to heavily loaded), plus ~12 ms once per launcher for the check below; the watchdog
 * below adds about 25 ms of CPU and 80 ms of wall time per process.
 *
 * Without a usable setpriv (another OS, a distribution without util-linux), each process runs a
 * watchdog thread instead, loaded before the program (`--import`): a worker thread (it runs while
 * the main thread spins) that SIGKILLs its own process once its parent is no longer the launcher.
 * It cannot cover a process waiting for its debugger under `--inspect-brk` (Node runs no preload
 * before the debugger attaches).
 *
 * Not covered either way: processes a rank starts itself (the parent-death signal is not inherited).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface Command {
  command: string;
  args: string[];
}

/** `node args…` wrapped so that the process dies with this one. */
export function diesWithLauncher(node: string, args: string[], cwd: string | undefined, envPath: string | undefined): Command {
  const resolved = executable(node, cwd, envPath);
  // An unknown node stays as given: spawn's own error then says so (the launcher explains it).
  if (resolved === undefined) return { command: node, args };
  const setpriv = usableSetpriv();
  if (setpriv !== undefined) return { command: setpriv, args: ['--pdeathsig', 'KILL', '--', resolved, ...args] };
  return { command: resolved, args: [`--import=${watchdogModule(process.pid)}`, ...args] };
}

let setprivChecked: { path: string | undefined } | undefined;

/** setpriv's path when `setpriv --pdeathsig` works here (checked once per launcher process). */
function usableSetpriv(): string | undefined {
  if (setprivChecked === undefined) {
    const found = process.platform === 'linux' ? executable('setpriv', undefined, process.env.PATH) : undefined;
    const works = found !== undefined && spawnSync(found, ['--pdeathsig', 'KILL', '--', 'true'], { stdio: 'ignore' }).status === 0;
    setprivChecked = { path: works ? found : undefined };
  }
  return setprivChecked.path;
}

/** The file `spawn` would run for `command`: as given when it names a path, else the first on PATH. */
function executable(command: string, cwd: string | undefined, envPath: string | undefined): string | undefined {
  const candidates = command.includes(path.sep)
    ? [path.resolve(cwd ?? '.', command)]
    : (envPath ?? '').split(path.delimiter).filter((d) => d !== '').map((d) => path.join(d, command));
  return candidates.find(isExecutableFile);
}

function isExecutableFile(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** A preload module starting a thread that kills its process once `launcherPid` is no longer its parent. */
function watchdogModule(launcherPid: number): string {
  const thread = `setInterval(() => process.ppid !== ${launcherPid} && process.kill(process.pid, 'SIGKILL'), 200)`;
  return `data:text/javascript,${encodeURIComponent(`import{Worker}from'node:worker_threads';new Worker(${JSON.stringify(thread)},{eval:true}).unref()`)}`;
}
