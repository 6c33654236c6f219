/**
 * Feeds one run to one webview. It subscribes to the `Run`: the replay when the webview says it is
 * ready (first load, shown again, window reloaded), then what the run adds, pushed as it comes —
 * as typed-array batches (codec.ts), never one JSON object per event. Bursts go out together (one
 * pending flush at a time, at most one post per MIN_GAP_MS); while the panel is hidden, what
 * arrives waits and goes out when it is shown again (`flush`).
 */
import type { RunEvent, Run } from '../../runtime/launcher/index.js';
import type { TraceEvent } from '../../runtime/contract/trace-events.js';
import { encodeEvents, StringEncoder } from '../../webview/sequence/codec.js';
import { PROTOCOL_VERSION as v, type HostToWebview } from '../../webview/sequence/protocol.js';
import type { TitledRun } from './run-record.js';

/** Replays go in slices so one message never holds a whole million-event trace. */
const REPLAY_SLICE = 50_000;
/** A webview message costs its page a task: a busy run is sent at most this often. */
const MIN_GAP_MS = 16;

export class Feed {
  private strings = new StringEncoder();
  private unsubscribe: (() => void) | undefined;
  private names: string[] = [];
  private namesDirty = false;
  private pending: TraceEvent[] = [];
  private deadlock: Extract<RunEvent, { type: 'deadlock' }>['deadlock'] | undefined;
  private deadlockSent = false;
  private waits: Extract<RunEvent, { type: 'wait-states' }>['report'] | undefined;
  private end: Extract<RunEvent, { type: 'end' }>['end'] | undefined;
  private scheduled = false;
  private lastPost = 0;

  constructor(private readonly source: TitledRun, private readonly post: (m: HostToWebview) => void, private readonly visible: () => boolean) {}

  private get run(): Run {
    return this.source.run;
  }

  /** The webview (re)started: send the whole run so far, then keep it current. */
  replay(): void {
    this.stop();
    this.strings = new StringEncoder();
    this.names = [];
    this.pending = [];
    this.deadlock = this.end = this.waits = undefined;
    this.deadlockSent = false;
    // The replay comes synchronously, inside subscribe: gather it, then say what the session holds.
    const replayed: RunEvent[] = [];
    let replaying = true;
    this.unsubscribe = this.run.subscribe((e) => (replaying ? replayed.push(e) : this.take(e)));
    replaying = false;
    for (const e of replayed) this.take(e, false);
    this.namesDirty = false;
    const live = !this.end;
    this.post({ type: 'session', v, title: this.source.title, names: this.names.slice(), live, events: this.pending.length });
    this.flush();
  }

  private take(e: RunEvent, schedule = true): void {
    switch (e.type) {
      case 'processes':
        for (const p of e.processes) {
          if (this.names[p.index] === p.name) continue;
          this.names[p.index] = p.name;
          this.namesDirty = true;
        }
        break;
      case 'trace':
        for (const t of e.events) this.pending.push(t);
        break;
      case 'deadlock':
        if (!this.deadlockSent) this.deadlock = e.deadlock;
        break;
      case 'wait-states':
        this.waits = e.report;
        break;
      case 'end':
        this.end = e.end;
        if (!this.deadlockSent) this.deadlock ??= e.end.deadlock;
        break;
      default:
        return;
    }
    if (schedule) this.schedule();
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    const wait = this.lastPost + MIN_GAP_MS - Date.now();
    const go = (): void => {
      this.scheduled = false;
      this.flush();
    };
    if (wait > 0) setTimeout(go, wait);
    else setImmediate(go);
  }

  /** Sends what the webview has not seen yet; while the panel is hidden, it keeps it for later. */
  flush(): void {
    if (!this.visible()) return;
    this.lastPost = Date.now();
    if (this.namesDirty) {
      this.namesDirty = false;
      this.post({ type: 'names', v, names: this.names.slice() });
    }
    for (let at = 0; at < this.pending.length; at += REPLAY_SLICE) {
      this.post({ type: 'events', v, batch: encodeEvents(this.pending.slice(at, at + REPLAY_SLICE), this.strings) });
    }
    this.pending = [];
    if (this.deadlock) {
      this.post({ type: 'deadlock', v, deadlock: this.deadlock });
      this.deadlock = undefined;
      this.deadlockSent = true;
    }
    if (this.waits) {
      this.post({ type: 'wait-states', v, report: this.waits });
      this.waits = undefined;
    }
    if (this.end) {
      const { outcome, exitCode, report, potentialDeadlock } = this.end;
      this.post({ type: 'ended', v, outcome, exitCode, report, ...(potentialDeadlock ? { potential: potentialDeadlock } : {}) });
      this.end = undefined;
      this.stop();
    }
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }
}
