/**
 * The one way in for a viewer: a published run by its file — a live run's descriptor
 * (`<pid>.json`) or an ended run's record (`<pid>.ended.json`) — as a `Run`. A live run that ended
 * between being listed and being attached to (a deadlock ends a terminal run at once) is read from
 * the record it left instead.
 */
import * as fs from 'node:fs';
import type { Run } from '../contract/run.js';
import { RunWireError } from '../contract/run-wire.js';
import { RecordRun } from './record-run.js';
import { RunClient } from './run-client.js';

export async function attach(file: string): Promise<Run & { close?(): void }> {
  if (file.endsWith('.ended.json')) return RecordRun.open(file);
  try {
    return await RunClient.connect(file);
  } catch (e) {
    const record = file.replace(/\.json$/, '.ended.json');
    if (e instanceof RunWireError && fs.existsSync(record)) return RecordRun.open(record);
    throw e;
  }
}
