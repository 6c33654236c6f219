/**
 * Which `Pool` worker gets the next chunk. A worker may hold two chunks, so it never waits for the
 * next while results travel back; and more while all it holds is at most IN_FLIGHT_MS of work, by
 * the time that function's tasks have been taking in the workers (applyAsync of cheap calls, a map
 * of a cheap function): messages are then batched, and the workers keep busy while this process is
 * (allocating a map's results, say) instead of waiting for a round trip per chunk. Not more: chunks
 * still queued here go to whichever worker frees up first, which is what balances uneven work (as
 * Python's workers pulling from one queue). And never more than CHUNKS_MAX chunks: what each chunk
 * costs this process (its entry in a message, a promise, its result) is not in the workers' times,
 * and a worker's results come back a batch at a time, so a batch of thousands of one-call chunks
 * (applyAsync) would leave this process waiting, then the workers.
 */
import type * as net from 'node:net';
import type { Payload } from './pool-payload.js';
import type { TaskChunk } from './pool-protocol.js';

const CHUNKS_IN_FLIGHT = 2;
const IN_FLIGHT_MS = 5;
const CHUNKS_MAX = 512;

/** A chunk waiting for its results, here or in a worker. */
export interface Chunk {
  msg: TaskChunk;
  /** The Pool method that submitted it, for messages. */
  op?: string;
  resolve: (results: Payload) => void;
  reject: (e: Error) => void;
}

export interface Worker {
  index: number | undefined;
  /** Its process id, once started. */
  pid?: number;
  socket: net.Socket | undefined;
  inFlight: Map<number, Chunk>;
  /** Tasks (items) in the chunks in flight. */
  tasks: number;
  /**
   * Chunks it may still be given before it exits (`maxtasksperchild`, which counts chunks as
   * Python's workers count the tasks they take off the queue), or undefined for no limit. A chunk
   * dealt past it would be lost with the worker.
   */
  budget: number | undefined;
}

export class Dealer {
  /** Per function name: moving average of milliseconds per task, as the workers timed them. */
  private readonly taskMs = new Map<string, number>();

  /** Takes chunks off the front of `queue` for the workers that may hold them, as one batch each. */
  deal(queue: Chunk[], workers: Iterable<Worker>): Map<Worker, TaskChunk[]> {
    const batches = new Map<Worker, TaskChunk[]>();
    const connected = [...workers].filter((w) => w.socket);
    for (let w = this.taker(queue[0], connected); w; w = this.taker(queue[0], connected)) {
      const c = queue.shift()!;
      w.inFlight.set(c.msg.id, c);
      w.tasks += c.msg.items.length;
      if (w.budget !== undefined) w.budget--;
      const batch = batches.get(w);
      if (batch) batch.push(c.msg);
      else batches.set(w, [c.msg]);
    }
    return batches;
  }

  /** Takes a chunk off its worker, learning from the time its tasks took (`ms` in all). */
  finished(w: Worker, c: Chunk, ms: number): void {
    w.inFlight.delete(c.msg.id);
    w.tasks -= c.msg.items.length;
    const perTask = ms / Math.max(1, c.msg.items.length);
    const known = this.taskMs.get(c.msg.fn);
    this.taskMs.set(c.msg.fn, known === undefined ? perTask : 0.8 * known + 0.2 * perTask);
  }

  /** The worker holding the fewest tasks that may take `c`. */
  private taker(c: Chunk | undefined, workers: Worker[]): Worker | undefined {
    let best: Worker | undefined;
    if (!c) return undefined;
    for (const w of workers) if ((!best || w.tasks < best.tasks) && this.mayTake(w, c)) best = w;
    return best;
  }

  private mayTake(w: Worker, c: Chunk): boolean {
    if (w.budget !== undefined && w.budget <= 0) return false;
    if (w.inFlight.size < CHUNKS_IN_FLIGHT) return true;
    const ms = this.taskMs.get(c.msg.fn);
    return ms !== undefined && w.inFlight.size < CHUNKS_MAX && (w.tasks + c.msg.items.length) * ms <= IN_FLIGHT_MS;
  }
}
