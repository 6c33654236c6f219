/**
 * One rank's runtime: started once, on first import of any `rankscope` module, before the user's
 * program body runs (top-level await). Connects to the launcher, opens the peer mesh, and makes
 * sure a failing rank tells the launcher why before it exits.
 */
import { ControlClient } from './control-client.js';
import { captureCallSite, setRuntimeDir } from './call-site.js';
import { ENV, readRankEnvironment, rankSocketPath, type RankEnvironment } from './environment.js';
import { setIdentity } from './identity.js';
import type { BecomeMessage } from '../protocol/control.js';
import { Tracer } from './tracer.js';
import { PeerMesh } from '../transport/peer-mesh.js';
import { P2PEngine } from '../mpi/p2p-engine.js';

export class RankRuntime {
  private constructor(
    readonly env: RankEnvironment,
    readonly control: ControlClient | undefined,
    readonly tracer: Tracer,
    readonly engine: P2PEngine,
    readonly mesh: PeerMesh,
    /** For a multiprocessing child: what the launcher told it to run. */
    readonly become: BecomeMessage | undefined,
  ) {}

  static async start(): Promise<RankRuntime> {
    const env = readRankEnvironment();
    setRuntimeDir(env.runtimeDir);
    if (env.program) process.argv[1] = env.program;
    const ownName = process.env[ENV.name] ?? `rank ${env.rank}`;
    const control = env.launcherSocket ? await ControlClient.connect(env.launcherSocket, env.spare ? -1 : env.rank, env.spare ? 'spare' : ownName) : undefined;
    // A warm spare has loaded Node and this bundle already; it waits here to learn who it is.
    const become = env.spare && control ? await control.next('become') : undefined;
    const index = become ? become.index : env.rank;
    setIdentity({ index, name: become ? become.name : ownName, parent: become?.parent, jobDir: env.jobDir });
    const tracer = new Tracer(index, control);
    const engine = new P2PEngine(env.rank, env.eagerLimit);
    const jobDir = env.jobDir ?? '';
    const mesh = new PeerMesh(env.rank, (r) => rankSocketPath(jobDir, r), (from, h, p) => engine.onFrame(from, h, p), (from, h, n) => engine.dataTarget(from, h, n));
    // A singleton (no launcher, or a multiprocessing child) only ever sends to itself, and those
    // frames loop back in-process.
    if (env.jobDir && !env.spare) await mesh.listen();
    engine.attach(mesh);
    const rt = new RankRuntime(env, control, tracer, engine, mesh, become);
    rt.installExitHandlers();
    return rt;
  }

  /** Ends the whole job with `code`, like MPI_Abort: the launcher stops every other rank. */
  abort(code: number): never {
    const site = captureCallSite();
    this.tracer.flush();
    if (this.control) {
      this.control.send({ t: 'abort', code, site }, () => process.exit(code));
      // Keep the loop alive until the launcher has the message; it then ends us anyway.
      setInterval(() => {}, 1 << 30);
      throw new AbortSignalled(code);
    }
    process.exit(code);
  }

  private installExitHandlers(): void {
    const fail = (err: unknown): void => {
      if (err instanceof AbortSignalled) return;
      const e = err instanceof Error ? err : new Error(String(err));
      const stack = e.stack ?? `${e.name}: ${e.message}`;
      process.stderr.write(`${stack}\n`);
      process.exitCode = 1;
      this.tracer.flush();
      if (!this.control) process.exit(1);
      this.control.send({ t: 'error', message: `${e.name}: ${e.message}`, stack }, () => process.exit(1));
    };
    process.on('uncaughtException', fail);
    process.on('unhandledRejection', fail);
    // Whatever is still buffered reaches the launcher before a normal exit.
    process.on('beforeExit', () => this.tracer.flush());
  }
}

/** Thrown out of `Abort` so no user code runs after it while the launcher ends the job. */
class AbortSignalled extends Error {
  constructor(readonly code: number) {
    super(`MPI Abort(${code})`);
  }
}
