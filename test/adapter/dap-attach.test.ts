/**
 * The debug adapter attached to runs it did not start (`request: "attach"`), and the stdio adapter
 * publishing the runs it launches — over DAP from the built bundle, with real ranks.
 */
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DebugClient } from '@vscode/debugadapter-testsupport';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { RunClient } from '../../runtime/attach/run-client.js';
import type { RunEvent } from '../../runtime/contract/run.js';
import { runsFolder } from '../../runtime/contract/run-wire.js';
import { CLI, program, ROOT, runCli } from '../helpers/run-cli.js';

const ADAPTER = path.join(ROOT, 'dist', 'adapter.cjs');
const DEADLOCK = path.join(ROOT, 'samples', 'mpi', 'deadlock.ts');
const SLOW = `import { MPI } from 'rankscope/mpi';
const comm = MPI.COMM_WORLD;
for (let i = 0; i < 20; i++) {
  await comm.barrier();
  await new Promise((r) => setTimeout(r, 100));
}
`;

const freshFolder = (): string => fs.mkdtempSync(path.join(path.dirname(program('')), 'cwd-'));

describe('debug adapter: attach to a published run', function () {
  this.timeout(90000);
  let dc: DebugClient;

  beforeEach(async () => {
    dc = new DebugClient('node', ADAPTER, 'rankscope');
    dc.defaultTimeout = 30000;
    await dc.start();
  });

  afterEach(async () => {
    await dc.stop().catch(() => undefined);
  });

  /**
   * What VS Code sends for an attach configuration: initialize, attach, and configurationDone once
   * initialized (DebugClient's own sequence sends it only after its launch()).
   */
  const attach = async (descriptor: string): Promise<unknown> => {
    const configured = dc.waitForEvent('initialized').then(() => dc.configurationDoneRequest());
    await dc.initializeRequest();
    return Promise.all([configured, dc.attachRequest({ descriptor } as DebugProtocol.AttachRequestArguments)]);
  };

  /** The session stops on the deadlock with the report; the Call Stack shows ranks 1 and 5 blocked in recv. */
  async function seesDeadlock(): Promise<void> {
    const stopped = (await dc.waitForEvent('stopped')) as DebugProtocol.StoppedEvent;
    assert.equal(stopped.body.text, 'Deadlock detected');
    const info = await dc.exceptionInfoRequest({ threadId: stopped.body.threadId! });
    assert.match(info.body.description!, /deadlock detected: rank 1, rank 5/);
    const names = (await dc.threadsRequest()).body.threads.map((t) => t.name);
    assert.equal(names.length, 9);
    assert.match(names[1], /^rank 1 — blocked in recv\(source=5, tag=ANY\) at .*deadlock\.ts:16$/);
    assert.match(names[5], /^rank 5 — blocked in recv\(source=1, tag=ANY\) at .*deadlock\.ts:28$/);
  }

  it('attaches to `rankscope run -n 9` of the deadlock sample started in a terminal and stops at the deadlock', async () => {
    const cwd = freshFolder();
    const cli = spawn(process.execPath, [CLI, 'run', '-n', '9', DEADLOCK], { cwd, stdio: 'ignore' });
    const exited = new Promise((r) => cli.once('exit', r));
    const descriptor = path.join(runsFolder(cwd), `${cli.pid}.json`);
    for (let i = 0; i < 400 && !fs.existsSync(descriptor); i++) await new Promise((r) => setTimeout(r, 25));
    // Live if still running, else from the record it left: the session shows the same either way.
    await Promise.all([attach(descriptor), seesDeadlock()]);
    assert.equal(await exited, 86);
  });

  it('attaches to an ended run\'s record and shows it as it ended', async () => {
    const cwd = freshFolder();
    const r = await runCli(['run', '-n', '9', DEADLOCK], { cwd });
    assert.equal(r.code, 86);
    const record = fs.readdirSync(runsFolder(cwd)).find((f) => f.endsWith('.ended.json'))!;
    await Promise.all([attach(path.join(runsFolder(cwd), record)), seesDeadlock()]);
  });

  it('refuses an attach without a descriptor, or to a run that is gone, saying why', async () => {
    await dc.initializeRequest();
    await assert.rejects(dc.attachRequest({} as DebugProtocol.AttachRequestArguments), /needs "descriptor"/);
    await assert.rejects(dc.attachRequest({ descriptor: path.join(freshFolder(), '1.json') } as DebugProtocol.AttachRequestArguments), /cannot read the run descriptor/);
  });

  it('the stdio adapter publishes the run it launches and names it in rankscope/published', async () => {
    const file = program(SLOW, 'slow.ts');
    const published = dc.waitForEvent('rankscope/published');
    const terminated = dc.waitForEvent('terminated');
    await Promise.all([dc.configurationSequence(), dc.launch({ program: file, np: 2 } as DebugProtocol.LaunchRequestArguments)]);
    const body = (await published).body as { descriptor: string };
    assert.equal(path.dirname(body.descriptor), runsFolder(path.dirname(file)));
    const viewer = await RunClient.connect(body.descriptor);
    assert.equal(viewer.info.launcher, 'the VS Code debugger');
    const seen: RunEvent[] = [];
    viewer.subscribe((e) => seen.push(e));
    assert.equal((await viewer.ended).outcome, 'ok');
    assert.ok(seen.some((e) => e.type === 'trace'));
    await terminated;
  });
});
