/**
 * Figures from the outcomes: the confusion matrix, and recall/precision overall, per kind (pt2pt,
 * coll) and per CorrBench label, counted two ways. "Any error" counts every run that did not end
 * quietly (a crash too); "own reports" counts only Rankscope's reports and warnings, which name the
 * call, so a bare `TypeError` from inside the runtime is a miss there.
 */
import type { Case } from './cases.js';
import type { Outcome, Result } from './classify.js';

export const OUTCOMES: Outcome[] = ['report', 'warning', 'crash', 'none', 'timeout', 'runner-error'];

export type View = 'any' | 'own';
const flagged: Record<View, (o: Outcome) => boolean> = {
  any: (o) => o === 'report' || o === 'warning' || o === 'crash',
  own: (o) => o === 'report' || o === 'warning',
};

export interface Score { tp: number; fn: number; fp: number; tn: number; recall: number | null; precision: number | null }

export function score(cases: Case[], results: Result[], view: View, keep: (c: Case) => boolean): Score {
  const s = { tp: 0, fn: 0, fp: 0, tn: 0 };
  cases.forEach((c, i) => {
    if (!keep(c)) return;
    // A correct program "passes" only by ending quietly; a hang is a failure in both views.
    const hit = flagged[view](results[i].outcome) || (c.correct && results[i].outcome === 'timeout');
    if (c.correct) s[hit ? 'fp' : 'tn']++;
    else s[hit ? 'tp' : 'fn']++;
  });
  const ratio = (a: number, b: number) => (b === 0 ? null : a / b);
  return { ...s, recall: ratio(s.tp, s.tp + s.fn), precision: ratio(s.tp, s.tp + s.fp) };
}

export interface Summary {
  date: string;
  cases: number;
  matrix: Record<'incorrect' | 'correct', Record<Outcome, number>>;
  rows: { category: string; any: Score; own: Score }[];
  results: (Result & { label: string; kind: string; correct: boolean })[];
}

export function summarize(cases: Case[], results: Result[]): Summary {
  const matrix = { incorrect: {} as Record<Outcome, number>, correct: {} as Record<Outcome, number> };
  for (const o of OUTCOMES) matrix.incorrect[o] = matrix.correct[o] = 0;
  cases.forEach((c, i) => matrix[c.correct ? 'correct' : 'incorrect'][results[i].outcome]++);
  const labels = [...new Set(cases.filter((c) => !c.correct).map((c) => c.label))].sort();
  const cats: [string, (c: Case) => boolean][] = [
    ['overall', () => true],
    ['pt2pt', (c) => c.kind === 'pt2pt'],
    ['coll', (c) => c.kind === 'coll'],
    ...labels.map((l): [string, (c: Case) => boolean] => [l, (c) => !c.correct && c.label === l]),
  ];
  // Correct programs carry no label, so a label has a recall but no precision of its own.
  const labelled = (sc: Score, category: string): Score => (labels.includes(category) ? { ...sc, precision: null } : sc);
  return {
    date: new Date().toISOString(),
    cases: cases.length,
    matrix,
    rows: cats.map(([category, keep]) => ({
      category,
      any: labelled(score(cases, results, 'any', keep), category),
      own: labelled(score(cases, results, 'own', keep), category),
    })),
    results: results.map((r, i) => ({ ...r, label: cases[i].label, kind: cases[i].kind, correct: cases[i].correct })),
  };
}

const f = (x: number | null) => (x === null ? '  —  ' : x.toFixed(3));
const pad = (s: string | number, n: number) => String(s).padStart(n);

export function format(s: Summary): string {
  const out: string[] = [];
  out.push(`CorrBench micro-benchmarks, ${s.cases} cases (${s.date})`, '');
  out.push('confusion matrix (rows: truth; columns: what the run gave)');
  out.push(`${'truth'.padEnd(10)}${OUTCOMES.map((o) => pad(o, 13)).join('')}`);
  for (const t of ['incorrect', 'correct'] as const) out.push(`${t.padEnd(10)}${OUTCOMES.map((o) => pad(s.matrix[t][o], 13)).join('')}`);
  out.push('', `${'category'.padEnd(14)}${pad('TP', 5)}${pad('FN', 5)}${pad('FP', 5)}${pad('TN', 5)}  recall  precision  | own: ${pad('TP', 4)}${pad('FN', 5)}${pad('FP', 5)}  recall  precision`);
  for (const r of s.rows) {
    out.push(`${r.category.padEnd(14)}${pad(r.any.tp, 5)}${pad(r.any.fn, 5)}${pad(r.any.fp, 5)}${pad(r.any.tn, 5)}   ${f(r.any.recall)}     ${f(r.any.precision)}  |      ${pad(r.own.tp, 4)}${pad(r.own.fn, 5)}${pad(r.own.fp, 5)}   ${f(r.own.recall)}     ${f(r.own.precision)}`);
  }
  out.push('', '"any": a report, a warning or a crash counts as found; "own": only Rankscope\'s reports and warnings.');
  out.push('Correct programs carry no label: precision is overall and per kind (pt2pt, coll), not per label.');
  return out.join('\n');
}
