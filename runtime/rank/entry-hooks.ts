/**
 * Hooks the bundler adds to the user's entry module (see launcher/bundle.ts): the module's own
 * exports, and the moment its body has finished. A multiprocessing child looks its target up in
 * those exports and runs it only then, as Python's spawn does after re-importing `__main__`.
 */
import './current.js';

let entryExports: Readonly<Record<string, unknown>> | undefined;
let done = false;
const whenDone: (() => void)[] = [];

function registerEntryModule(ns: Readonly<Record<string, unknown>>): void {
  entryExports = ns;
}

function entryModuleDone(): void {
  done = true;
  for (const f of whenDone.splice(0)) f();
}

/** Runs `f` once the entry module's body has run (at once if it already has). */
export function afterEntryModule(f: () => void): void {
  if (done) f();
  else whenDone.push(f);
}

/** The entry module's exports (live bindings), or undefined outside a bundled program. */
export function entryModule(): Readonly<Record<string, unknown>> | undefined {
  return entryExports;
}

/**
 * How the entry module reaches the two hooks: a hidden global, not an import, so the user's module
 * scope (what a debugger's Variables view lists) holds no binding of ours. Not enumerable.
 */
Object.defineProperty(globalThis, '__rankscopeEntry', { value: Object.freeze({ register: registerEntryModule, done: entryModuleDone }), enumerable: false });
