/**
 * The CorrBench port (test/corrbench/): every case runs with the CLI as a user would run it and ends
 * in a classification (no hang the runner had to kill, no case that does not build), and the
 * recall/precision table is printed. The detector's goal figures are not asserted yet; what is
 * asserted is that every correct program passes, except the known false positives below, each
 * with the reason. A listed case that passes fails this test too, so the list shrinks as we fix.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadCases } from './corrbench/cases.js';
import { CLI, runAll, type Result } from './corrbench/classify.js';
import { format, summarize, type Summary } from './corrbench/report.js';

/** Correct programs Rankscope fails today, with what it says. Remove an entry once it passes. */
const KNOWN_FALSE_POSITIVES: Record<string, string> = {
  // CorrBench contradicts itself here: it labels two Irecvs into one buffer incorrect
  // (ArgMismatch-MPIIrecv-buffer-overlap, as MUST reports it) while these MPICH tests do just that.
  'correct/pt2pt/patterns':
    'two pending Irecvs into the same buffer: warned of as overlapping receive buffers, as in ArgMismatch-MPIIrecv-buffer-overlap',
  'correct/pt2pt/inactivereq':
    'one Irecv per rank into the same buffer, all pending together: warned of as overlapping receive buffers',
  'correct/coll/alltoallw_zeros':
    'a zero-size type with explicit counts in Alltoallv ("BufferError: Alltoallv: Create_contiguous(MPI.INT) has extent 0; with it, give a count")',
};

describe('CorrBench micro-benchmarks, ported (test/corrbench/)', function () {
  // ~270 runs of ~2 s each, 2 at a time, on 2 shared cores.
  this.timeout(8 * 60_000);
  const cases = loadCases();
  let results: Result[] = [];
  let summary: Summary;

  before(async () => {
    assert.ok(fs.existsSync(CLI), `${CLI} is missing: npm run build`);
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'corrbench-'));
    try {
      results = await runAll(cases, scratch, { parallel: 2, timeoutMs: 30_000 });
    } finally {
      fs.rmSync(scratch, { recursive: true, force: true });
    }
    summary = summarize(cases, results);
  });

  it('has the six groups of the port, with labels from the file names', () => {
    const groups = new Set(cases.map((c) => c.id.split('/').slice(0, -1).join('/')));
    assert.deepEqual([...groups].sort(), ['coll', 'conflo/coll', 'conflo/pt2pt', 'correct/coll', 'correct/pt2pt', 'pt2pt']);
    assert.deepEqual([...new Set(cases.filter((c) => !c.correct).map((c) => c.label))].sort(), ['ArgError', 'ArgMismatch', 'MisplacedCall', 'MissingCall']);
  });

  it('runs every case to a classification: no hang, no case that does not build', () => {
    const bad = results.filter((r) => r.outcome === 'timeout' || r.outcome === 'runner-error');
    assert.deepEqual(bad.map((r) => `${r.id}: ${r.outcome} ${r.evidence}`), []);
  });

  it('prints the confusion matrix and recall/precision, overall and per category', () => {
    const table = format(summary);
    console.log(`\n${table}\n`);
    for (const category of ['overall', 'pt2pt', 'coll', 'ArgError', 'ArgMismatch', 'MisplacedCall', 'MissingCall']) {
      const row = summary.rows.find((r) => r.category === category);
      assert.ok(row && row.any.recall !== null && row.own.recall !== null, `no recall for ${category}`);
      assert.match(table, new RegExp(`^${category} `, 'm'));
    }
    assert.match(table, /recall +precision/);
  });

  it('reaches the goal on Rankscope\'s own reports: recall >= 0.90, precision >= 0.98', () => {
    // Measured 0.985 and 0.985 when set: a change that loses findings, or adds false alarms, fails here.
    const overall = summary.rows.find((r) => r.category === 'overall')!;
    assert.ok(overall.own.recall! >= 0.9, `own recall ${overall.own.recall}`);
    assert.ok(overall.own.precision! >= 0.98, `own precision ${overall.own.precision}`);
  });

  it('passes every correct program except the known false positives', () => {
    const failing = results.filter((r, i) => cases[i].correct && r.outcome !== 'none');
    const unexpected = failing.filter((r) => !(r.id in KNOWN_FALSE_POSITIVES));
    assert.deepEqual(unexpected.map((r) => `${r.id}: ${r.outcome} ${r.evidence}`), []);
    const fixed = Object.keys(KNOWN_FALSE_POSITIVES).filter((id) => !failing.some((r) => r.id === id));
    assert.deepEqual(fixed, [], 'these now pass: take them off KNOWN_FALSE_POSITIVES');
  });
});
