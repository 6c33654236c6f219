/**
 * When frames are drawn. What the user does redraws at the next animation frame. New data redraws
 * no sooner than four times the last frame's cost after it, so drawing a big run as it streams in
 * takes at most a fifth of the time and the rest goes to taking it in; but never more than 100 ms
 * later, so a live run stays well within a second of the program on screen. A replay (a whole
 * trace sent at once) shows its progress only every half second: the frames between would be
 * drawn for nobody, from a model about to change.
 */
export class FrameClock {
  private scheduled = 0;
  private dataTimer = 0;
  private lastEnd = 0;
  private lastCost = 0;

  constructor(private readonly draw: () => void) {}

  /** Draws at the next animation frame. */
  request(): void {
    this.scheduled ||= requestAnimationFrame(() => this.now());
  }

  /** Draws for new data, paced as above. */
  requestForData(replaying: boolean): void {
    if (this.scheduled || this.dataTimer) return;
    const wait = this.lastEnd + (replaying ? 500 : Math.min(4 * this.lastCost, 100)) - performance.now();
    if (wait <= 0) this.request();
    else this.dataTimer = window.setTimeout(() => ((this.dataTimer = 0), this.request()), wait);
  }

  /** Draws now (and counts the frame's cost for the pacing). */
  now(): void {
    const started = performance.now();
    this.scheduled = 0;
    this.draw();
    this.lastEnd = performance.now();
    this.lastCost = this.lastEnd - started;
  }
}
