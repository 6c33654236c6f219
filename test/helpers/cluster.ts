/**
 * Ranks started the way `mpiexec` or `srun` start them: plain `node <bundle>` processes carrying a
 * launcher's environment, optionally each inside a network namespace that stands for a host.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from './run-cli.js';

/** Builds PROGRAM with `rankscope run --bundle-only` into a fresh directory; returns the bundle. */
export async function bundleFor(program: string): Promise<string> {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rankscope-bundle-')), `${path.basename(program, path.extname(program))}.mjs`);
  const r = await runCli(['run', '--bundle-only', '-o', out, program]);
  if (r.code !== 0 || r.stdout.trim() !== out) throw new Error(`--bundle-only failed (${r.code}):\n${r.stdout}\n${r.stderr}`);
  return out;
}

export interface RanksRun {
  codes: (number | null)[];
  stdout: string;
  stderr: string;
}

export interface RanksSpec {
  n: number;
  bundle: string;
  /** Extra variables for rank r (the launcher's own are set here). */
  env?: (rank: number) => Record<string, string>;
  /** Network namespace of rank r; none: this machine's. */
  netns?: (rank: number) => string | undefined;
  /** Which ranks to start (default: all); leaving one out stands for a rank that never came. */
  start?: (rank: number) => boolean;
  timeoutMs?: number;
  /** Working folder of every rank (default: this process's). */
  cwd?: string;
  /** Called with each rank's process once started (to kill one, say). */
  onStart?: (rank: number, child: ChildProcess) => void;
}

/**
 * This process's environment without the variables whose names start with `prefixes` (always
 * RANKSCOPE_*): what a user's shell would pass to a launcher, not this test run's own.
 */
export function envWithout(...prefixes: string[]): Record<string, string> {
  const drop = ['RANKSCOPE_', ...prefixes];
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !drop.some((p) => k.startsWith(p)))) as Record<string, string>;
}

/** The variables Slurm's `srun` gives task `rank` of `n`. */
export function slurmEnv(rank: number, n: number, job: string): Record<string, string> {
  return { SLURM_PROCID: String(rank), SLURM_NTASKS: String(n), SLURM_JOB_ID: job, SLURM_STEP_ID: '0' };
}

/** Starts the ranks and resolves when every one has exited (or rejects after the timeout). */
export function runRanks(spec: RanksSpec): Promise<RanksRun> {
  const children: ChildProcess[] = [];
  let stdout = '';
  let stderr = '';
  const exits: Promise<number | null>[] = [];
  for (let r = 0; r < spec.n; r++) {
    if (spec.start && !spec.start(r)) continue;
    const ns = spec.netns?.(r);
    const node = ['--enable-source-maps', spec.bundle];
    const [cmd, args] = ns ? ['ip', ['netns', 'exec', ns, process.execPath, ...node]] : [process.execPath, node];
    // Only what this test gives the rank: no RANKSCOPE_* leaking in from the shell running it.
    const own = spec.env?.(r) ?? {};
    const env = { ...envWithout(), ...own };
    const child = spawn(cmd, args, { env, cwd: spec.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.on('data', (c) => (stdout += c));
    child.stderr!.on('data', (c) => (stderr += c));
    children.push(child);
    exits[r] = new Promise((resolve) => child.on('close', (code) => resolve(code)));
    spec.onStart?.(r, child);
  }
  const timeoutMs = spec.timeoutMs ?? 60_000;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      for (const c of children) c.kill('SIGKILL');
      reject(new Error(`ranks did not all exit within ${timeoutMs} ms\nstdout:\n${stdout}\nstderr:\n${stderr}`));
    }, timeoutMs);
    void Promise.all(Array.from({ length: spec.n }, (_, r) => exits[r] ?? Promise.resolve(null))).then((codes) => {
      clearTimeout(timer);
      resolve({ codes, stdout, stderr });
    });
  });
}

/**
 * Network namespaces joined by a bridge, each with one address (10.77.x.1…): separate hosts as far
 * as TCP/IP is concerned. Needs root (CI runs as root); `available()` says whether this can work.
 */
export class Hosts {
  readonly names: string[];
  readonly addresses: string[];
  private readonly bridge: string;

  private constructor(count: number) {
    const tag = (process.pid % 100000).toString(36);
    this.bridge = `rsb${tag}`;
    this.names = Array.from({ length: count }, (_, i) => `rs${tag}h${i}`);
    const subnet = 10 + (process.pid % 200);
    this.addresses = this.names.map((_, i) => `10.77.${subnet}.${i + 1}`);
  }

  static available(): boolean {
    return process.platform === 'linux' && process.getuid?.() === 0 && spawnSync('ip', ['netns', 'list']).status === 0;
  }

  static create(count: number): Hosts {
    const h = new Hosts(count);
    h.destroy();
    ip('link', 'add', h.bridge, 'type', 'bridge');
    ip('link', 'set', h.bridge, 'up');
    h.names.forEach((ns, i) => {
      const veth = `${h.bridge}v${i}`;
      ip('netns', 'add', ns);
      ip('link', 'add', veth, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', ns);
      ip('link', 'set', veth, 'master', h.bridge, 'up');
      ip('-n', ns, 'addr', 'add', `${h.addresses[i]}/24`, 'dev', 'eth0');
      ip('-n', ns, 'link', 'set', 'eth0', 'up');
      ip('-n', ns, 'link', 'set', 'lo', 'up');
    });
    return h;
  }

  destroy(): void {
    for (const ns of this.names) spawnSync('ip', ['netns', 'delete', ns]);
    spawnSync('ip', ['link', 'delete', this.bridge]);
  }
}

function ip(...args: string[]): void {
  const r = spawnSync('ip', args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`ip ${args.join(' ')} failed: ${r.stderr}`);
}
