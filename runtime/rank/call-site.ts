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
/** Per script, by character position: what a frame there maps to (null: not the user's). */
const siteCache = new Map<string, Map<number, CallSite | null>>();

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

/** A frame's user site, cached by its position in the script (no line to compute when known). */
function frameSite(f: NodeJS.CallSite, file: string): CallSite | null {
  let byPosition = siteCache.get(file);
  if (!byPosition) siteCache.set(file, (byPosition = new Map()));
  const position = f.getPosition();
  let site = byPosition.get(position);
  if (site === undefined) {
    const line = f.getLineNumber();
    site = line === null ? null : userSite(file, line, f.getColumnNumber() ?? 1);
    byPosition.set(position, site);
  }
  return site;
}

function userSite(file: string, line: number, column: number): CallSite | null {
  let site: CallSite | null = null;
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
  return site;
}

/**
 * The innermost user frame of the current stack, or undefined when none is found. A public
 * method calls this directly, so the user's frame is nearly always among the first few: capture
 * those (capturing costs per frame), and look deeper only when they are all the runtime's.
 *
 * `api`: the public method the user called, when the caller knows it. The frames from `api` up
 * are then left out, so the user's frame is the first one and the only one to capture. A
 * point-to-point call pays this on every message: every frame V8 walks costs, the ones it skips
 * too, so call this from no deeper than one helper below `api`.
 */
export function captureCallSite(api?: Function): CallSite | undefined {
  if (api) {
    const savedLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 1;
    const holder: { stack?: unknown } = {};
    Error.captureStackTrace(holder, api);
    Error.stackTraceLimit = savedLimit;
    const site = siteOf(holder);
    if (site) return site;
  }
  return framesSite(4) ?? framesSite(16);
}

function framesSite(limit: number): CallSite | undefined {
  const savedLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = limit;
  const holder: { stack?: unknown } = {};
  Error.captureStackTrace(holder, captureCallSite);
  Error.stackTraceLimit = savedLimit;
  return siteOf(holder);
}

/** The first user frame of a captured stack (read as V8's call-site objects, not as text). */
function siteOf(holder: { stack?: unknown }): CallSite | undefined {
  const savedPrepare = Error.prepareStackTrace;
  Error.prepareStackTrace = framesOnly;
  const frames = (holder.stack ?? []) as NodeJS.CallSite[];
  Error.prepareStackTrace = savedPrepare;
  for (const f of frames) {
    const file = f.getFileName();
    const site = file ? frameSite(f, file) : null;
    if (site) return site;
  }
  return undefined;
}

const framesOnly = (_e: Error, frames: NodeJS.CallSite[]): NodeJS.CallSite[] => frames;

export function formatSite(site: CallSite | undefined, cwd = process.cwd()): string {
  if (!site) return 'unknown location';
  const file = site.file.startsWith(cwd + '/') ? site.file.slice(cwd.length + 1) : site.file;
  return `${file}:${site.line}`;
}
