/**
 * One rank's runtime: started once, on first import of any `rankscope` module, before the user's
 * program body runs (top-level await). Connects to the launcher, opens the peer mesh, and makes
 * sure a failing rank tells the launcher why before it exits.
 */
import { ControlClient } from './control-client.js';
import { awaitHint } from './await-hint.js';
import { captureCallSite, setRuntimeDir, userStack } from './call-site.js';
import { ENV, readRankEnvironment, type RankEnvironment } from '../contract/environment.js';
import { setIdentity } from './identity.js';
import { defineDebugGlobals } from './debug-globals.js';
import type { BecomeMessage } from '../contract/control.js';
import { holding } from './liveness.js';
import { Tracer } from './tracer.js';
import { LocalDirectory } from './transport/local-directory.js';
import { PeerMesh } from './transport/peer-mesh.js';
import { P2PEngine } from './mpi/p2p-engine.js';
import { detectLauncher, type ExternalLaunch } from '../cluster/launchers.js';
import type { Coordinator } from '../cluster/coordinator.js';

export class RankRuntime {
  private constructor(
    readonly env: RankEnvironment,
    readonly control: ControlClient | undefined,
    readonly tracer: Tracer,
    readonly engine: P2PEngine,
    readonly mesh: PeerMesh,
    /** For a multiprocessing child: what the launcher told it to run. */
    readonly become: BecomeMessage | undefined,
    /** Started by `mpiexec`/`srun` rather than `rankscope run`. */
    readonly cluster: { launch: ExternalLaunch; coordinator: Coordinator | undefined } | undefined,
  ) {}

  static async start(): Promise<RankRuntime> {
    const env = readRankEnvironment();
    setRuntimeDir(env.runtimeDir);
    if (env.program) process.argv[1] = env.program;
    // Our own launcher's variables win: `rankscope run` inside an `srun` allocation is ours.
    const launch = env.launcherSocket ? undefined : detectLauncher();
    if (launch) Object.assign(env, { rank: launch.rank, size: launch.size });
    const ownName = process.env[ENV.name] ?? `rank ${env.rank}`;
    const engine = new P2PEngine(env.rank, env.eagerLimit);
    const mesh = new PeerMesh(env.rank, (from, h, p) => engine.onFrame(from, h, p), (from, h, n) => engine.dataTarget(from, h, n));
    engine.attach(mesh);
    if (launch) {
      // Loaded only here: a third of the bundle (the coordinator, the job's monitor) that a rank
      // started by `rankscope run` would otherwise compile and initialise for nothing.
      const { joinCluster } = await import('../cluster/member.js');
      const { control, coordinator } = await joinCluster(launch, mesh);
      await holding(mesh.connectAll(launch.size));
      setIdentity({ index: env.rank, name: ownName, parent: undefined, jobDir: undefined });
      defineDebugGlobals(launch.size);
      return new RankRuntime(env, control, new Tracer(env.rank, control), engine, mesh, undefined, { launch, coordinator }).installExitHandlers();
    }
    // Listening for peers needs nothing from the launcher: do both at once. A singleton (no
    // launcher, or a multiprocessing child) only ever sends to itself, in-process: it listens not.
    const listening = env.jobDir && !env.spare ? listenLocally(mesh, env.jobDir, env.rank) : undefined;
    const control = env.launcherSocket ? await ControlClient.connect(env.launcherSocket, env.spare ? -1 : env.rank, env.spare ? 'spare' : ownName) : undefined;
    // A warm spare has loaded Node and this bundle already; it waits here to learn who it is.
    const become = env.spare && control ? await control.next('become') : undefined;
    const index = become ? become.index : env.rank;
    setIdentity({ index, name: become ? become.name : ownName, parent: become?.parent, jobDir: env.jobDir });
    defineDebugGlobals(env.size);
    const tracer = new Tracer(index, control);
    await listening;
    if (listening) await holding(mesh.connectAll(env.size));
    return new RankRuntime(env, control, tracer, engine, mesh, become, undefined).installExitHandlers();
  }

  /** Ends the whole job with `code`, like MPI_Abort: the launcher stops every other rank. */
  abort(code: number): never {
    const site = captureCallSite();
    this.tracer.flush();
    if (this.control) {
      this.control.send({ t: 'abort', code, site }, () => this.exit(code));
      // Keep the loop alive until the launcher has the message; it then ends us anyway.
      setInterval(() => {}, 1 << 30);
      throw new AbortSignalled(code);
    }
    process.exit(code);
  }

  /**
   * Leaves after telling the launcher why. Rank 0 of a cluster hosts the coordinator: it stays up
   * until the coordinator has ended the job on every host (and exits then, with the job's status).
   */
  private exit(code: number): void {
    const coordinator = this.cluster?.coordinator;
    if (!coordinator) process.exit(code);
    coordinator.hold();
    this.control?.close();
  }

  private installExitHandlers(): this {
    // One rejected promise rejects every promise chained on it: report each error once, and the
    // first one as the rank's failure (later ones still reach stderr).
    const seen = new Set<unknown>();
    const fail = (err: unknown): void => {
      if (err instanceof AbortSignalled || seen.has(err)) return;
      seen.add(err);
      const e = err instanceof Error ? err : new Error(String(err));
      const stack = e.stack ?? `${e.name}: ${e.message}`;
      process.stderr.write(`${userStack(stack)}\n`);
      if (seen.size > 1) return;
      const hint = awaitHint(e);
      process.exitCode = 1;
      this.tracer.flush();
      if (!this.control) {
        // No launcher to report it: the hint follows the stack.
        if (hint) process.stderr.write(`hint: ${hint}\n`);
        process.exit(1);
      }
      this.control.send({ t: 'error', message: `${e.name}: ${e.message}`, stack, hint }, () => this.exit(1));
    };
    process.on('uncaughtException', fail);
    process.on('unhandledRejection', fail);
    // Whatever is still buffered reaches the launcher before a normal exit.
    process.on('beforeExit', () => this.tracer.flush());
    if (this.cluster) this.sayByeOnExit();
    return this;
  }

  /**
   * A cluster rank tells the coordinator how its program ended (`rankscope run` sees its children
   * exit; the coordinator sees only a closed socket, which might as well be a lost host). The
   * coordinator may end the job first: then this rank exits with the job's status.
   */
  private sayByeOnExit(): void {
    const control = this.control!;
    let said = false;
    const bye = (code: number): void => {
      if (said) return;
      said = true;
      control.send({ t: 'bye', code });
    };
    process.on('beforeExit', () => {
      bye(typeof process.exitCode === 'number' ? process.exitCode : 0);
      this.cluster?.coordinator?.hold();
    });
    // `process.exit(n)` skips beforeExit; a socket write is tried at once, so this usually gets out.
    process.on('exit', (code) => bye(code));
  }
}

/** Listens on this rank's socket in the job's directory, and says so there for the peers. */
async function listenLocally(mesh: PeerMesh, jobDir: string, rank: number): Promise<void> {
  const directory = new LocalDirectory(jobDir);
  await mesh.listen(directory.addressOf(rank));
  directory.markListening(rank);
  mesh.directory = directory;
}

/** Thrown out of `Abort` so no user code runs after it while the launcher ends the job. */
class AbortSignalled extends Error {
  constructor(readonly code: number) {
    super(`MPI Abort(${code})`);
  }
}
