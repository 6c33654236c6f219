/**
 * Writes a bundle's site table (protocol/site-table.ts): the segments of its source map that point
 * into the user's files, decoded once here, where the bundle is built and cached, instead of in
 * every rank.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isUserSource, SITE_TABLE_VERSION, siteTablePath, type SiteTable } from '../../contract/site-table.js';

interface RawSourceMap {
  sources: string[];
  mappings: string;
}

/** Builds the table of `bundle` from its `.map`: the sources outside `runtimeDir` and node_modules. */
export function writeSiteTable(bundle: string, runtimeDir: string): void {
  const map = JSON.parse(fs.readFileSync(`${bundle}.map`, 'utf8')) as RawSourceMap;
  const sources = map.sources.map((s) => path.resolve(path.dirname(bundle), s));
  const keep = new Map<number, number>(); // source index in the map → in the table
  const table: SiteTable = { v: SITE_TABLE_VERSION, sources: [], lines: {} };
  sources.forEach((s, i) => {
    if (!isUserSource(s, runtimeDir)) return;
    keep.set(i, table.sources.length);
    table.sources.push(s);
  });
  forEachSegment(map.mappings, (line, col, source, srcLine, srcCol) => {
    const mine = keep.get(source);
    if (mine === undefined) return;
    (table.lines[line] ??= []).push(col, mine, srcLine, srcCol);
  });
  fs.writeFileSync(siteTablePath(bundle), JSON.stringify(table));
}

/** Calls `f` with every segment of a source map's `mappings` that names a source (0-based). */
function forEachSegment(mappings: string, f: (line: number, col: number, source: number, srcLine: number, srcCol: number) => void): void {
  const state = [0, 0, 0, 0]; // source, original line, original column, name: relative across lines
  let line = 0;
  for (const lineText of mappings.split(';')) {
    let col = 0;
    for (const seg of lineText.split(',')) {
      if (!seg) continue;
      const v = decodeVlq(seg);
      col += v[0];
      if (v.length < 4) continue;
      for (let i = 1; i < v.length; i++) state[i - 1] += v[i];
      f(line, col, state[0], state[1], state[2]);
    }
    line++;
  }
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function decodeVlq(seg: string): number[] {
  const out: number[] = [];
  let value = 0;
  let shift = 0;
  for (const ch of seg) {
    const digit = BASE64.indexOf(ch);
    if (digit < 0) throw new Error(`rankscope: bad source map segment '${seg}'`);
    value += (digit & 31) * 2 ** shift;
    if (digit & 32) {
      shift += 5;
      continue;
    }
    out.push(value & 1 ? -Math.floor(value / 2) : Math.floor(value / 2));
    value = 0;
    shift = 0;
  }
  return out;
}
