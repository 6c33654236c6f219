/**
 * The custom DAP events our adapter sends besides the standard ones. The extension reads only
 * `rankscope/inspector` (it attaches a debugger to each rank under the session); the deadlock and
 * the end reach it from the Run itself, and their DAP events are for other DAP clients and tests.
 * Versioned like every message that crosses a process boundary.
 */
import type { BuildProblem, DeadlockReport, InspectorTarget, Outcome } from '../../runtime/launcher/index.js';

/** 2: `rankscope/ended` carries the build problems. */
export const CUSTOM_EVENTS_VERSION = 2;

export interface CustomEvents {
  /** A rank waits under `--inspect-brk` for a debugger: attach VS Code's JavaScript debugger. */
  'rankscope/inspector': InspectorTarget & { v: number; stopOnEntry: boolean };
  /** The detector found a deadlock (the session stops at the same moment). */
  'rankscope/deadlock': DeadlockReport & { v: number };
  /** The run ended: how, and the report when it ended badly. */
  'rankscope/ended': { v: number; outcome: Outcome; exitCode: number; report?: string; problems?: BuildProblem[] };
}

export type CustomEventName = keyof CustomEvents;
