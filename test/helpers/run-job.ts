/** Runs a program through the launcher's public `launch()` to its end, output to the given sinks. */
import { launch, type LaunchOptions, type RunEnd } from '../../runtime/launcher/index.js';

export interface RunJobOptions extends LaunchOptions {
  stdout?: (text: string) => void;
  stderr?: (text: string) => void;
}

export function runJob({ stdout, stderr, ...opts }: RunJobOptions): Promise<RunEnd> {
  const run = launch({ keepTrace: false, ...opts });
  run.subscribe((e) => {
    if (e.type === 'output') (e.stream === 'stdout' ? stdout : stderr)?.(e.text);
  }, { trace: false });
  return run.ended;
}
