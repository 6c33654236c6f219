/**
 * A Rankscope call whose Promise is dropped or used as a value gets "Did you forget to use
 * 'await'?" with a quick fix that adds it; the same calls used correctly, and calls that return a
 * Request, get nothing.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ts from 'typescript';
import { INFERRED, languageService, requireDeclarations } from './language-service.js';

const FLAGGED = [
  'console.log(comm.recv(0));',
  'comm.send(1, { dest: 1 });',
  'console.log(`got ${comm.recv({ source: 0 })}`);',
  "const text = 'sum ' + comm.allreduce(rank);",
  'q.get();',
  'p.join();',
  'console.log(q.get());',
  '(comm.barrier());',
];

const NOT_FLAGGED = [
  'const r = comm.irecv();',
  'const s = comm.isend(1, 1);',
  'await comm.send(1, { dest: 1 });',
  'console.log(await comm.recv(0));',
  'const pending = comm.recv(0); console.log(await pending);',
  'await Promise.all([comm.recv(0), comm.recv(1)]);',
  'comm.recv(0).then((v) => console.log(v));',
  'void comm.barrier();',
  'async function f() { return comm.recv(0); }',
  'const g = () => comm.recv(0);',
  'console.log(comm.Get_rank());',
  'promises.push(comm.recv(0));',
  'await Promise.race([p.join(), Promise.resolve()]);',
];

const PRELUDE = `import { MPI } from 'rankscope/mpi';
import * as mp from 'rankscope/multiprocessing';
const comm = MPI.COMM_WORLD;
const rank = comm.rank;
const promises: Promise<unknown>[] = [];
await mp.main(async () => {
const q = new mp.Queue();
const p = new mp.Process();
`;

describe('ts plugin: a Rankscope Promise used without await', function () {
  this.timeout(120000);
  let dir: string;
  before(() => {
    requireDeclarations();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rankscope-await-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** The "forgot await" diagnostics of each line, checked in one program. */
  function check(lines: string[]): { service: ts.LanguageService; file: string; text: string; found: ts.Diagnostic[] } {
    const file = path.join(dir, `prog-${lines.length}-${Math.random().toString(36).slice(2)}.ts`);
    const text = PRELUDE + lines.map((l) => `  ${l}\n`).join('') + '  console.log(rank, q, p, promises);\n});\n';
    fs.writeFileSync(file, text);
    const service = languageService([file], INFERRED);
    const all = service.getSemanticDiagnostics(file);
    const others = all.filter((d) => d.source !== 'rankscope');
    assert.deepEqual(others.map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' ')), [], 'the test program itself has errors');
    return { service, file, text, found: all.filter((d) => d.source === 'rankscope') };
  }

  it('flags a dropped Promise and one used as a value, on the call, with the call named', () => {
    const { text, found } = check(FLAGGED);
    const flagged = found.map((d) => text.slice(d.start!, d.start! + d.length!));
    assert.deepEqual(flagged, ['comm.recv(0)', 'comm.send(1, { dest: 1 })', 'comm.recv({ source: 0 })', 'comm.allreduce(rank)', 'q.get()', 'p.join()', 'q.get()', 'comm.barrier()']);
    assert.ok(found.every((d) => d.code === 2773 && d.category === ts.DiagnosticCategory.Error));
    assert.match(ts.flattenDiagnosticMessageText(found[0].messageText, ' '), /Did you forget to use 'await'\? comm\.recv\(…\) returns a Promise.*\[object Promise\]/);
    assert.match(ts.flattenDiagnosticMessageText(found[1].messageText, ' '), /comm\.send\(…\) returns a Promise: without 'await', the program goes on before it completes/);
  });

  it('leaves awaited, kept, combined, chained, voided and returned Promises alone, and Requests', () => {
    assert.deepEqual(check(NOT_FLAGGED).found.map((d) => d.messageText), []);
  });

  it("offers a quick fix that adds 'await'", () => {
    const { service, file, text, found } = check(['console.log(comm.recv(0));']);
    const [d] = found;
    const fixes = service.getCodeFixesAtPosition(file, d.start!, d.start! + d.length!, [d.code], {}, {});
    const fix = fixes.find((f) => f.fixName === 'rankscopeAddAwait');
    assert.ok(fix, `no Add 'await' fix among ${fixes.map((f) => f.fixName).join(', ')}`);
    assert.equal(fix.description, "Add 'await' to comm.recv(…)");
    const fixed = fix.changes[0].textChanges.reduceRight((t, c) => t.slice(0, c.span.start) + c.newText + t.slice(c.span.start + c.span.length), text);
    assert.match(fixed, /console\.log\(await comm\.recv\(0\)\);/);
  });
});
