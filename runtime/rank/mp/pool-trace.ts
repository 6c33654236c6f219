/**
 * A Pool's work in the trace, so the diagram shows it: each chunk dealt is a mark on the owner's
 * lane that hands the chunk over (an item, item-ids.ts), the worker's task box takes it at its
 * start and gives its result at its end, and a mark on the owner's lane takes the result. The ids
 * ride on the chunk and its result: no extra message, no stack capture.
 */
import { runtime } from '../current.js';
import { nextItemId } from './shared/item-ids.js';
import type { ChunkResult, TaskChunk } from './pool-protocol.js';

/** The longest argument shown in a task's label. */
const ARG_MAX = 24;

/** Labels of chunks of more than one call, by function and size: made once, not per chunk. */
const sized = new Map<string, Map<number, string>>();

/** A task's label: `f(3)` for one call with a short argument, else `f ×10` (a map's chunk). */
export function taskText(chunk: TaskChunk): string {
  const n = chunk.items.length;
  if (n !== 1) {
    let byN = sized.get(chunk.fn);
    if (!byN) sized.set(chunk.fn, (byN = new Map()));
    let text = byN.get(n);
    if (text === undefined) byN.set(n, (text = `${chunk.fn} ×${n}`));
    return text;
  }
  const item = chunk.items[0];
  const args = chunk.star && Array.isArray(item) ? item : [item];
  const shown = args.map((a) => (typeof a === 'number' || typeof a === 'boolean' ? String(a) : typeof a === 'string' ? JSON.stringify(a) : '…')).join(', ');
  return `${chunk.fn}(${shown.length > ARG_MAX ? '…' : shown})`;
}

/** Owner: `chunk` is being sent to a worker; it now carries its id. */
export function traceDealt(pool: string, chunk: TaskChunk): void {
  chunk.item = nextItemId();
  runtime.tracer.mark({ op: 'Pool.deal', text: taskText(chunk), comm: 'mp', obj: pool, item: chunk.item });
}

/** Owner: the result of `chunk` came back. */
export function traceResult(pool: string, chunk: TaskChunk, r: ChunkResult): void {
  runtime.tracer.mark({ op: 'Pool.result', text: taskText(chunk), comm: 'mp', obj: pool }, { item: r.item });
}

/** Worker: runs `chunk` as a task box on this process's lane, taking the chunk and giving its result. */
export async function tracedTask(chunk: TaskChunk, run: () => Promise<ChunkResult>): Promise<ChunkResult> {
  const tracer = runtime.tracer;
  const id = tracer.startPairable({ op: 'Pool.task', text: taskText(chunk), comm: 'mp', took: chunk.item });
  const r = await run();
  r.item = nextItemId();
  tracer.endPairable(id, r.t === 'failed' ? { gave: r.item, error: r.error.message } : { gave: r.item });
  return r;
}
