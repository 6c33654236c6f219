/**
 * MPI groups and the communicators made from them, on real ranks through the CLI: what mpi4py's
 * test_group and test_comm leave out (they only check whole groups against themselves): member
 * order of Incl, Excl, ranges with a stride, Union and Intersection; Translate_ranks between
 * different groups; a communicator of a subgroup (Create, Create_group) that works and shows in the
 * trace; argument errors that name the call and reject the promise; a Create_group a member never
 * joins is reported.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { OpStartEvent, TraceEvent } from '../runtime/contract/trace-events.js';
import { program, runCli, sortedLines } from './helpers/run-cli.js';

const HEAD = `import { MPI } from 'rankscope/mpi';\nconst comm = MPI.COMM_WORLD;\nconst rank = comm.rank;\n`;

describe('MPI groups and communicators from groups', function () {
  this.timeout(120_000);

  it('group operations keep MPI member order; Translate_ranks maps between groups', async () => {
    const source = `${HEAD}
const g = comm.Get_group();                       // 0 1 2 3 4
const incl = g.Incl([3, 0, 4]);                   // 3 0 4
const excl = g.Excl([1, 3]);                      // 0 2 4
const odd = g.Range_incl([[1, 4, 2]]);            // 1 3
const down = g.Range_incl([[4, 0, -2]]);          // 4 2 0
const notdown = g.Range_excl([[4, 0, -2]]);       // 1 3
const uni = MPI.Group.Union(incl, odd);           // 3 0 4 1
const inter = MPI.Group.Intersection(uni, down);  // 0 4
const diff = MPI.Group.Difference(g, incl);       // 1 2
const members = (x: InstanceType<typeof MPI.Group>) => MPI.Group.Translate_ranks(x);
console.log(JSON.stringify({
  rank,
  incl: members(incl), excl: members(excl), odd: members(odd), down: members(down), notdown: members(notdown),
  uni: members(uni), inter: members(inter), diff: members(diff),
  inclRank: incl.rank, inclSize: incl.size,
  toIncl: g.Translate_ranks([0, 1, 3, MPI.PROC_NULL], incl),
  similar: MPI.Group.Compare(down, excl) === MPI.SIMILAR, unequal: MPI.Group.Compare(odd, excl) === MPI.UNEQUAL,
}));
`;
    const r = await runCli(['run', '-n', '5', program(source)]);
    assert.equal(r.code, 0, r.stderr);
    const U = -32766; // MPI.UNDEFINED
    const inclRank = [1, U, U, 0, 2];
    assert.deepEqual(sortedLines(r.stdout).map((l) => JSON.parse(l)), [0, 1, 2, 3, 4].map((rank) => ({
      rank,
      incl: [3, 0, 4], excl: [0, 2, 4], odd: [1, 3], down: [4, 2, 0], notdown: [1, 3],
      uni: [3, 0, 4, 1], inter: [0, 4], diff: [1, 2],
      inclRank: inclRank[rank], inclSize: 3,
      toIncl: [1, U, 0, -2],
      similar: true, unequal: true,
    })));
  });

  it('Create and Create_group make working communicators of a subgroup, traced as collectives', async () => {
    const source = `${HEAD}
const g = comm.Get_group();
const firstTwo = g.Incl([1, 0]);
const sub = await comm.Create(firstTwo); // every rank calls; the others get COMM_NULL
const subSum = sub ? await sub.allreduce(rank) : null;
let tail = null;
if (rank >= 2) {
  const t = await comm.Create_group(g.Range_incl([[comm.size - 1, 2, -1]]), 7); // only ranks 2.. call
  tail = [t.rank, t.size, await t.allgather(rank)];
  t.Free();
}
console.log(JSON.stringify({ rank, sub: sub && [sub.rank, sub.size, subSum, MPI.Comm.Compare(sub, comm) === MPI.UNEQUAL], tail }));
`;
    const trace = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rankscope-groups-')), 'trace.json');
    const r = await runCli(['run', '-n', '4', '--trace', trace, program(source)]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(sortedLines(r.stdout).map((l) => JSON.parse(l)), [
      { rank: 0, sub: [1, 2, 1, true], tail: null },
      { rank: 1, sub: [0, 2, 1, true], tail: null },
      { rank: 2, sub: null, tail: [1, 2, [3, 2]] },
      { rank: 3, sub: null, tail: [0, 2, [3, 2]] },
    ]);
    const starts = (JSON.parse(fs.readFileSync(trace, 'utf8')).rankscope.events as TraceEvent[]).filter((e): e is OpStartEvent => e.kind === 'op-start');
    assert.deepEqual(starts.filter((e) => e.op === 'Create').map((e) => [e.rank, e.comm]).sort(), [[0, 'world'], [1, 'world'], [2, 'world'], [3, 'world']]);
    const cg = starts.filter((e) => e.op === 'Create_group');
    assert.deepEqual(cg.map((e) => e.rank).sort(), [2, 3]);
    assert.deepEqual(cg.map((e) => e.wait?.type === 'collective' && e.wait.group), [[3, 2], [3, 2]]);
  });

  it('argument errors name the call and reject the promise; Dup keeps hints; a freed communicator equals COMM_NULL', async () => {
    const source = `${HEAD}
const g = comm.Get_group();
const caught = async (p: () => Promise<unknown>) => { try { await p(); return 'no error'; } catch (e) { return \`\${(e as Error).name}: \${(e as Error).message}\`; } };
const results = [
  await caught(() => comm.Create(null as never)),
  await caught(() => comm.Create_group(g.Excl([rank]))),
  await caught(async () => g.Incl([0, 0])),
  await caught(async () => { const x = g.Dup(); x.Free(); x.Get_size(); }),
  await caught(() => comm.Create(g.Incl([rank]))),
];
const d = await comm.Dup();
d.Set_info(MPI.Info.Create({ hint: 'kept' }));
const hints = [(await d.Dup()).Get_info().Get('hint'), (await d.Dup_with_info(MPI.INFO_NULL)).Get_info().Get('hint')];
d.Free();
console.log(JSON.stringify({ rank, results, hints, freedIsNull: d.__eq__(MPI.COMM_NULL) && !d.__bool__(), name: d.Get_name() }));
`;
    const r = await runCli(['run', '-n', '2', program(source)]);
    assert.equal(r.code, 0, r.stderr);
    for (const line of sortedLines(r.stdout).map((l) => JSON.parse(l))) {
      assert.match(line.results[0], /^GroupError: Create: expected an MPI\.Group/);
      assert.match(line.results[1], new RegExp(`^GroupError: Create_group: this process \\(world rank ${line.rank}\\) is not in the group`));
      assert.match(line.results[2], /^GroupError: Incl: rank 0 is named twice/);
      assert.match(line.results[3], /^GroupError: Get_size: the group is MPI\.GROUP_NULL/);
      assert.match(line.results[4], new RegExp(`^GroupError: Create: rank ${1 - line.rank} passed another group \\(world ranks \\[${1 - line.rank}\\]\\)`));
      assert.deepEqual(line.hints, ['kept', null], 'Dup keeps the hints; Dup_with_info(INFO_NULL) has none');
      assert.equal(line.freedIsNull, true);
      assert.equal(line.name, 'MPI_COMM_NULL');
    }
  });

  it('a Create_group that one member of the group never calls is reported, naming both ranks', async () => {
    const source = `${HEAD}
const pair = comm.Get_group().Incl([0, 1]);
if (rank === 0) await comm.Create_group(pair); // @create
`;
    const r = await runCli(['run', '-n', '2', program(source)]);
    assert.equal(r.code, 87, r.stderr); // misuse: the other member finished without the collective
    assert.match(r.stderr, /Create_group \(collective call #1\) was never entered by rank 1/);
    assert.match(r.stderr, /rank 0: Create_group\(tag=0\) at .*prog\.ts:6/);
  });
});
