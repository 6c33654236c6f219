/** Runs the built `rankscope` CLI as a user would, and captures what it printed. */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CLI = path.join(ROOT, 'dist', 'cli.js');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

export interface RunOptions {
  cwd?: string;
  env?: Record<string, string>;
  /** Replaces the inherited environment instead of adding to it. */
  cleanEnv?: boolean;
  timeoutMs?: number;
}

export function runCli(args: string[], opts: RunOptions = {}): Promise<CliRun> {
  return runCommand(process.execPath, [CLI, ...args], opts);
}

/** Runs any command (`mpiexec …`) the same way, output captured, killed after the timeout. */
export function runCommand(cmd: string, args: string[], opts: RunOptions = {}): Promise<CliRun> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const env = opts.cleanEnv ? opts.env : { ...process.env, ...opts.env };
    const child = spawn(cmd, args, { cwd: opts.cwd ?? ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${path.basename(cmd)} ${args.join(' ')} did not finish within ${opts.timeoutMs ?? 30000} ms\nstdout:\n${stdout}\nstderr:\n${stderr}`));
    }, opts.timeoutMs ?? 30000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, ms: Date.now() - started });
    });
  });
}

/** Writes a throw-away program (imports `rankscope/*` like a user's file would) and returns its path. */
export function program(source: string, name = 'prog.ts'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rankscope-test-'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, source);
  return file;
}

/** Runs `source` with `np` ranks. */
export async function runProgram(source: string, np: number, extra: string[] = []): Promise<CliRun> {
  return runCli(['run', '-n', String(np), ...extra, program(source)]);
}

/** The stdout lines of a run, sorted (ranks print in any order). */
export function sortedLines(out: string): string[] {
  return out.split('\n').filter((l) => l.length > 0).sort();
}
