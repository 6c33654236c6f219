/**
 * Ranks on three "hosts": network namespaces joined by a bridge, each with its own address, the
 * ranks started with the variables `srun` sets and meeting at RANKSCOPE_COORDINATOR. Neighbours
 * talk over Unix sockets, other hosts over TCP; the trace and the deadlock report span them all.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { TraceEvent } from '../runtime/contract/trace-events.js';
import { bundleFor, Hosts, runRanks, slurmEnv } from './helpers/cluster.js';
import { CONTRACT_SUITES, contractProgram, expectContractPassed } from './helpers/mpi-contract.js';
import { ROOT } from './helpers/run-cli.js';
import { screenshotPath } from './helpers/screenshots.js';
import { exportPicture } from './webview/picture.js';
import { themeColours } from './webview/screen.js';
import { openBrowser, openDiagram, tableTab, type SavedRun } from './webview/harness.js';

const HOSTS = 3;
const PORT = 29400;

describe('ranks spread over three hosts (network namespaces)', function () {
  let hosts: Hosts;

  before(function () {
    if (!Hosts.available()) {
      // CI runs as root, where this works; a developer's unprivileged shell cannot make namespaces.
      console.warn('    (skipped: network namespaces need root and iproute2)');
      this.skip();
    }
    hosts = Hosts.create(HOSTS);
  });

  after(() => hosts?.destroy());

  const spread = (n: number, bundle: string, extra: (r: number) => Record<string, string> = () => ({})) =>
    runRanks({
      n, bundle,
      netns: (r) => hosts.names[r % HOSTS],
      env: (r) => ({ ...slurmEnv(r, n, `hosts${process.pid}`), RANKSCOPE_COORDINATOR: `${hosts.addresses[0]}:${PORT}`, RANKSCOPE_DEBUG: 'links', ...extra(r) }),
    });

  for (const suite of CONTRACT_SUITES) {
    it(`the ${suite} suite at 6 ranks, two per host: TCP between hosts, Unix sockets within one`, async () => {
      const run = await spread(6, await bundleFor(contractProgram(suite)));
      assert.deepEqual(run.codes, [0, 0, 0, 0, 0, 0], run.stderr);
      expectContractPassed(run.stdout, suite, 6);
      // Ranks r and r+3 share a host.
      assert.match(run.stderr, /link rank (\d) → rank (\d) over unix/);
      for (const m of run.stderr.matchAll(/link rank (\d) → rank (\d) over (\w+) (\S+)/g)) {
        const sameHost = Number(m[1]) % HOSTS === Number(m[2]) % HOSTS;
        assert.equal(m[3], sameHost ? 'unix' : 'tcp', m[0]);
        if (!sameHost) assert.ok(m[4].startsWith(`${hosts.addresses[Number(m[2]) % HOSTS]}:`), `${m[0]}: rank ${m[2]}'s host address`);
      }
    });
  }

  it('a deadlock across hosts is reported by rank 0 with every member, its host, call and line; the diagram shows the hosts', async () => {
    const trace = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rankscope-trace-')), 'deadlock.json');
    const run = await spread(9, await bundleFor(path.join(ROOT, 'samples/mpi/deadlock.ts')), () => ({ RANKSCOPE_TRACE: trace }));
    assert.equal(run.codes[0], 86, run.stderr);
    assert.equal(run.codes[1], 86);
    assert.equal(run.codes[5], 86);
    const report = run.stderr.slice(run.stderr.indexOf('deadlock detected'));
    assert.match(report, new RegExp(`cycle: rank 1 @ ${hosts.addresses[1]} → rank 5 @ ${hosts.addresses[2]} → rank 1`));
    assert.match(report, /rank 1 @ \S+: recv\(source=5, tag=ANY\) at .*samples\/mpi\/deadlock\.ts:16/);
    assert.match(report, /rank 5 @ \S+: recv\(source=1, tag=ANY\) at .*samples\/mpi\/deadlock\.ts:28/);
    // The trace rank 0 wrote, opened in the sequence diagram (as "Rankscope: Open Trace" does).
    const browser = await openBrowser();
    try {
      const d = await openDiagram(browser);
      await d.load((JSON.parse(fs.readFileSync(trace, 'utf8')) as { rankscope: SavedRun }).rankscope);
      const { css } = await themeColours(d.page);
      assert.equal((await exportPicture(d.page)).rects.filter((r) => r.fill === css.red).length, 2, 'two calls drawn red');
      assert.match(await d.page.locator('#banner').innerText(), new RegExp(`cycle: rank 1 @ ${hosts.addresses[1]} → rank 5 @ ${hosts.addresses[2]}`));
      await d.page.screenshot({ path: screenshotPath('sequence-cluster.png') });
      assert.match(await tableTab(d.page, 'Ranks'), new RegExp(`rank 8 @ ${hosts.addresses[2]}\\s+finished`));
      await d.close();
    } finally {
      await browser.close();
    }
  });

  it('the trace names every host, and a host whose clock is 5 s off is aligned at rendezvous', async () => {
    const trace = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rankscope-trace-')), 'p2p.json');
    const skewed = (r: number): Record<string, string> => (r % HOSTS === 1 ? { RANKSCOPE_TEST_CLOCK_SKEW_US: '-5000000' } : {});
    const run = await spread(9, await bundleFor(path.join(ROOT, 'samples/mpi/point-to-point.ts')), (r) => ({ ...skewed(r), RANKSCOPE_TRACE: trace }));
    assert.deepEqual(run.codes, Array(9).fill(0), run.stderr);
    const saved = JSON.parse(fs.readFileSync(trace, 'utf8')).rankscope as { names: string[]; events: TraceEvent[] };
    assert.deepEqual(saved.names, Array.from({ length: 9 }, (_, r) => `rank ${r} @ ${hosts.addresses[r % HOSTS]}`));
    // Rank 0 (host 0) sends to rank 4 (host 1, the skewed one): the receive must end after the send began.
    const sendStart = saved.events.find((e) => e.kind === 'op-start' && e.op === 'send' && e.rank === 0)!;
    const recvEnd = saved.events.find((e) => e.kind === 'op-end' && e.rank === 4 && e.msg === (sendStart as { msg?: string }).msg);
    assert.ok(recvEnd, 'rank 4 received rank 0\'s message');
    assert.ok(recvEnd.t >= sendStart.t, `receive ended ${(sendStart.t - recvEnd.t) / 1000} ms before its send began`);
    const active = [...new Set(saved.events.map((e) => e.rank))];
    assert.ok(active.includes(4) && active.includes(0), `ranks with events: ${active}`);
    const firsts = active.map((r) => Math.min(...saved.events.filter((e) => e.rank === r).map((e) => e.t)));
    const spreadMs = (Math.max(...firsts) - Math.min(...firsts)) / 1000;
    assert.ok(spreadMs < 2500, `first events of the ranks lie ${spreadMs} ms apart`);
  });
});
