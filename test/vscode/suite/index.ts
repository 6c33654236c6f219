/**
 * Entry of the mocha suite that runs inside a real VS Code extension host (code-server here, or
 * VS Code desktop through @vscode/test-electron where it can be downloaded). The workbench calls
 * run(); its promise decides the exit code. Results also go to $RANKSCOPE_SUITE_RESULTS, so the
 * Node-side runner can print each test's outcome.
 */
import * as fs from 'node:fs';
import Mocha from 'mocha';

export function run(): Promise<void> {
  // RANKSCOPE_SUITE_GREP runs only the tests whose titles match (while working on one).
  const grep = process.env.RANKSCOPE_SUITE_GREP;
  const mocha = new Mocha({ ui: 'bdd', timeout: 60000, color: false, ...(grep ? { grep } : {}) });
  mocha.suite.emit('pre-require', globalThis, 'extension-host', mocha);
  // Loaded after the globals exist (a bundled require is evaluated here, not hoisted).
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- must run after the emit above, which an import would precede
  require('./debugging.suite.js');
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- as above
  require('./debug-ux.suite.js');
  const results: { title: string; state: string; error?: string; ms?: number }[] = [];
  // Written after each test, so a run that times out still shows how far it got.
  const save = (): void => {
    const out = process.env.RANKSCOPE_SUITE_RESULTS;
    if (out) fs.writeFileSync(out, JSON.stringify(results, null, 2));
  };
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      save();
      if (failures > 0) reject(new Error(`${failures} extension-host test(s) failed`));
      else resolve();
    });
    runner.on('pass', (t) => (results.push({ title: t.fullTitle(), state: 'passed', ms: t.duration }), save()));
    runner.on('fail', (t, err: Error) => (results.push({ title: t.fullTitle(), state: 'failed', error: String(err.stack ?? err) }), save()));
  });
}
