/**
 * How a call site reads in a report, and which stack frames are the runtime's own: shared by the
 * ranks (their error messages) and the launcher (its reports), each process setting its own.
 */
import type { CallSite } from './trace-events.js';

let runtimeDir: string | undefined;
let absoluteSites = false;

/** The runtime's own source folder in this process (frames there are not the user's). */
export function setRuntimeDir(dir: string | undefined): void {
  runtimeDir = dir;
}

export function runtimeDirectory(): string | undefined {
  return runtimeDir;
}

/** Whether a stack line points into the runtime's own sources (reports skip those frames). */
export function isRuntimeFrame(line: string): boolean {
  return runtimeDir !== undefined && line.includes(runtimeDir);
}

/**
 * Report sites as absolute paths from now on, in this process. The debug adapter does: it shows
 * them relative to the workspace folder, which its process's working directory has nothing to do with.
 */
export function useAbsoluteSites(): void {
  absoluteSites = true;
}

export function formatSite(site: CallSite | undefined, cwd = process.cwd()): string {
  if (!site) return 'unknown location';
  const file = !absoluteSites && site.file.startsWith(cwd + '/') ? site.file.slice(cwd.length + 1) : site.file;
  return `${file}:${site.line}`;
}
