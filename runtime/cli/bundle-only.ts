/**
 * `rankscope run --bundle-only PROGRAM`: builds the bundle that ranks run and prints its path, for
 * a launcher of the user's own (`mpiexec`, `srun`). The path alone goes to stdout, so scripts can
 * take it: `B=$(rankscope run --bundle-only job.ts)`; how to launch it goes to stderr.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BundleError, bundleProgram } from '../launcher/bundle.js';
import { EXIT } from '../contract/exit-codes.js';

export function defaultBundlePath(program: string, cwd = process.cwd()): string {
  return path.join(cwd, `${path.basename(program, path.extname(program))}.rankscope.mjs`);
}

export async function bundleOnly(program: string, out: string | undefined, np: number | undefined): Promise<number> {
  const outfile = path.resolve(out ?? defaultBundlePath(program));
  try {
    fs.mkdirSync(path.dirname(outfile), { recursive: true });
    await bundleProgram(program, path.dirname(outfile), outfile);
  } catch (e) {
    if (!(e instanceof BundleError)) throw e;
    process.stderr.write(`${e.message}\n`);
    return EXIT.USAGE;
  }
  process.stdout.write(`${outfile}\n`);
  const run = `node --enable-source-maps ${outfile}`;
  process.stderr.write(
    [
      `rankscope: bundled ${program} (its runtime chunks and source maps beside it: keep them together). Start its ranks with your launcher:`,
      `  mpiexec -n ${np ?? 'N'} ${run}`,
      `  srun -n ${np ?? 'N'} ${run}`,
      'On one machine they find each other by themselves. Across hosts, set RANKSCOPE_COORDINATOR=host:port',
      '(rank 0\'s host, a free port) or RANKSCOPE_RENDEZVOUS_DIR=<a directory every host shares>;',
      'RANKSCOPE_TRACE=FILE makes rank 0 write the trace. See docs/clusters.md.',
      '',
    ].join('\n'),
  );
  return EXIT.OK;
}
