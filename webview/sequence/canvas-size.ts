/**
 * The canvas's size in CSS pixels as a ResizeObserver last saw it — reading layout in every frame
 * would force a style and layout pass there, the status line having changed since the last — and
 * its backing store kept at that size times the device pixel ratio, for sharp lines on any screen.
 */
export class CanvasSize {
  private seen: { width: number; height: number } | undefined;

  constructor(private readonly canvas: HTMLCanvasElement, changed: () => void) {
    new ResizeObserver(([entry]) => {
      this.seen = { width: entry.contentRect.width, height: entry.contentRect.height };
      changed();
    }).observe(canvas);
  }

  /** The size now, with the backing store matched to it. */
  sync(): { width: number; height: number } {
    const r = this.seen ?? this.canvas.getBoundingClientRect();
    const dpr = window.devicePixelRatio || 1;
    const [w, h] = [Math.round(r.width * dpr), Math.round(r.height * dpr)];
    if (this.canvas.width !== w || this.canvas.height !== h) [this.canvas.width, this.canvas.height] = [w, h];
    return r;
  }
}
