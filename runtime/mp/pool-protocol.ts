/** Messages between a `Pool` and its worker processes (Control frames on the pool's own socket). */

export const POOL_PROTOCOL_VERSION = 1;

/** Worker → pool, first message: who it is. */
export interface WorkerHello {
  t: 'worker';
  v: number;
  worker: number;
}

/** Pool → worker: run `fn` (an exported function's name) on each item of a chunk. */
export interface TaskChunk {
  t: 'chunk';
  id: number;
  fn: string;
  /** One call per item: `fn(item)`, or `fn(...item)` when `star` (starmap, apply). */
  items: unknown[];
  star: boolean;
}

/** Pool → worker: no more work; exit. */
export interface Shutdown {
  t: 'shutdown';
}

/** Worker → pool: a chunk's results, or the first error it met. */
export type ChunkResult =
  | { t: 'done'; id: number; results: unknown[] }
  | { t: 'failed'; id: number; error: { name: string; message: string; stack: string } };

export interface WorkerSetup {
  socket: string;
  worker: number;
  initializer: string | undefined;
  initargs: unknown[];
  maxtasks: number | undefined;
}
