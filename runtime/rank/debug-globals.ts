/**
 * `rank` and `size` as globals of every process, for the debugger: a breakpoint condition
 * `rank === 4` (or a logpoint `{rank}: {x}`) then works on any line, even where the program has
 * no `rank` of its own in scope. The program's own `const rank = comm.rank` shadows the global
 * harmlessly (the same value); a program that assigns `rank` or `size` globally replaces them.
 * Not enumerable, so they stay out of `Object.keys(globalThis)`.
 */
import { currentIdentity } from './identity.js';

export function defineDebugGlobals(size: number): void {
  const props = { rank: currentIdentity().index, size };
  for (const [name, value] of Object.entries(props)) {
    Object.defineProperty(globalThis, name, { value, writable: true, configurable: true, enumerable: false });
  }
}
