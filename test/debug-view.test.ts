/**
 * What a debugger shows of a stopped rank, checked without a debugger: MPI objects describe
 * themselves (js-debug shows their toString, rank-sessions.ts), and `rank`/`size` are globals a
 * breakpoint condition can name on any line.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from './helpers/run-cli.js';

const PROGRAM = `import { MPI } from 'rankscope/mpi';
const comm = MPI.COMM_WORLD;
function noRankHere(): string {
  // No \`rank\` in this scope but the global one a breakpoint condition reads.
  return \`global rank=\${(globalThis as any).rank} size=\${(globalThis as any).size} keys=\${Object.keys(globalThis).includes('rank')}\`;
}
const rank = comm.rank;
console.log(noRankHere(), 'own', rank);
console.log(String(comm), String(await comm.Split(rank % 2, rank)));
const req = rank === 0 ? comm.irecv({ source: 1, tag: 7 }) : rank === 1 ? comm.isend('x', 0, 7) : MPI.REQUEST_NULL;
console.log(String(req));
const status = new MPI.Status();
await req.wait(status);
console.log(String(req), rank === 0 ? String(status) : '');
console.log(String(comm.Get_group()), String(MPI.SUM), String(MPI.INT));
`;

describe('what the debugger shows of a rank', () => {
  it('MPI objects say what they are; rank and size are (hidden) globals', async function () {
    this.timeout(60_000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rankscope-dbgview-'));
    const file = path.join(dir, 'view.ts');
    fs.writeFileSync(file, PROGRAM);
    const r = await runCli(['run', '-n', '3', '--tag-output', file]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const out = r.stdout;
    for (const n of [0, 1, 2]) {
      assert.match(out, new RegExp(`\\[rank ${n}\\] global rank=${n} size=3 keys=false own ${n}`), out);
      assert.match(out, new RegExp(`\\[rank ${n}\\] Intracomm\\(world, rank ${n} of 3\\) Intracomm\\(world\\.\\S+, rank ${n >> 1} of ${n % 2 ? 1 : 2}\\)`), out);
    }
    assert.match(out, /\[rank 0\] Request\(.*source=1, tag=7.* on world: (pending|completed)\)/, out);
    assert.match(out, /\[rank 1\] Request\(isend\(dest=0, tag=7\) on world: (pending|completed)\)/, out);
    assert.match(out, /\[rank 2\] Request\(MPI\.REQUEST_NULL\)/, out);
    assert.match(out, /\[rank 0\] Request\(MPI\.REQUEST_NULL\) Status\(source=1, tag=7, count=\d+, error=0\)/, out);
    assert.match(out, /\[rank 1\] Group\(rank 1 of 3: world ranks 0, 1, 2\)/, out);
  });
});
