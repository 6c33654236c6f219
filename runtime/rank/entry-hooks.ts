/**
 * Hooks the bundler adds to the user's entry module (see launcher/bundle.ts): the module's own
 * exports, and the moment its body has finished. A multiprocessing child looks its target up in
 * those exports and runs it only then, as Python's spawn does after re-importing `__main__`.
 */
import './current.js';

let entryExports: Readonly<Record<string, unknown>> | undefined;
let done = false;
const whenDone: (() => void)[] = [];

export function __rankscopeRegisterEntry(ns: Readonly<Record<string, unknown>>): void {
  entryExports = ns;
}

export function __rankscopeEntryDone(): void {
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
