/**
 * A real one-node Slurm cluster for the tests, started from scratch: munge (Slurm's
 * authentication), slurmctld and slurmd, with a configuration of their own in a temporary folder
 * and ports nobody else uses. CI runs as root, as these daemons need; scripts/setup.sh installs
 * Debian's slurm-wlm and munge.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

/** Ports free right now (bound, then released), for the daemons to take. */
async function freePorts(n: number): Promise<number[]> {
  const servers = await Promise.all(Array.from({ length: n }, () => new Promise<net.Server>((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => resolve(s));
  })));
  const ports = servers.map((s) => (s.address() as net.AddressInfo).port);
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  return ports;
}

function works(cmd: string, args: string[]): boolean {
  return spawnSync(cmd, args, { stdio: 'ignore' }).status === 0;
}

export class LocalSlurm {
  private startedMunge = false;

  private constructor(readonly dir: string) {}

  /** What a client (srun, sbatch, sinfo) needs in its environment to find this cluster. */
  get env(): Record<string, string> {
    return { SLURM_CONF: path.join(this.dir, 'slurm.conf') };
  }

  /** What keeps this machine from running one, or undefined. */
  static missing(): string | undefined {
    const absent = ['slurmctld', 'slurmd', 'srun', 'sbatch', 'munged'].filter((c) => !works('sh', ['-c', `command -v ${c}`]));
    if (absent.length > 0) return `${absent.join(', ')} not found (apt-get install slurm-wlm munge)`;
    if (process.getuid?.() !== 0) return 'the Slurm daemons run as root here, and this is not root';
    return undefined;
  }

  static async start(): Promise<LocalSlurm> {
    const s = new LocalSlurm(fs.mkdtempSync(path.join(os.tmpdir(), 'rankscope-slurm-')));
    for (const d of ['state', 'spool', 'log']) fs.mkdirSync(path.join(s.dir, d));
    const [ctld, slurmd] = await freePorts(2);
    fs.writeFileSync(s.env.SLURM_CONF, s.config(ctld, slurmd));
    s.ensureMunge();
    const env = { ...process.env, ...s.env };
    execFileSync('slurmctld', ['-c'], { env, stdio: 'ignore' });
    execFileSync('slurmd', [], { env, stdio: 'ignore' });
    await s.untilIdle();
    return s;
  }

  private config(ctldPort: number, slurmdPort: number): string {
    const host = os.hostname().split('.')[0];
    const at = (f: string): string => path.join(this.dir, f);
    // Addresses given, so nothing depends on the host name resolving; tasks may outnumber the
    // cores (srun -O), as a 9-rank run on two cores needs.
    return `ClusterName=rankscope
SlurmctldHost=${host}(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
StateSaveLocation=${at('state')}
SlurmdSpoolDir=${at('spool')}
SlurmctldPidFile=${at('slurmctld.pid')}
SlurmdPidFile=${at('slurmd.pid')}
SlurmctldLogFile=${at('log/slurmctld.log')}
SlurmdLogFile=${at('log/slurmd.log')}
SlurmctldPort=${ctldPort}
SlurmdPort=${slurmdPort}
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
MpiDefault=none
ReturnToService=2
SchedulerType=sched/builtin
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
NodeName=${host} NodeAddr=127.0.0.1 CPUs=${os.availableParallelism()} RealMemory=1000 State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP OverSubscribe=FORCE:4
`;
  }

  /** Starts munged unless one already answers (Debian's package made its key). */
  private ensureMunge(): void {
    if (works('sh', ['-c', 'munge -n | unmunge'])) return;
    fs.mkdirSync('/run/munge', { recursive: true });
    execFileSync('munged', ['--force'], { stdio: 'ignore' });
    this.startedMunge = true;
  }

  private async untilIdle(): Promise<void> {
    const env = { ...process.env, ...this.env };
    for (let i = 0; i < 100; i++) {
      const r = spawnSync('sinfo', ['-h', '-o', '%t'], { env, encoding: 'utf8' });
      if (r.status === 0 && r.stdout.trim() === 'idle') return;
      await new Promise((res) => setTimeout(res, 200));
    }
    const log = (f: string): string => (fs.existsSync(path.join(this.dir, 'log', f)) ? fs.readFileSync(path.join(this.dir, 'log', f), 'utf8').slice(-2000) : '(no log)');
    const logs = `slurmctld:\n${log('slurmctld.log')}\nslurmd:\n${log('slurmd.log')}`; // read before stop() removes them
    await this.stop();
    throw new Error(`Slurm did not come up within 20 s\n${logs}`);
  }

  /** Stops the daemons and, once they have stopped writing their state, removes their folder. */
  async stop(): Promise<void> {
    const pids: number[] = [];
    for (const pidFile of ['slurmd.pid', 'slurmctld.pid']) {
      try {
        const pid = Number(fs.readFileSync(path.join(this.dir, pidFile), 'utf8'));
        process.kill(pid, 'SIGTERM');
        pids.push(pid);
      } catch {
        // not started, or gone
      }
    }
    for (let i = 0; i < 50 && pids.some(running); i++) await new Promise((r) => setTimeout(r, 100));
    if (this.startedMunge) spawnSync('pkill', ['-x', 'munged']);
    fs.rmSync(this.dir, { recursive: true, force: true, maxRetries: 5 });
  }
}

/** Whether a process is still running (a zombie nobody reaps has stopped all the same). */
function running(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}
