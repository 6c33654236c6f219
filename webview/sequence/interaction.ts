/**
 * Mouse and keyboard on the timeline: wheel or pinch zooms at the pointer (shift+wheel pans), drag
 * pans, + - arrows Home D work from the keyboard, hover shows a tooltip, click selects.
 */
import type { Viewport } from './viewport.js';

export interface Actions {
  changed(): void;
  fit(): void;
  jumpToDeadlock(): void;
  hover(x: number, y: number): void;
  click(x: number, y: number): void;
}

export function attachInteraction(canvas: HTMLCanvasElement, v: Viewport, act: Actions): void {
  const along = (e: { offsetX: number; offsetY: number }): number => (v.orientation === 'down' ? e.offsetY : e.offsetX);
  canvas.addEventListener('wheel', (e) => {
    e.preventDefault();
    if (e.shiftKey) v.panBy(e.deltaY / 500);
    else v.zoomAt(Math.exp(e.deltaY / (e.ctrlKey ? 100 : 400)), along(e));
    act.changed();
  }, { passive: false });
  let drag: { at: number; moved: boolean } | undefined;
  canvas.addEventListener('pointerdown', (e) => {
    drag = { at: along(e), moved: false };
    canvas.setPointerCapture(e.pointerId);
  });
  canvas.addEventListener('pointermove', (e) => {
    if (!drag) return act.hover(e.offsetX, e.offsetY);
    const d = along(e) - drag.at;
    if (Math.abs(d) < 2 && !drag.moved) return;
    drag.moved = true;
    drag.at = along(e);
    v.panBy(-d / v.span);
    act.changed();
  });
  canvas.addEventListener('pointerup', (e) => {
    if (drag && !drag.moved) act.click(e.offsetX, e.offsetY);
    drag = undefined;
  });
  canvas.addEventListener('pointerleave', () => act.hover(-1, -1));
  canvas.addEventListener('keydown', (e) => {
    const mid = v.origin + v.span / 2;
    const keys: Record<string, () => void> = {
      '+': () => v.zoomAt(0.7, mid), '=': () => v.zoomAt(0.7, mid), '-': () => v.zoomAt(1 / 0.7, mid),
      ArrowDown: () => v.panBy(0.1), ArrowRight: () => v.panBy(0.1), ArrowUp: () => v.panBy(-0.1), ArrowLeft: () => v.panBy(-0.1),
      Home: () => act.fit(), f: () => act.fit(), d: () => act.jumpToDeadlock(), D: () => act.jumpToDeadlock(),
    };
    const k = keys[e.key];
    if (!k) return;
    e.preventDefault();
    k();
    act.changed();
  });
}
