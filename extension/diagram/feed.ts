/**
 * Feeds one run to one webview: everything so far when the webview says it is ready (first load,
 * shown again, window reloaded), then every ~50 ms what the run added — only while the panel is
 * visible, as typed-array batches (codec.ts), never one JSON object per event.
 */
import { encodeEvents, StringEncoder } from '../../webview/sequence/codec.js';
import { PROTOCOL_VERSION as v, type HostToWebview } from '../../webview/sequence/protocol.js';
import type { RunRecord } from './run-record.js';

const TICK_MS = 50;
/** Replays go in slices so one message never holds a whole million-event trace. */
const REPLAY_SLICE = 50_000;

export class Feed {
  private strings = new StringEncoder();
  private sent = 0;
  private namesSent = '';
  private deadlockSent = false;
  private endSent = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly run: RunRecord, private readonly post: (m: HostToWebview) => void, private readonly visible: () => boolean) {
    run.onChange = () => this.flush();
  }

  /** The webview (re)started: send the whole run, then keep it current. */
  replay(): void {
    this.strings = new StringEncoder();
    this.sent = 0;
    this.namesSent = JSON.stringify(this.run.names());
    this.deadlockSent = this.endSent = false;
    this.post({ type: 'session', v, title: this.run.title, names: this.run.names(), live: this.run.live, events: this.run.events.length });
    this.flush();
    if (this.run.live && !this.timer) this.timer = setInterval(() => this.flush(), TICK_MS);
  }

  private flush(): void {
    if (!this.visible()) return;
    const names = JSON.stringify(this.run.names());
    if (names !== this.namesSent) {
      this.namesSent = names;
      this.post({ type: 'names', v, names: this.run.names() });
    }
    const events = this.run.events;
    while (this.sent < events.length) {
      const slice = events.slice(this.sent, this.sent + REPLAY_SLICE);
      this.sent += slice.length;
      this.post({ type: 'events', v, batch: encodeEvents(slice, this.strings) });
    }
    if (this.run.deadlock && !this.deadlockSent) {
      this.deadlockSent = true;
      this.post({ type: 'deadlock', v, deadlock: this.run.deadlock });
    }
    if (this.run.end && !this.endSent) {
      this.endSent = true;
      this.post({ type: 'ended', v, ...this.run.end });
      this.stop();
    }
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
