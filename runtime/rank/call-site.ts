/**
 * Finds the user's line that called into the runtime, mapped back to the `.ts` source.
 *
 * Ranks run an esbuild bundle with a source map; the V8 call-site API gives bundle positions
 * cheaply, and the bundle's site table (protocol/site-table.ts) maps them — or, for a bundle
 * without one, Node's `findSourceMap`. The first frame whose original source lies outside the
 * runtime's own folder (and node_modules) is the user's call.
 */
import * as fs from 'node:fs';
import { findSourceMap } from 'node:module';
import { fileURLToPath } from 'node:url';
import { isUserSource, SITE_TABLE_VERSION, siteAt, siteTablePath, type SiteTable } from '../contract/site-table.js';
import type { CallSite } from '../contract/trace-events.js';
import { formatSite, isRuntimeFrame, runtimeDirectory, setRuntimeDir, useAbsoluteSites } from '../contract/site-format.js';

/** Maps a 1-based position in a script to the user's site there; null where it is not user code. */
type Mapper = (line: number, column: number) => CallSite | null;

const mappers = new Map<string, Mapper | null>();
/** Per script, by character position: what a frame there maps to (null: not the user's). */
const siteCache = new Map<string, Map<number, CallSite | null>>();

// Shared with the launcher's reports (contract/site-format.ts); re-exported for the rank's modules.
export { formatSite, isRuntimeFrame, setRuntimeDir, useAbsoluteSites };

/**
 * An error's stack without the runtime's frames: the user reads where *their* call went wrong, as
 * a debugger with `skipFiles` shows it. A stack that is all runtime (a bug of ours) stays whole.
 */
export function userStack(stack: string): string {
  const lines = stack.split('\n');
  const kept = lines.filter((l) => !/^\s+at /.test(l) || !isRuntimeFrame(l));
  return kept.some((l) => /^\s+at /.test(l)) ? kept.join('\n') : stack;
}

function mapperOf(file: string): Mapper | null {
  let m = mappers.get(file);
  if (m === undefined) {
    m = loadMapper(file);
    mappers.set(file, m);
  }
  return m;
}

/** The script's site table, else its source map through Node; null for a script without either. */
function loadMapper(file: string): Mapper | null {
  const table = readSiteTable(toPath(file));
  if (table) return (line, column) => siteAt(table, line, column);
  const map = findSourceMap(file);
  if (!map) return null;
  return (line, column) => {
    const e = map.findEntry(line - 1, column - 1) as { originalSource?: string; originalLine?: number; originalColumn?: number };
    if (!e.originalSource) return null;
    const path = toPath(e.originalSource);
    return isUserSource(path, runtimeDirectory()) ? { file: path, line: (e.originalLine ?? 0) + 1, column: (e.originalColumn ?? 0) + 1 } : null;
  };
}

function readSiteTable(script: string): SiteTable | undefined {
  if (script.startsWith('node:')) return undefined;
  try {
    const table = JSON.parse(fs.readFileSync(siteTablePath(script), 'utf8')) as SiteTable;
    return table.v === SITE_TABLE_VERSION ? table : undefined;
  } catch {
    return undefined; // a bundle built without one (or not a bundle at all)
  }
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
  const mapper = mapperOf(file);
  if (mapper) return mapper(line, column);
  return file.startsWith('node:') ? null : { file: toPath(file), line, column };
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

/**
 * An error raised when a message arrives (inside the transport's callback, or after a collective's
 * data came back) has no line of the user's in its stack, so the failure report would point into the
 * runtime. Put the call's own site first: the report and the printed stack then name the user's line.
 */
export function atCallSite<E extends Error>(site: CallSite | undefined, op: string, err: E): E {
  if (site) {
    const frames = (err.stack ?? '').split('\n').slice(1);
    err.stack = [`${err.name}: ${err.message}`, `    at ${op} (${site.file}:${site.line}:${site.column})`, ...frames].join('\n');
  }
  return err;
}
