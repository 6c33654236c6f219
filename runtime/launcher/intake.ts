/**
 * The one message switch of a launcher: what the local Job and the cluster Coordinator do alike
 * with what ranks say — trace events into the monitor, a rank's error and its start into the
 * state (and so to the Run's watchers), an abort to the run's end — and, for what only one of
 * them knows how to do (start a child, answer a clock ping), the owner's own handler.
 */
import type { ControlConnection } from './control-server.js';
import type { RankToLauncher } from '../contract/control.js';
import type { RunEnd } from '../contract/run.js';
import type { JobMonitor } from './state/monitor.js';
import * as report from './state/reports.js';

type Message<K extends RankToLauncher['t']> = Extract<RankToLauncher, { t: K }>;
type Handler<K extends RankToLauncher['t']> = (conn: ControlConnection, msg: Message<K>, index: number) => void;

export interface IntakeOwner {
  /** The process a connection speaks for, or undefined to ignore what it says. */
  indexOf(conn: ControlConnection): number | undefined;
  /** The run must end with this. */
  end(result: RunEnd): void;
  /** A process introduced itself (before the state records its start). */
  hello(conn: ControlConnection, msg: Message<'hello'>): void;
  spawn: Handler<'spawn'>;
  signal?: Handler<'signal'>;
  join?: Handler<'join'>;
  clock?: Handler<'clock'>;
  bye?: Handler<'bye'>;
}

export class Intake {
  constructor(private readonly monitor: JobMonitor, private readonly owner: IntakeOwner) {}

  message(conn: ControlConnection, msg: RankToLauncher): void {
    const state = this.monitor.state;
    if (msg.t === 'hello') {
      this.owner.hello(conn, msg);
      if (msg.rank >= 0 && state.ranks[msg.rank]) {
        state.started(msg.rank, msg.pid);
        this.monitor.publishChanges();
      }
      return;
    }
    const index = this.owner.indexOf(conn);
    const r = index === undefined ? undefined : state.ranks[index];
    if (index === undefined || !r) return;
    switch (msg.t) {
      case 'events':
        return this.monitor.receiveBatch(msg, conn.traces);
      case 'error':
        r.error = { message: msg.message, stack: msg.stack, hint: msg.hint };
        state.touch(index);
        return this.monitor.publishChanges();
      case 'abort':
        return this.owner.end({ exitCode: msg.code, outcome: 'aborted', report: report.abortReport(r, msg.code, msg.site) });
      case 'spawn':
        return this.owner.spawn(conn, msg, index);
      case 'signal':
        return this.owner.signal?.(conn, msg, index);
      case 'join':
        return this.owner.join?.(conn, msg, index);
      case 'clock':
        return this.owner.clock?.(conn, msg, index);
      case 'bye':
        return this.owner.bye?.(conn, msg, index);
    }
  }
}
