/**
 * The launcher inline in VS Code's extension host (the debug adapter is a library there): F5 on a
 * program whose ranks spin in `for (;;) {}`, then the extension host is SIGKILLed — the ranks must
 * end within 2 s with it (they are its children: setpriv's parent-death signal).
 */
import * as assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { openBrowser, pressF5On, skipUnlessInstalled, startCodeServer, waitForWorkbench, workbenchUrl } from './code-server.js';

const PROBE = 'RANKSCOPE_ORPHAN_PROBE';

/** Ranks (live processes running a bundled program) carrying `marker` in their environment. */
function ranksMarked(marker: string): { pid: number; ppid: number }[] {
  const found: { pid: number; ppid: number }[] = [];
  for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map(Number)) {
    try {
      if (!fs.readFileSync(`/proc/${pid}/environ`, 'latin1').split('\0').includes(`${PROBE}=${marker}`)) continue;
      if (!fs.readFileSync(`/proc/${pid}/cmdline`, 'latin1').includes('program.mjs')) continue;
      // `pid (comm) state ppid …`: a zombie has ended already.
      const [state, ppid] = fs.readFileSync(`/proc/${pid}/stat`, 'latin1').replace(/^.*\) /s, '').split(' ');
      if (state !== 'Z') found.push({ pid, ppid: Number(ppid) });
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the extension host dying in a real VS Code (code-server 4.100.3)', function () {
  // code-server, chromium and F5 take minutes on a loaded 2-core machine.
  this.timeout(420000);

  it('takes the ranks it started with it within 2 s, even ranks spinning in for (;;) {}', async function () {
    skipUnlessInstalled(this);
    const marker = randomUUID();
    const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'rankscope-spin-'));
    fs.mkdirSync(path.join(workspace, 'mpi'));
    // Each rank says (in a file: its output goes to the Debug Console) that it spins.
    const spinning = (rank: number) => path.join(workspace, `spinning-${rank}`);
    fs.writeFileSync(path.join(workspace, 'mpi', 'spin.ts'), `import * as fs from 'node:fs';
import { MPI } from 'rankscope/mpi';
fs.writeFileSync(${JSON.stringify(workspace)} + '/spinning-' + MPI.COMM_WORLD.rank, '');
for (;;) {}
`);
    fs.mkdirSync(path.join(workspace, '.vscode'));
    fs.writeFileSync(path.join(workspace, '.vscode', 'launch.json'), JSON.stringify({
      version: '0.2.0',
      configurations: [{ type: 'rankscope', request: 'launch', name: 'spin', program: '${workspaceFolder}/mpi/spin.ts', np: 2 }],
    }));
    const cs = await startCodeServer(workspace, { [PROBE]: marker });
    const browser = await openBrowser();
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      // The machine may be loaded (code-server and chromium are slow to start): generous timeouts.
      await page.goto(workbenchUrl(cs, workspace), { timeout: 120000 });
      await waitForWorkbench(page);
      await pressF5On(page, 'spin.ts');
      for (let i = 0; i < 1200 && !(fs.existsSync(spinning(0)) && fs.existsSync(spinning(1))); i++) await sleep(50);
      assert.ok(fs.existsSync(spinning(0)) && fs.existsSync(spinning(1)), 'F5 did not have 2 ranks spinning within 60 s');
      const ranks = ranksMarked(marker);
      assert.equal(ranks.length, 2, `2 ranks spin, but ${ranks.length} processes run the program`);
      // Both ranks are children of the process hosting the launcher: the extension host.
      const host = ranks[0].ppid;
      assert.ok(ranks.every((r) => r.ppid === host), `ranks with different parents: ${JSON.stringify(ranks)}`);
      assert.match(fs.readFileSync(`/proc/${host}/cmdline`, 'latin1'), /extensionHost/, 'the ranks are not the extension host\'s children');
      process.kill(host, 'SIGKILL');
      for (let i = 0; i < 40 && ranksMarked(marker).length > 0; i++) await sleep(50);
      const left = ranksMarked(marker);
      for (const r of left) process.kill(r.pid, 'SIGKILL');
      assert.deepEqual(left, [], '2 s after the extension host was SIGKILLed, its ranks were still running');
    } finally {
      for (const r of ranksMarked(marker)) process.kill(r.pid, 'SIGKILL');
      await browser.close();
      await cs.stop();
      fs.rmSync(workspace, { recursive: true, force: true });
    }
  });
});
