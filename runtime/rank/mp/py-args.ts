/**
 * Python's calling convention for `rankscope/multiprocessing`: positional arguments in Python's
 * order, or keyword arguments as one trailing options object (`new mp.Queue({ maxsize: 1 })` is
 * `Queue(maxsize=1)`). An unknown option is Python's TypeError naming it, never silently ignored.
 */
import { isPlainObject } from '../mpi/args.js';

/**
 * Reads `args` as Python would bind them to `names`. The first `dataCount` positions are data (a
 * plain object there is a value, not options), as `put(obj)` or `send(obj)`. `keywordOnly` names
 * may be given only in the options object (where our positional order differs from Python's).
 */
export function pyArgs(method: string, args: readonly unknown[], names: readonly string[], dataCount = 0, keywordOnly: readonly string[] = []): Record<string, unknown> {
  let n = args.length;
  while (n > 0 && args[n - 1] === undefined) n--; // an explicit undefined is a left-out argument
  let options: Record<string, unknown> = {};
  if (n > dataCount && isPlainObject(args[n - 1])) options = args[--n] as Record<string, unknown>;
  if (n > names.length) throw new TypeError(`${method}() takes at most ${names.length} arguments (${names.join(', ')}), got ${n}`);
  const out: Record<string, unknown> = {};
  for (let i = 0; i < n; i++) out[names[i]] = args[i];
  for (const k of Object.keys(options)) {
    if (!names.includes(k) && !keywordOnly.includes(k)) {
      throw new TypeError(`${method}() got an unexpected keyword argument '${k}'; it takes ${[...names, ...keywordOnly].join(', ') || 'none'}`);
    }
    if (out[k] !== undefined) throw new TypeError(`${method}() got multiple values for argument '${k}'`);
    out[k] = options[k];
  }
  return out;
}

/** A timeout in seconds (null or undefined: none), checked as Python's would be usable. */
export function timeoutArg(method: string, v: unknown): number | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || Number.isNaN(v)) throw new TypeError(`${method}(): timeout must be a number of seconds or null, got ${JSON.stringify(v)}`);
  return Math.max(0, v);
}
