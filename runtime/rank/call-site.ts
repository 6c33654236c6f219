/**
 * Finds the user's line that called into the runtime, mapped back to the `.ts` source.
 *
 * Ranks run an esbuild bundle with a source map; the V8 call-site API gives bundle positions
 * cheaply, and Node's `findSourceMap` maps them. The first frame whose original source lies outside
 * the runtime's own folder is the user's call.
 */
import { findSourceMap, type SourceMap } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { CallSite } from '../protocol/trace-events.js';

let runtimeDir: string | undefined;
const mapCache = new Map<string, SourceMap | null>();
const siteCache = new Map<string, CallSite | null>();

export function setRuntimeDir(dir: string | undefined): void {
  runtimeDir = dir;
}

/** Whether a stack line points into the runtime's own sources (reports skip those frames). */
export function isRuntimeFrame(line: string): boolean {
  return runtimeDir !== undefined && line.includes(runtimeDir);
}

function mapOf(file: string): SourceMap | null {
  let m = mapCache.get(file);
  if (m === undefined) {
    m = findSourceMap(file) ?? null;
    mapCache.set(file, m);
  }
  return m;
}

function toPath(source: string): string {
  return source.startsWith('file:') ? fileURLToPath(source) : source;
}

function userSite(file: string, line: number, column: number): CallSite | null {
  const key = `${file}:${line}:${column}`;
  let site = siteCache.get(key);
  if (site !== undefined) return site;
  site = null;
  const map = mapOf(file);
  if (map) {
    const e = map.findEntry(line - 1, column - 1) as { originalSource?: string; originalLine?: number; originalColumn?: number };
    if (e.originalSource) {
      const path = toPath(e.originalSource);
      const ours = runtimeDir !== undefined && path.startsWith(runtimeDir) || path.includes('/node_modules/');
      if (!ours) site = { file: path, line: (e.originalLine ?? 0) + 1, column: (e.originalColumn ?? 0) + 1 };
    }
  } else if (!file.startsWith('node:')) {
    site = { file: toPath(file), line, column };
  }
  siteCache.set(key, site);
  return site;
}

/**
 * The innermost user frame of the current stack, or undefined when none is found. A public
 * method calls this directly, so the user's frame is nearly always among the first few: capture
 * those (capturing costs per frame), and look deeper only when they are all the runtime's.
 */
export function captureCallSite(): CallSite | undefined {
  return framesSite(4) ?? framesSite(16);
}

function framesSite(limit: number): CallSite | undefined {
  const savedPrepare = Error.prepareStackTrace;
  const savedLimit = Error.stackTraceLimit;
  Error.prepareStackTrace = (_e, frames) => frames;
  Error.stackTraceLimit = limit;
  const holder: { stack?: NodeJS.CallSite[] } = {};
  Error.captureStackTrace(holder, captureCallSite);
  const frames = holder.stack ?? [];
  Error.prepareStackTrace = savedPrepare;
  Error.stackTraceLimit = savedLimit;
  for (const f of frames) {
    const file = f.getFileName();
    const line = f.getLineNumber();
    if (!file || line === null) continue;
    const site = userSite(file, line, f.getColumnNumber() ?? 1);
    if (site) return site;
  }
  return undefined;
}

export function formatSite(site: CallSite | undefined, cwd = process.cwd()): string {
  if (!site) return 'unknown location';
  const file = site.file.startsWith(cwd + '/') ? site.file.slice(cwd.length + 1) : site.file;
  return `${file}:${site.line}`;
}
