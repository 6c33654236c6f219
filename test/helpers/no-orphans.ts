/**
 * Root hook: after every test, no process started by this test run may outlive its job. Every
 * process the run starts inherits a marker in its environment, so only ours are looked at (other
 * Rankscope jobs on the machine are none of our business).
 */
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';

const MARK = `RANKSCOPE_TEST_RUN=${randomUUID()}`;
process.env.RANKSCOPE_TEST_RUN = MARK.slice(MARK.indexOf('=') + 1);

/** Our processes still alive, other than this one: `pid command`. */
function ours(): string[] {
  const found: string[] = [];
  for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d) && Number(d) !== process.pid)) {
    try {
      const env = fs.readFileSync(`/proc/${pid}/environ`, 'latin1').split('\0');
      if (!env.includes(MARK)) continue;
      const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'latin1').split('\0').join(' ').trim();
      if (cmd.includes('program.mjs')) found.push(`${pid} ${cmd}`);
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return found;
}

export const mochaHooks = {
  async afterEach(this: Mocha.Context) {
    let left = ours();
    for (let i = 0; i < 20 && left.length > 0; i++) {
      await new Promise((r) => setTimeout(r, 100));
      left = ours();
    }
    if (left.length > 0) {
      for (const line of left) process.kill(Number(line.split(' ')[0]), 'SIGKILL');
      throw new Error(`processes outlived the test:\n${left.join('\n')}`);
    }
  },
};
