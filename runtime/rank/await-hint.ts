/**
 * The commonest slip of someone coming from mpi4py or Python's multiprocessing: calling an async
 * API without `await` and using what it returned, a Promise, as the object it resolves to. V8 then
 * says only "sub.barrier is not a function". Modules whose async calls resolve to objects register
 * those objects' prototypes here, so a failure report can say what probably happened.
 */

const producers: { calls: string; example: string; proto: object }[] = [];

/** `calls` resolve to objects with `proto`'s methods; `example` shows the call awaited. */
export function registerAsyncResult(calls: string, example: string, proto: object): void {
  producers.push({ calls, example, proto });
}

const nullables: { what: string; proto: object }[] = [];

/**
 * Objects with `proto`'s methods are `null` where the API has none to give (`what` says when):
 * MPI.COMM_NULL is `null`, so `sub.Send(…)` on a rank outside a Split fails in V8's words only.
 */
export function registerNullable(what: string, proto: object): void {
  nullables.push({ what, proto });
}

/** A hint for `err` when it looks like a missing `await` or a null handle used; undefined otherwise. */
export function awaitHint(err: unknown): string | undefined {
  if (!(err instanceof TypeError)) return undefined;
  const n = /^Cannot read properties of null \(reading '([\w$]+)'\)$/.exec(err.message);
  const held = n && nullables.find((p) => typeof (p.proto as Record<string, unknown>)[n[1]] === 'function');
  if (held) return held.what;
  const m = /^(.+)\.([\w$]+) is not a function$/.exec(err.message);
  if (!m) return undefined;
  const [, holder, method] = m;
  if (method in Promise.prototype) return undefined; // then it was no Promise
  const hit = producers.find((p) => typeof (p.proto as Record<string, unknown>)[method] === 'function');
  if (!hit) return undefined;
  const name = /^[\w$]+$/.test(holder) ? holder : 'x';
  return `if \`${holder}\` came from ${hit.calls}, it is a Promise: await it (\`const ${name} = await ${hit.example}\`).`;
}
