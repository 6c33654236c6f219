/**
 * Where the tests put their screenshots. The README shows some of them from media/; a test run
 * writes them to .rankscope/screenshots/ (ignored by git), so running the tests leaves the working
 * tree as it was. `RANKSCOPE_UPDATE_MEDIA=1 npm test` writes media/ instead, to refresh the README.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from './run-cli.js';

export function screenshotPath(name: string): string {
  const dir = process.env.RANKSCOPE_UPDATE_MEDIA === '1' ? path.join(ROOT, 'media') : path.join(ROOT, '.rankscope', 'screenshots');
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, name);
}
