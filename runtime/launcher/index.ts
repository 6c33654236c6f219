/**
 * The launcher's one public module: `launch()` starts a program's processes and returns its `Run`
 * (runtime/contract/run.ts), the only thing a watcher — the CLI's printer, the debug adapter, the
 * diagram — ever sees of a run. Nothing outside the launcher imports its other files.
 */
export { launch, type LaunchOptions } from './job.js';
export { RUNTIME_DIR } from './paths.js';
export { writeChromeTrace, type SavedRun } from './recorder/chrome-trace.js';
export { recordTrace } from './recorder/trace-writer.js';
export { RunPublication, type PublishOptions } from './publish.js';
export type * from '../contract/run.js';
export { useAbsoluteSites } from '../contract/site-format.js';
