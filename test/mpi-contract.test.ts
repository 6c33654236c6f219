/**
 * The `rankscope/mpi` contract on real processes: the self-checking suites (test/fixtures/
 * mpi-contract/) at 1, 2, 5 and 9 ranks, and the errors a user meets, each a real run ending with
 * the contract's status and a report naming the rank, the call and the user's line. Errors already
 * covered elsewhere are not repeated: lower-case scatter counts (samples-mpi), a collective never
 * entered (deadlock), ranks that throw, exit or are killed (launcher).
 */
import { strict as assert } from 'node:assert';
import { CONTRACT_SUITES, contractProgram, expectContractPassed } from './helpers/mpi-contract.js';
import { runCli, runProgram, type CliRun } from './helpers/run-cli.js';

const HEAD = `import { MPI } from 'rankscope/mpi';\nconst comm = MPI.COMM_WORLD;\n`; // the body starts on line 3

/** The failure report of `rank`: its error and the user's line right below it. */
function assertFailure(r: CliRun, rank: number, error: RegExp, line: number): void {
  assert.equal(r.code, 1, r.stderr);
  const report = new RegExp(`rankscope: rank ${rank} failed: it exited with code 1\\.\\n  error: ${error.source}\\n  at .*prog\\.ts:${line}:\\d+`);
  assert.match(r.stderr, report);
}

describe('the MPI contract', () => {
  for (const suite of CONTRACT_SUITES) {
    for (const n of [1, 2, 5, 9]) {
      it(`${suite} suite at -n ${n}`, async () => {
        const r = await runCli(['run', '-n', String(n), contractProgram(suite)], { timeoutMs: 60_000 });
        assert.equal(r.code, 0, r.stderr);
        expectContractPassed(r.stdout, suite, n);
        assert.doesNotMatch(r.stderr, /never received/, 'every message sent is received');
      });
    }
  }
});

