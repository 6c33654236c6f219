/**
 * `rankscope/multiprocessing`: Python's multiprocessing for TypeScript, on real processes.
 * `import * as mp from 'rankscope/multiprocessing'`.
 */
export * from '../mp/index.js';
