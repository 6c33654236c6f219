/**
 * What every part of a frame draws with: the model, the view, the colours, the filters, the layer
 * collecting shapes, and the counts the frame reports (the status line shows its cost; the browser
 * tests' timing build reads the counts).
 */
import type { Filters } from './filters.js';
import type { Layer } from './layer.js';
import type { TraceModel } from './model.js';
import type { Palette } from './theme.js';
import type { Viewport } from './viewport.js';

export interface FrameStats {
  /** Calls drawn as boxes of their own. */
  boxes: number;
  /** Runs of calls narrower than a pixel, drawn as one box each. */
  mergedBoxes: number;
  /** Messages drawn as an arrow of their own. */
  arrows: number;
  /** Arrows standing for several messages (labelled with the count when there is room)… */
  bundledArrows: number;
  /** …and how many messages they stand for. */
  bundledMessages: number;
  /** Collectives shown as bands (sub-pixel ones side by side share a rectangle). */
  bands: number;
  redBoxes: number;
  redEdges: number;
  /** Time to build and paint the frame. */
  lastFrameMs: number;
}

export const emptyStats = (): FrameStats => ({ boxes: 0, mergedBoxes: 0, arrows: 0, bundledArrows: 0, bundledMessages: 0, bands: 0, redBoxes: 0, redEdges: 0, lastFrameMs: 0 });

export interface DrawnArrow {
  x0: number; y0: number; x1: number; y1: number; msg: number;
}

export interface Frame {
  m: TraceModel;
  v: Viewport;
  p: Palette;
  f: Filters;
  layer: Layer;
  /** Position of each rank's lane among those shown (-1: hidden). */
  slot: Int32Array;
  /** Lanes shown. */
  n: number;
  stats: FrameStats;
  /** The op the user clicked (-1: none), outlined and never merged away. */
  selected: number;
}
