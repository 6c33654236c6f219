/**
 * Where the user's own code lies in a bundle: for each generated line of it, the source-map
 * segments that point into the user's files. Written beside the bundle when it is built
 * (launcher/recorder/site-table-writer.ts) and read by a rank the first time it looks for a call site:
 * parsing the bundle's whole source map there (the runtime's included) cost each rank tens of
 * milliseconds at its first MPI call, on the way to the first barrier. A line it does not list
 * is not the user's. Bump SITE_TABLE_VERSION on any change.
 */
import type { CallSite } from './trace-events.js';

export const SITE_TABLE_VERSION = 1;

export interface SiteTable {
  v: number;
  /** Absolute paths of the user's source files. */
  sources: string[];
  /**
   * By generated line (0-based): the segments on it, flattened as [generated column, source
   * index, original line, original column] (0-based), in column order.
   */
  lines: Record<number, number[]>;
}

/** Whether a source file is the user's: not the runtime's own, nor a dependency's. */
export function isUserSource(file: string, runtimeDir: string | undefined): boolean {
  return !(runtimeDir !== undefined && file.startsWith(runtimeDir)) && !file.includes('/node_modules/');
}

export function siteTablePath(bundle: string): string {
  return `${bundle}.sites.json`;
}

/** The user's position at 1-based `line`:`column` of the bundle, or null when that is not user code. */
export function siteAt(table: SiteTable, line: number, column: number): CallSite | null {
  const segs = table.lines[line - 1];
  if (!segs) return null;
  // The last segment that starts at or before the column, as source maps are read.
  let at = -1;
  for (let i = 0; i < segs.length && segs[i] <= column - 1; i += 4) at = i;
  if (at < 0) return null;
  return { file: table.sources[segs[at + 1]], line: segs[at + 2] + 1, column: segs[at + 3] + 1 };
}
