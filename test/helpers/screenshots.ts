/**
 * Where the tests put their screenshots. The README shows some of them from media/; a test run
 * writes them to .rankscope/screenshots/ (ignored by git), so running the tests leaves the working
 * tree as it was. `RANKSCOPE_UPDATE_MEDIA=1 npm test` writes media/ instead, to refresh the README.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { ROOT } from './run-cli.js';

export function screenshotPath(name: string): string {
  const dir = process.env.RANKSCOPE_UPDATE_MEDIA === '1' ? path.join(ROOT, 'media') : path.join(ROOT, '.rankscope', 'screenshots');
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, name);
}

export interface Region { x: number; y: number; width: number; height: number }

/** The smallest region holding all of `boxes` (as playwright's boundingBox() gives them). */
export function around(...boxes: (Region | null)[]): Region {
  const bs = boxes.map((b, i) => {
    if (!b) throw new Error(`box ${i} of the region to crop is not on screen`);
    return b;
  });
  const x = Math.min(...bs.map((b) => b.x)), y = Math.min(...bs.map((b) => b.y));
  return { x, y, width: Math.max(...bs.map((b) => b.x + b.width)) - x, height: Math.max(...bs.map((b) => b.y + b.height)) - y };
}

/**
 * A crop of the page at its device pixels, for the walkthrough's pictures (package.json): from a
 * page opened with deviceScaleFactor 2, a region of W×H CSS pixels gives a sharp 2W×2H picture
 * whose text stays readable when VS Code shows it at W to 2W pixels wide.
 */
export async function crop(page: Page, name: string, region: Region): Promise<void> {
  const clip = { x: Math.floor(region.x), y: Math.floor(region.y), width: Math.ceil(region.width), height: Math.ceil(region.height) };
  await page.screenshot({ path: screenshotPath(name), clip, scale: 'device' });
}
