/**
 * mpi4py-style arguments: positional in mpi4py's order, or keyword arguments as one trailing
 * options object (`comm.recv({ source: 0 })` ≡ `comm.recv(source=0)`). The first `dataCount`
 * arguments are data (a plain object there is a message, never options).
 */
import { ArgumentError } from './errors.js';

export function isPlainObject(x: unknown): x is Record<string, unknown> {
  if (x === null || typeof x !== 'object') return false;
  const proto = Object.getPrototypeOf(x);
  return proto === Object.prototype || proto === null;
}

export function parseArgs(method: string, args: readonly unknown[], dataCount: number, names: readonly string[]): Record<string, unknown> {
  let n = args.length;
  let options: Record<string, unknown> = {};
  if (n > dataCount && isPlainObject(args[n - 1])) {
    options = args[n - 1] as Record<string, unknown>;
    n--;
  }
  if (n > names.length) {
    throw new ArgumentError(`${method}: takes at most ${names.length} arguments (${names.join(', ')}), got ${n}`);
  }
  const out: Record<string, unknown> = {};
  for (let i = 0; i < n; i++) out[names[i]] = args[i];
  // for…in, not Object.entries: every point-to-point call passes here, and this makes no arrays.
  for (const k in options) {
    if (!Object.hasOwn(options, k)) continue;
    if (!names.includes(k)) throw new ArgumentError(`${method}: unknown option '${k}'; it takes ${names.join(', ')}`);
    if (k in out && out[k] !== undefined) throw new ArgumentError(`${method}: '${k}' given twice (positionally and in the options object)`);
    out[k] = options[k];
  }
  return out;
}

/** Reads an integer argument, with a default, naming the call and the argument when it is wrong. */
export function intArg(method: string, a: Record<string, unknown>, name: string, fallback?: number): number {
  const v = a[name] ?? fallback;
  if (v === undefined) throw new ArgumentError(`${method}: missing argument '${name}'`);
  if (typeof v !== 'number' || !Number.isInteger(v)) {
    throw new ArgumentError(`${method}: ${name} must be an integer, got ${typeof v === 'number' ? v : typeof v}`);
  }
  return v;
}
