/// <reference lib="dom" />
/**
 * The picture the diagram's SVG toolbar button exports, parsed: the same drawing code paints the
 * canvas and writes the SVG in one frame, so it lists every box, line and label the canvas shows,
 * with its place and colour. Tests find things in it, then check the canvas's pixels there
 * (screen.ts).
 */
import type { Page } from 'playwright-core';

export interface Rect { x: number; y: number; w: number; h: number; fill: string; opacity: number }
export interface Line { x0: number; y0: number; x1: number; y1: number; stroke: string; width: number; dashed: boolean }
export interface Text { s: string; x: number; y: number; fill: string; centred: boolean }
export interface Picture { rects: Rect[]; lines: Line[]; texts: Text[] }

/** Clicks the toolbar's SVG button and returns the picture it exports. */
export async function exportPicture(page: Page): Promise<Picture> {
  const before = await exports(page);
  await page.getByRole('button', { name: 'SVG', exact: true }).click();
  const after = await exports(page);
  if (after.length <= before.length) throw new Error('the SVG button exported nothing');
  return parseSvg(after.at(-1)!);
}

const exports = (page: Page): Promise<string[]> =>
  page.evaluate(() => (window as unknown as { __posted: { type: string; format?: string; data?: string }[] }).__posted.filter((m) => m.type === 'export-image' && m.format === 'svg').map((m) => m.data!));

const attr = (tag: string, name: string): string | undefined => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
const num = (tag: string, name: string, fallback = NaN): number => Number(attr(tag, name) ?? fallback);
const unescape = (s: string): string => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');

/** The shapes of an exported SVG: paths of rectangles (M x y h v h z) or of lines (M x y L x y), rects, texts. */
export function parseSvg(svg: string): Picture {
  const out: Picture = { rects: [], lines: [], texts: [] };
  // The first <rect> is the whole picture's background.
  for (const tag of svg.match(/<rect [^>]*\/>/g)?.slice(1) ?? []) {
    out.rects.push({ x: num(tag, 'x'), y: num(tag, 'y'), w: num(tag, 'width'), h: num(tag, 'height'), fill: attr(tag, 'fill')!, opacity: 1 });
  }
  for (const tag of svg.match(/<path [^>]*\/>/g) ?? []) {
    const d = attr(tag, 'd')!;
    const stroke = attr(tag, 'stroke');
    if (stroke === undefined) {
      const [fill, opacity] = [attr(tag, 'fill')!, num(tag, 'fill-opacity', 1)];
      for (const m of d.matchAll(/M(-?[\d.]+) (-?[\d.]+)h(-?[\d.]+)v(-?[\d.]+)h-?[\d.]+z/g)) out.rects.push({ x: +m[1], y: +m[2], w: +m[3], h: +m[4], fill, opacity });
    } else {
      const [width, dashed] = [num(tag, 'stroke-width'), attr(tag, 'stroke-dasharray') !== undefined];
      for (const m of d.matchAll(/M(-?[\d.]+) (-?[\d.]+)L(-?[\d.]+) (-?[\d.]+)/g)) out.lines.push({ x0: +m[1], y0: +m[2], x1: +m[3], y1: +m[4], stroke, width, dashed });
    }
  }
  for (const m of svg.matchAll(/<text ([^>]*)>([^<]*)<\/text>/g)) {
    const tag = ` ${m[1]}`;
    out.texts.push({ s: unescape(m[2]), x: num(tag, 'x'), y: num(tag, 'y'), fill: attr(tag, 'fill')!, centred: attr(tag, 'text-anchor') === 'middle' });
  }
  return out;
}

/** The lane names across the top (time running down): name → the lane's centre x. */
export function lanes(p: Picture, header = 28): Map<string, number> {
  return new Map(p.texts.filter((t) => t.centred && t.y < header).map((t) => [t.s, t.x]));
}

export const length = (l: Line): number => Math.hypot(l.x1 - l.x0, l.y1 - l.y0);
