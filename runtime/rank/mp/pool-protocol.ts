/** Messages between a `Pool` and its worker processes, on the pool's own socket. */
import type * as net from 'node:net';
import { readBulkControl, writeBulkControl } from '../transport/bulk-frames.js';
import { isPacked, type Payload } from './pool-payload.js';
import type { ErrorData } from './shared/errors.js';

/** 4: chunks and results carry their trace item ids (pool-trace.ts). */
export const POOL_PROTOCOL_VERSION = 4;

/** Worker → pool, first message: who it is. */
export interface WorkerHello {
  t: 'worker';
  v: number;
  worker: number;
}

/** One chunk of work: run `fn` (an exported function's name) on each item. */
export interface TaskChunk {
  id: number;
  fn: string;
  /** One call per item: `fn(item)`, or `fn(...item)` when `star` (starmap, apply). */
  items: Payload;
  star: boolean;
  /** Its id in the trace, set as it is dealt (pool-trace.ts). */
  item?: string;
}

/** Pool → worker: the chunks queued for it in one turn of the event loop, in one frame. */
export interface TaskBatch {
  t: 'batch';
  chunks: TaskChunk[];
}

/** Pool → worker: no more work; exit. */
export interface Shutdown {
  t: 'shutdown';
}

/** A chunk's results, or the first error it met; `ms`: how long the worker spent on it. */
export type ChunkResult =
  | { t: 'done'; id: number; ms: number; results: Payload; item?: string }
  | { t: 'failed'; id: number; ms: number; error: ErrorData; item?: string };

/** Worker → pool: the chunks finished in one turn of the worker's event loop, in one frame. */
export interface ResultBatch {
  t: 'results';
  results: ChunkResult[];
}

export interface WorkerSetup {
  socket: string;
  worker: number;
  initializer: string | undefined;
  initargs: unknown[];
  maxtasks: number | undefined;
}

export type PoolToWorker = TaskBatch | Shutdown;
export type WorkerToPool = WorkerHello | ResultBatch;

/** Sends `msg`; its packed payloads go beside it as raw bytes, uncopied (see bulk-frames.ts). */
export function sendPoolMessage(socket: net.Socket, msg: PoolToWorker | WorkerToPool): void {
  writeBulkControl(socket, msg, isPacked);
}

export function onPoolMessages<T extends PoolToWorker | WorkerToPool>(socket: net.Socket, onMessage: (msg: T) => void): void {
  readBulkControl(socket, onMessage);
}
