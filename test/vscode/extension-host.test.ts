/**
 * Runs test/vscode/suite inside a real VS Code extension host: code-server's workbench in Debian's
 * chromium, told by its `payload` URL parameter to load our extension in development mode and run
 * the suite (as VS Code's own browser integration tests do). The workbench reports the suite's
 * exit code through window.codeAutomationExit.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { ROOT } from '../helpers/run-cli.js';
import { openBrowser, skipUnlessInstalled, startCodeServer, waitForWorkbench, workbenchUrl } from './code-server.js';

describe('extension in a real VS Code (code-server 4.100.3)', function () {
  // Two suites of real runs (9 ranks each, several with a JavaScript debugger per rank) on a loaded machine.
  this.timeout(900000);

  it('passes the extension-host suite', async function () {
    skipUnlessInstalled(this);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rankscope-suite-'));
    const suite = path.join(dir, 'suite.cjs');
    await esbuild.build({
      entryPoints: [path.join(ROOT, 'test/vscode/suite/index.ts')], outfile: suite, bundle: true, platform: 'node', format: 'cjs',
      target: 'node20', external: ['vscode', 'mocha'], nodePaths: [path.join(ROOT, 'node_modules')], logLevel: 'warning',
    });
    // The bundle lives outside the repository: let it find mocha in ours.
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
    const results = path.join(dir, 'results.json');
    const grep = process.env.RANKSCOPE_SUITE_GREP;
    const cs = await startCodeServer(path.join(ROOT, 'samples'), { RANKSCOPE_SUITE_RESULTS: results, ...(grep ? { RANKSCOPE_SUITE_GREP: grep } : {}) });
    const browser = await openBrowser();
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      const exit = new Promise<number>((resolve) => void page.exposeFunction('codeAutomationExit', (code: number) => resolve(code)));
      await page.goto(workbenchUrl(cs, path.join(ROOT, 'samples'), suite), { timeout: 120000 });
      await waitForWorkbench(page);
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<number>((_, reject) => { timer = setTimeout(() => reject(new Error('the suite did not finish within 840 s')), 840000); });
      // The timer is cleared either way: a pending one would keep mocha from exiting for 840 s.
      const code = await Promise.race([exit, timeout]).finally(() => {
        clearTimeout(timer);
        printResults();
      });
      assert.ok(grep || outcome().length >= 10, `the suite ran ${outcome().length} tests`);
      assert.equal(code, 0, 'the extension-host suite failed');
    } finally {
      await browser.close();
      await cs.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }

    function outcome(): { title: string; state: string; error?: string; ms?: number }[] {
      return fs.existsSync(results) ? JSON.parse(fs.readFileSync(results, 'utf8')) as { title: string; state: string; error?: string; ms?: number }[] : [];
    }
    function printResults(): void {
      for (const r of outcome()) console.log(`      ${r.state === 'passed' ? '✔' : '✘'} ${r.title}${r.ms ? ` (${r.ms} ms)` : ''}${r.error ? `\n${r.error}` : ''}`);
    }
  });
});
