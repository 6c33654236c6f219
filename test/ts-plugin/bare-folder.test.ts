/**
 * A user's own folder with one program and nothing else (no tsconfig, no package.json, no
 * node_modules), checked with the options VS Code gives such a file: with the plugin, no problems,
 * and `comm.send` has its documentation and typed signatures.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { INFERRED, languageService, optionsOf, problems, requireDeclarations } from './language-service.js';

const PROGRAM = `import { MPI } from 'rankscope/mpi';
import * as mp from 'rankscope/multiprocessing';

export function square(x: number) {
  return x * x;
}

const comm = MPI.COMM_WORLD;
const rank = comm.Get_rank();
if (rank === 0) await comm.send({ n: 1 }, { dest: 1, tag: 7 });
if (rank === 1) console.log('got', await comm.recv({ source: 0, tag: 7 }), process.pid);
const total = await comm.allreduce(rank, { op: MPI.SUM });
console.log(total);

await mp.main(async () => {
  const q = new mp.Queue();
  const p = new mp.Process({ target: square, args: [3] });
  await p.start();
  await p.join();
  await using pool = new mp.Pool(2);
  console.log(await pool.map(square, [1, 2, 3]), q);
});
`;

describe('ts plugin: a bare folder with one Rankscope program', function () {
  this.timeout(120000);
  let dir: string;
  let file: string;

  before(() => {
    requireDeclarations();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rankscope-bare-'));
    file = path.join(dir, 'prog.ts');
    fs.writeFileSync(file, PROGRAM);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('has problems without the plugin (what VS Code showed before it)', () => {
    const found = problems(languageService([file], INFERRED, false), file);
    assert.ok(found.some((p) => /TS2307 Cannot find module 'rankscope\/mpi'/.test(p)), found.join('\n'));
  });

  it('has no problems with the plugin', () => {
    assert.deepEqual(problems(languageService([file], INFERRED), file), []);
  });

  it('shows the documentation and typed signatures of comm.send, and completes comm. with mpi4py names', () => {
    const service = languageService([file], INFERRED);
    const info = service.getQuickInfoAtPosition(file, PROGRAM.indexOf('send(') + 1);
    const signature = info?.displayParts?.map((p) => p.text).join('') ?? '';
    const docs = info?.documentation?.map((p) => p.text).join('') ?? '';
    assert.match(signature, /Comm\.send\(obj: unknown, options: SendOptions\): Promise<void> \(\+2 overloads\)/);
    assert.match(docs, /Sends `obj`/);
    const names = service.getCompletionsAtPosition(file, PROGRAM.indexOf('comm.Get_rank') + 'comm.'.length, {})?.entries.map((e) => e.name) ?? [];
    for (const name of ['send', 'recv', 'isend', 'irecv', 'bcast', 'scatter', 'gather', 'reduce', 'allreduce', 'barrier', 'Get_rank', 'Get_size', 'Send', 'Recv']) {
      assert.ok(names.includes(name), `comm. does not complete ${name}: ${names.join(', ')}`);
    }
    const recv = service.getQuickInfoAtPosition(file, PROGRAM.indexOf('recv(') + 1)?.displayParts?.map((p) => p.text).join('') ?? '';
    assert.doesNotMatch(recv, /\.\.\.args: unknown\[\]/, recv);
  });
});

describe('ts plugin: a folder whose tsconfig makes the program CommonJS', function () {
  this.timeout(120000);
  let dir: string;
  before(() => {
    requireDeclarations();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rankscope-cjs-'));
    // module NodeNext without a package.json saying "type": "module": TypeScript takes the file
    // for CommonJS, where top-level await is an error (ts1309); Rankscope runs it as an ES module.
    fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'NodeNext', target: 'ES2022', strict: true, noEmit: true, skipLibCheck: true } }));
    fs.writeFileSync(path.join(dir, 'prog.ts'), "import { MPI } from 'rankscope/mpi';\nconst comm = MPI.COMM_WORLD;\nif (comm.rank === 1) console.log(await comm.recv({ source: 0 }));\n");
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('does not report top-level await there', () => {
    const file = path.join(dir, 'prog.ts');
    const without = problems(languageService([file], optionsOf(dir), false), file);
    assert.ok(without.some((p) => /TS1309/.test(p)), without.join('\n'));
    assert.deepEqual(problems(languageService([file], optionsOf(dir)), file), []);
  });
});
