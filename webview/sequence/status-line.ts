/**
 * The status line under the diagram: what the run holds, shown as soon as it changes, and the last
 * frame's cost, refreshed at most four times a second — rewriting the text makes the page lay it
 * out and repaint it, a millisecond of every frame while panning, for a figure nobody reads at
 * that rate (the latest is still shown within a quarter of a second).
 */
const EVERY_MS = 250;

export class StatusLine {
  private shownAt = -Infinity;
  private shownFacts = '';
  private timer = 0;

  constructor(private readonly el: HTMLElement, private readonly facts: () => string, private readonly cost: () => string) {}

  update(): void {
    const facts = this.facts();
    const now = performance.now();
    if (facts === this.shownFacts && now - this.shownAt < EVERY_MS) {
      this.timer ||= window.setTimeout(() => ((this.timer = 0), this.update()), this.shownAt + EVERY_MS - now);
      return;
    }
    [this.shownAt, this.shownFacts] = [now, facts];
    this.el.textContent = `${facts} · ${this.cost()}`;
  }
}