describe('MPI errors end the run with the rank, the call and the line', () => {
  it('recv from a rank that does not exist', async () => {
    const r = await runProgram(`${HEAD}if (comm.rank === 1) await comm.recv({ source: comm.size });\nelse if (comm.rank === 0) await comm.recv({ source: 1 });\n`, 3);
    assertFailure(r, 1, /RankError: recv: source=3 is not a rank of this communicator \(size 3: ranks 0\.\.2, or MPI\.ANY_SOURCE\)/, 3);
  });

  it('bcast with a root out of range', async () => {
    const r = await runProgram(`${HEAD}await comm.bcast('x', comm.size);\n`, 3);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /rankscope: rank \d failed[^\n]*\n  error: RootError: bcast: root=3 is not a rank of this communicator \(size 3: ranks 0\.\.2\)\n  at .*prog\.ts:3:/);
  });

  it('Recv into a buffer too small: truncation, reported at the Recv', async () => {
    // The size is known only when the message arrives; the report must still show the user's Recv line.
    const r = await runProgram(`${HEAD}if (comm.rank === 0) await comm.Send(new Float64Array(8), 1);\nif (comm.rank === 1) await comm.Recv(new Float64Array(4), 0);\n`, 3);
    assertFailure(r, 1, /TruncateError: Recv: message truncated: rank 0 sent 64 bytes \(Float64Array\), the receive buffer holds 32; make the buffer larger/, 4);
    // The failed receive consumed the message: it is not also "sent but never received".
    assert.doesNotMatch(r.stderr, /never received/);
  });

  it('Scatter with too few items at the root', async () => {
    const r = await runProgram(`${HEAD}await comm.Scatter(comm.rank === 0 ? new Int32Array(5) : null, new Int32Array(2), 0);\n`, 3);
    assertFailure(r, 0, /CountError: Scatter: the buffer has 5 elements; it needs 2 per rank × 3 ranks = 6/, 3);
  });

  it('ranks that call different collectives: status 87, each rank with its call and line', async () => {
    const r = await runProgram(`${HEAD}if (comm.rank === 0) await comm.bcast(1, 0);\nelse await comm.reduce(1, MPI.SUM, 0);\n`, 3);
    assert.equal(r.code, 87, r.stderr);
    assert.match(r.stderr, /collective mismatch on MPI\.COMM_WORLD \(its collective call #1\): the ranks called different collectives/);
    assert.match(r.stderr, /rank 0: bcast\(root=0\) at .*prog\.ts:3\n/);
    for (const rank of [1, 2]) assert.match(r.stderr, new RegExp(`rank ${rank}: reduce\\(op=MPI\\.SUM, root=0\\) at .*prog\\.ts:4\\n`));
  });

  it('Barrier on one rank, Bcast on the other: reported as the mismatch every time, never a crash inside the runtime', async () => {
    // Both are collective call #1: before they had a channel each, the Bcast could take the
    // Barrier's message and fail on its empty payload (CorrBench saw that in 15 runs of 20).
    const prog = `${HEAD}if (comm.rank === 0) await comm.Barrier();\nelse await comm.Bcast(new Float64Array(4), 0);\n`;
    for (let i = 0; i < 4; i++) {
      const r = await runProgram(prog, 2);
      assert.equal(r.code, 87, r.stderr);
      assert.match(r.stderr, /collective mismatch on MPI\.COMM_WORLD \(its collective call #1\): the ranks called different collectives/);
      assert.match(r.stderr, /rank 0: Barrier\(\) at .*prog\.ts:3\n/);
      assert.match(r.stderr, /rank 1: Bcast\(root=0\) at .*prog\.ts:4\n/);
      assert.doesNotMatch(r.stderr, /TypeError|Cannot read/);
    }
  });

  it('reductions whose members disagree on op, count or datatype are reported with both lines, never combined', async () => {
    // MPI requires every member to pass one reduction op and as many elements of one datatype:
    // values reduced with SUM on one rank and MAX on another are silently wrong in real MPI.
    // [program line, rank 0's report line, rank 1's, the rank that must not complete its call]
    const cases: [string, RegExp, RegExp, number][] = [
      ['await comm.Reduce(new Float64Array(3), new Float64Array(3), comm.rank ? MPI.MAX : MPI.SUM, 0);',
        /rank 0: Reduce\(op=MPI\.SUM, root=0\) at .*prog\.ts:3 \[MPI\.SUM, 3 × MPI\.DOUBLE\]/, /rank 1: Reduce\(op=MPI\.MAX, root=0\) at .*prog\.ts:3 \[MPI\.MAX, 3 × MPI\.DOUBLE\]/, 0],
      ['await comm.Allreduce(new Int32Array(comm.rank ? 5 : 3), new Int32Array(comm.rank ? 5 : 3));',
        /rank 0: Allreduce\(op=MPI\.SUM\) at .*prog\.ts:3 \[MPI\.SUM, 3 × MPI\.INT\]/, /rank 1: .*\[MPI\.SUM, 5 × MPI\.INT\]/, 0],
      ['await comm.allreduce(comm.rank, comm.rank ? MPI.PROD : MPI.SUM);', /rank 0: allreduce\(op=MPI\.SUM\)/, /rank 1: allreduce\(op=MPI\.PROD\)/, 0],
    ];
    for (const [line, first, second, waiting] of cases) {
      const r = await runProgram(`${HEAD}${line}\nconsole.log('done', comm.rank);\n`, 2);
      assert.equal(r.code, 87, `${line}\n${r.stderr}`);
      assert.match(r.stderr, /collective mismatch on MPI\.COMM_WORLD \(its collective call #1\): the ranks called \w+ with arguments that must agree and do not/);
      assert.match(r.stderr, first);
      assert.match(r.stderr, second);
      assert.doesNotMatch(r.stdout, new RegExp(`done ${waiting}`), 'a receiving rank must not complete with data from across the mismatch');
    }
  });

  it('a Bcast or Scatter whose root sends fewer elements than a rank receives is a count error at that rank', async () => {
    const bcast = await runProgram(`${HEAD}await comm.Bcast(new Int32Array(comm.rank ? 10 : 4), 0);\n`, 2);
    assertFailure(bcast, 1, /CountError: Bcast: count mismatch: the root sent 16 bytes, this rank's receive buffer takes 40; in a collective every rank's count and datatype must match the root's/, 3);
    const scatter = await runProgram(`${HEAD}await comm.Scatter(comm.rank === 0 ? [new Int32Array(4), 2, MPI.INT] : null, [new Int32Array(3), 3, MPI.INT], 0);\n`, 2);
    assert.equal(scatter.code, 1, scatter.stderr);
    assert.match(scatter.stderr, /CountError: Scatter: count mismatch: the root sent 8 bytes, this rank's receive buffer takes 12/);
  });

  it('argument errors of async calls reject their promise, so .catch() sees them', async () => {
    const r = await runProgram(`${HEAD}const seen = [];
const calls = [() => comm.bcast(1, comm.size), () => comm.recv({ source: comm.size }), () => comm.Send(new Float64Array(2), comm.size),
  () => comm.reduce(1, 'sum'), () => comm.Send([new Float64Array(2), 3, MPI.DOUBLE], 0), () => comm.Recv([new Int32Array(2), 1, 2, MPI.INT], 0)];
for (const call of calls) {
  let p;
  try { p = call(); } catch (e) { seen.push('thrown ' + e.name); continue; }
  await p.then(() => seen.push('resolved'), (e) => seen.push(e.name));
}
console.log(seen.join(','));
`, 1);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.trim(), 'RootError,RankError,RankError,OpError,BufferError,BufferError');
  });

  it('buffer specifications move exactly the elements they name', async () => {
    const r = await runProgram(`${HEAD}const st = new MPI.Status();
if (comm.rank === 0) {
  const b = Int32Array.of(1, 2, 3, 4);
  await comm.Send([b, 2, MPI.INT], 1);
  await comm.Send([b, 2, 1, MPI.INT], 1);
  await comm.Send([new Float64Array([0.5, 1.5]), MPI.DOUBLE], 1);
  await comm.Send(new Float64Array(1), 1);
} else {
  const a = new Int32Array(4);
  await comm.Recv(a, 0, 0, st);
  console.log('count', [...a].join(' '), st.Get_count(MPI.INT));
  const b = Int32Array.of(9, 9, 9, 9);
  await comm.Recv([b, 2, 2, MPI.INT], 0);
  console.log('displ', [...b].join(' '));
  const c = new Float64Array(1);
  await comm.Recv(c, 0).catch((e) => console.log('truncated', e.name));
  await comm.Recv(new Int32Array(4), 0).catch((e) => console.log('mismatch', e.name));
}
const d = comm.rank === 0 ? Float64Array.of(1, 2, 3) : Float64Array.of(7, 7, 7);
await comm.Bcast([d, 2, MPI.DOUBLE], 0);
console.log('bcast', comm.rank, [...d].join(' '));
`, 2);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.stdout.trim().split('\n').sort(), ['bcast 0 1 2 3', 'bcast 1 1 2 7', 'count 1 2 0 0 2', 'displ 9 9 2 3', 'mismatch DatatypeError', 'truncated TruncateError']);
  });


  it('derived datatypes: a matrix column (Create_vector), every other element (Create_indexed_block), a sub-block (Create_subarray), MPI.BOTTOM', async () => {
    const r = await runProgram(`${HEAD}const col = MPI.DOUBLE.Create_vector(3, 1, 4).Commit();
console.log('extent', comm.rank, col.extent, col.Get_size());
const m = Float64Array.from({ length: 12 }, (_, i) => (comm.rank === 0 ? i : -1));
if (comm.rank === 0) await comm.Send([m.subarray(1), 1, col], 1);
if (comm.rank === 1) {
  await comm.Recv([m.subarray(2), 1, col], 0);
  console.log('column', [...m].join(','));
}
const every2 = MPI.INT.Create_indexed_block(1, [0, 2, 4]).Commit();
const b = Int32Array.from({ length: 6 }, (_, i) => (comm.rank === 0 ? i + 10 : -1));
await comm.Bcast([b, 1, every2], 0);
if (comm.rank === 1) console.log('indexed', [...b].join(','));
const sub = MPI.INT.Create_subarray([3, 4], [2, 2], [1, 1]).Commit();
const g = Int32Array.from({ length: 12 }, (_, i) => (comm.rank === 0 ? i : 0));
if (comm.rank === 0) await comm.Send([g, 1, sub], 1);
if (comm.rank === 1) {
  const into = new Int32Array(4);
  await comm.Recv(into, 0);
  console.log('subarray', [...into].join(','));
  const st = MPI.Datatype.Create_struct([2], [MPI.Get_address(g) + 8], [MPI.INT]).Commit();
  await comm.Recv([MPI.BOTTOM, 1, st], 0);
  console.log('bottom', [...g.subarray(0, 5)].join(','));
  await comm.Send([m, 1, MPI.DOUBLE.Create_contiguous(2)], 0).catch((e) => console.log('uncommitted', e.name));
}
if (comm.rank === 0) await comm.Send(Int32Array.of(7, 8), 1);
`, 2);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.stdout.trim().split('\n').sort(), [
      'bottom 0,0,7,8,0', 'column -1,-1,1,-1,-1,-1,5,-1,-1,-1,9,-1', 'extent 0 72 24', 'extent 1 72 24',
      'indexed 10,-1,12,-1,14,-1', 'subarray 5,6,9,10', 'uncommitted DatatypeError',
    ]);
  });

  it("a Node Buffer is a byte buffer, and a lower-case receive of bytes unpickles them as mpi4py's does", async () => {
    const r = await runProgram(`${HEAD}if (comm.rank === 0) {
  await comm.Send(Buffer.from('hi'), 1);
  await comm.Send([MPI.pickle.dumps({ a: [1, 2] }), MPI.BYTE], 1);
  await comm.Send([null, 0, MPI.BYTE], 1);
  await comm.Send(Int16Array.of(5, 6), 1);
} else if (comm.rank === 1) {
  const b = new Uint8Array(2);
  await comm.Recv(b, 0);
  console.log(Buffer.from(b).toString());
  console.log(JSON.stringify(await comm.recv(0)), await comm.recv(0));
  const i16 = await comm.recv(0);
  console.log(i16.constructor.name, [...i16].join(' '));
}
`, 2);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.stdout.trim().split('\n'), ['hi', '{"a":[1,2]} null', 'Int16Array 5 6']);
  });
  it('Abort(code) ends every rank with that status, naming the rank and the line', async () => {
    const r = await runProgram(`${HEAD}if (comm.rank === 2) comm.Abort(42);\nawait comm.barrier();\n`, 3);
    assert.equal(r.code, 42, r.stderr);
    assert.match(r.stderr, /rankscope: rank 2 called Abort\(42\) at .*prog\.ts:3; every rank was stopped\./);
  });
});
