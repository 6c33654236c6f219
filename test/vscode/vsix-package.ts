/**
 * `npm run package` once per test run: the VSIX tests share it (packaging takes a minute).
 * RANKSCOPE_REUSE_VSIX=1 takes the VSIX already there instead, to rerun a test quickly.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from '../helpers/run-cli.js';

export const VSIX = path.join(ROOT, `rankscope-${process.platform}-${process.arch}.vsix`);
let packaged = process.env.RANKSCOPE_REUSE_VSIX === '1' && fs.existsSync(VSIX);

export function packageVsix(): string {
  if (!packaged) execFileSync(process.execPath, ['scripts/package.mjs'], { cwd: ROOT, stdio: 'pipe' });
  packaged = true;
  return VSIX;
}
