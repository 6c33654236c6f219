/**
 * The benchmark's one public module, for what drives it from outside the launcher side (the
 * extension's benchmark panel): run a benchmark, and save, list and reopen results. The shapes
 * they exchange are in ./contract/ (shared with the driver ranks and the webview).
 */
export { BenchCancelled, BenchError, BenchInputError, DEFAULT_BUDGET, defaultWorkers, runBenchmark, workloadTitle, type BenchOptions } from './engine.js';
export { BENCH_DIR, listResults, loadResult, saveResult, toCsv } from './store.js';
