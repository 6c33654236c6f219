/**
 * What every part of a frame draws with: the model, the view, the colours, the filters, the layer
 * collecting shapes, and what the frame cost (the status line shows it).
 */
import type { Filters } from './filters.js';
import type { Layer } from './layer.js';
import type { TraceModel } from './model.js';
import type { Palette } from './theme.js';
import type { Viewport } from './viewport.js';

export interface FrameStats {
  /** Time to build and paint the frame. */
  lastFrameMs: number;
}

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
  /** The op the user clicked (-1: none), outlined and never merged away. */
  selected: number;
}
