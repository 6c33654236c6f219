/**
 * VS Code re-reads the thread list (and so the ranks' state in their names) when told a thread
 * started. While the job runs, this compares each process's state a few times a second and tells
 * it of those that changed, so the Call Stack follows the program without a flood of events.
 */
import type { JobState } from '../../runtime/launcher/job-state.js';
import { describeState, threadId } from './rank-threads.js';

const EVERY_MS = 250;

export class ThreadRefresher {
  private readonly shown: string[] = [];
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly state: JobState, private readonly changed: (threadId: number) => void) {
    this.timer = setInterval(() => this.tick(), EVERY_MS);
  }

  tick(): void {
    this.state.ranks.forEach((r, i) => {
      const now = describeState(r);
      if (this.shown[i] === now) return;
      this.shown[i] = now;
      this.changed(threadId(i));
    });
  }

  stop(): void {
    this.tick();
    clearInterval(this.timer);
  }
}
