/// <reference lib="dom" />
/**
 * What the diagram's page shows, read as a user sees it: the canvas's pixels (where a shape is
 * painted, in which colour), the widths of its text, the status line. The colours a test expects
 * come from the theme's VS Code variables on the page (what the diagram is documented to draw
 * with), never from the diagram itself.
 */
import type { Page } from 'playwright-core';
import { length, type Line } from './picture.js';

/** The pixels of a box of the canvas (CSS px): rgb(x, y) for x0 <= x < x0 + w. */
export async function pixels(page: Page, x0: number, y0: number, w: number, h: number): Promise<(x: number, y: number) => number[]> {
  const { data, dpr } = await page.evaluate(([x, y, width, height]) => {
    const c = document.querySelector<HTMLCanvasElement>('#timeline canvas')!;
    const r = window.devicePixelRatio || 1;
    const img = c.getContext('2d')!.getImageData(Math.round(x * r), Math.round(y * r), Math.max(Math.round(width * r), 1), Math.max(Math.round(height * r), 1));
    return { data: Array.from(img.data), dpr: r, w: img.width };
  }, [x0, y0, w, h] as const);
  const rowWidth = Math.max(Math.round(w * dpr), 1);
  return (x, y) => {
    const i = (Math.round((y - y0) * dpr) * rowWidth + Math.round((x - x0) * dpr)) * 4;
    return data.slice(i, i + 3);
  };
}

/** The diagram's colours as its theme's VS Code variables define them (theme.ts names which). */
export const VARIABLES = {
  background: '--vscode-editor-background',
  foreground: '--vscode-editor-foreground',
  muted: '--vscode-descriptionForeground',
  box: '--vscode-charts-blue',
  blocked: '--vscode-charts-yellow',
  collective: '--vscode-charts-purple',
  arrow: '--vscode-charts-green',
  red: '--vscode-charts-red',
} as const;
export type Colour = keyof typeof VARIABLES;

/**
 * Each colour of the page's theme: as written (what the SVG names) and as it shows over the
 * background, [r, g, b] (a colour with alpha, like high contrast's muted text, blended).
 */
export async function themeColours(page: Page): Promise<{ css: Record<Colour, string>; rgb: Record<Colour, number[]> }> {
  return page.evaluate((vars) => {
    const style = getComputedStyle(document.documentElement);
    const css = Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, style.getPropertyValue(v).trim()]));
    const c = document.createElement('canvas').getContext('2d', { willReadFrequently: true })!;
    const rgb = (colour: string): number[] => {
      c.fillStyle = css.background;
      c.fillRect(0, 0, 1, 1);
      c.fillStyle = colour;
      c.fillRect(0, 0, 1, 1);
      return Array.from(c.getImageData(0, 0, 1, 1).data.slice(0, 3));
    };
    return { css, rgb: Object.fromEntries(Object.entries(css).map(([k, v]) => [k, rgb(v)])) } as { css: Record<Colour, string>; rgb: Record<Colour, number[]> };
  }, VARIABLES);
}

/** Colours within `tolerance` of each other on every channel. */
export const near = (a: number[], b: number[], tolerance = 8): boolean => a.every((v, i) => Math.abs(v - b[i]) <= tolerance);

