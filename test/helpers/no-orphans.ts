/**
 * Root hook: after every test, no rank process may outlive its job. Rank processes run a bundle
 * at `<tmp>/rankscope-XXXXXX/program.mjs` or `<tmp>/rankscope-cache/…/program.mjs`.
 */
import { execFileSync } from 'node:child_process';

function rankProcesses(): string[] {
  try {
    return execFileSync('pgrep', ['-af', 'rankscope-[^ ]*/program\\.mjs'], { encoding: 'utf8' }).split('\n').filter(Boolean);
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
}

export const mochaHooks = {
  async afterEach(this: Mocha.Context) {
    let left = rankProcesses();
    for (let i = 0; i < 20 && left.length > 0; i++) {
      await new Promise((r) => setTimeout(r, 100));
      left = rankProcesses();
    }
    if (left.length > 0) {
      execFileSync('pkill', ['-9', '-f', 'rankscope-[^ ]*/program\\.mjs']);
      throw new Error(`processes outlived the test:\n${left.join('\n')}`);
    }
  },
};
