/**
 * Progress for the calls that ask, without waiting, whether something has happened (`Test`,
 * `iprobe`, …): they take in first whatever has reached the process, without yielding to the
 * event loop, so `while (!req.Test()) {}` ends once the message is here.
 */
import { runtime } from '../current.js';

export function progress(): void {
  runtime.mesh.pollSync();
}