/** The colour most pixels inside the box (CSS px, inset by a pixel) have: what the box is painted. */
export async function mainColour(page: Page, r: { x: number; y: number; w: number; h: number }): Promise<number[]> {
  const inset = (a: number, size: number): [number, number] => (size > 3 ? [a + 1, size - 2] : [a + size / 2, 1]);
  const [x, w] = inset(r.x, r.w), [y, h] = inset(r.y, r.h);
  const at = await pixels(page, x, y, w, h);
  const counts = new Map<string, number>();
  for (let i = 0; i < Math.max(Math.round(w), 1); i++) {
    for (let j = 0; j < Math.max(Math.round(h), 1); j++) {
      const key = at(x + i, y + j).join(',');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0][0].split(',').map(Number);
}

/**
 * Whether c is ink of `colour` over `bg`: at least 35% of the way from the background to it and
 * not off towards another colour (an antialiased hairline covers the pixels it crosses in part).
 */
export function inkOf(c: number[], colour: number[], bg: number[]): boolean {
  const d2 = colour.reduce((n, v, i) => n + (v - bg[i]) ** 2, 0);
  const f = c.reduce((n, v, i) => n + (v - bg[i]) * (colour[i] - bg[i]), 0) / d2;
  const off = Math.sqrt(c.reduce((n, v, i) => n + (v - bg[i] - f * (colour[i] - bg[i])) ** 2, 0));
  return f >= 0.35 && off <= 0.4 * Math.sqrt(d2);
}

/** The canvas pixels at these points (CSS px): [r, g, b] each. */
export function pixelsAt(page: Page, points: [number, number][]): Promise<number[][]> {
  return page.evaluate((pts) => {
    const c = document.querySelector<HTMLCanvasElement>('#timeline canvas')!;
    const r = window.devicePixelRatio || 1;
    const img = c.getContext('2d')!.getImageData(0, 0, c.width, c.height);
    return pts.map(([x, y]) => {
      const i = (Math.round(y * r) * img.width + Math.round(x * r)) * 4;
      return Array.from(img.data.slice(i, i + 3));
    });
  }, points);
}

/** The share of points every 4 px along the line where the canvas shows ink of `colour` (on a pixel around the point). */
export async function inkAlong(page: Page, l: Line, colour: number[], bg: number[]): Promise<number> {
  const steps = Math.max(Math.floor(length(l) / 4), 1);
  const around = Array.from({ length: steps + 1 }, (_, s) => [l.x0 + ((l.x1 - l.x0) * s) / steps, l.y0 + ((l.y1 - l.y0) * s) / steps])
    .flatMap(([x, y]) => [-1, 0, 1].flatMap((dx) => [-1, 0, 1].map((dy): [number, number] => [x + dx, y + dy])));
  const rgb = await pixelsAt(page, around);
  let inked = 0;
  for (let s = 0; s <= steps; s++) if (rgb.slice(s * 9, s * 9 + 9).some((c) => inkOf(c, colour, bg))) inked++;
  return inked / (steps + 1);
}

/** The strings' widths in the font the diagram's canvas draws with. */
export function textWidths(page: Page, strings: string[]): Promise<number[]> {
  return page.evaluate((ss) => {
    const font = document.querySelector<HTMLCanvasElement>('#timeline canvas')!.getContext('2d')!.font;
    const c = document.createElement('canvas').getContext('2d')!;
    c.font = font;
    return ss.map((s) => c.measureText(s).width);
  }, strings);
}

/** How many pixels of the whole canvas are ink of each colour over `bg` (as inkOf decides, here in the page). */
export function inkCounts(page: Page, colours: number[][], bg: number[]): Promise<number[]> {
  return page.evaluate(([cs, b]) => {
    const c = document.querySelector<HTMLCanvasElement>('#timeline canvas')!;
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    return cs.map((colour) => {
      const d = colour.map((v, i) => v - b[i]);
      const d2 = d.reduce((n, v) => n + v * v, 0);
      let count = 0;
      for (let i = 0; i < data.length; i += 4) {
        const e = [data[i] - b[0], data[i + 1] - b[1], data[i + 2] - b[2]];
        const f = (e[0] * d[0] + e[1] * d[1] + e[2] * d[2]) / d2;
        const off = Math.hypot(e[0] - f * d[0], e[1] - f * d[1], e[2] - f * d[2]);
        if (f >= 0.35 && off <= 0.4 * Math.sqrt(d2)) count++;
      }
      return count;
    });
  }, [colours, bg] as const);
}

/** The number of events the status line under the diagram says the run holds. */
export async function eventsShown(page: Page): Promise<number> {
  const status = await page.locator('#status').innerText();
  const m = /^([\d,]+) events/.exec(status);
  if (!m) throw new Error(`the status line gives no event count: ${status}`);
  return Number(m[1].replace(/,/g, ''));
}
