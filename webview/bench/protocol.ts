/**
 * The one message protocol between the benchmark panel host (extension/bench/) and its webview
 * (webview/bench/). Every message carries `v`; bump BENCH_PANEL_VERSION on any incompatible change.
 * Results travel as the runtime's BenchResult, the same JSON that is saved in .rankscope/bench/.
 */
import type { BenchResult, BuiltinName, Mode, SavedRun } from '../../runtime/bench/contract/protocol.js';

export const BENCH_PANEL_VERSION = 1;

/** What the form asks for; the host checks it and turns it into the engine's options. */
export interface RunRequest {
  workload:
    | { kind: 'builtin'; name: BuiltinName }
    /** Paths relative to the workspace folder, or absolute. */
    | { kind: 'function'; module: string; fn: string; inputs: string }
    | { kind: 'program'; program: string };
  sizes: number[];
  workers: number[];
  modes: Mode[];
  pointSeconds: number;
}

export interface Defaults {
  cores: number;
  workers: number[];
  builtins: { name: BuiltinName; unit: string; sizes: number[] }[];
}

export type HostToWebview =
  | { type: 'init'; v: number; defaults: Defaults; saved: SavedRun[]; running: boolean }
  | { type: 'progress'; v: number; done: number; what: string }
  /** A result to show: `partial` while its run goes on; `compare` to overlay on the one shown. */
  | { type: 'result'; v: number; result: BenchResult; partial: boolean; compare?: boolean }
  | { type: 'saved'; v: number; saved: SavedRun[] }
  | { type: 'error'; v: number; message: string; report?: string }
  | { type: 'ended'; v: number };

export type WebviewToHost =
  | { type: 'ready'; v: number }
  | { type: 'run'; v: number; request: RunRequest }
  | { type: 'cancel'; v: number }
  | { type: 'open'; v: number; file: string; compare: boolean }
  | { type: 'reveal'; v: number; file: string };
