/**
 * The status line under the diagram (events, calls, messages, the last frame's cost), rewritten at
 * most four times a second: changing its text makes the page lay out and repaint it, which cost a
 * millisecond a frame while panning, for figures nobody reads at that rate. The latest is always
 * shown within a quarter of a second.
 */
const EVERY_MS = 250;

export class StatusLine {
  private shownAt = -Infinity;
  private timer = 0;

  constructor(private readonly el: HTMLElement, private readonly text: () => string) {}

  update(): void {
    const now = performance.now();
    if (now - this.shownAt < EVERY_MS) {
      this.timer ||= window.setTimeout(() => ((this.timer = 0), this.update()), EVERY_MS);
      return;
    }
    this.shownAt = now;
    this.el.textContent = this.text();
  }
}
