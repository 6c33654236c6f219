/**
 * The custom DAP events our adapter sends besides the standard ones. The extension reads only
 * `rankscope/inspector` (it attaches a debugger to each rank under the session); the deadlock and
 * the end reach it from the Run itself, and their DAP events are for other DAP clients and tests.
 * Versioned like every message that crosses a process boundary.
 */
import type { BuildProblem, DeadlockReport, InspectorTarget, Outcome } from '../../runtime/launcher/index.js';

/** 2: `rankscope/ended` carries the build problems. 3: `rankscope/published`. 4: `rankscope/inDebuggers`. */
export const CUSTOM_EVENTS_VERSION = 4;

export interface CustomEvents {
  /** A rank waits under `--inspect-brk` for a debugger: attach VS Code's JavaScript debugger. */
  'rankscope/inspector': InspectorTarget & { v: number; stopOnEntry: boolean };
  /** The detector found a deadlock (the session stops at the same moment). */
  'rankscope/deadlock': DeadlockReport & { v: number };
  /** The run ended: how, and the report when it ended badly. */
  'rankscope/ended': { v: number; outcome: Outcome; exitCode: number; report?: string; problems?: BuildProblem[] };
  /**
   * The stdio adapter published its run (runtime/launcher/publish.ts): a viewer that does not hold
   * the run in its own process (VS Code, for a session it did not run inline) attaches to it there.
   */
  'rankscope/published': { v: number; descriptor: string; socket: string };
  /**
   * Pause (or Continue after a pause) was pressed on the session. These ranks run under an
   * inspector, so the adapter did not SIGSTOP (or SIGCONT) them: a stopped process's inspector
   * cannot answer, and a rank paused by its debugger has a stack and variables to show. The
   * extension pauses (continues) them through their js-debug sessions.
   */
  'rankscope/inDebuggers': { v: number; command: 'pause' | 'continue'; ranks: number[] };
}

export type CustomEventName = keyof CustomEvents;
