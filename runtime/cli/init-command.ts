/**
 * `rankscope init [FOLDER]`: what an editor needs to type-check Rankscope programs in a folder
 * (default: the current one), without VS Code's extension: a tsconfig.json that maps `rankscope…`
 * to the declarations this package ships (dist/types, with Node's types beside them) and lets a
 * program use top-level await, as Rankscope runs it. An existing tsconfig.json is left alone.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXIT } from '../contract/exit-codes.js';

export const INIT_USAGE = `rankscope init [FOLDER]   write FOLDER/tsconfig.json (default: here) so editors type-check
                          Rankscope programs: rankscope/* resolve to this package's declarations`;

/** This package's root: the folder above whose package.json is Rankscope's. */
function packageRoot(): string {
  for (let dir = path.dirname(fileURLToPath(import.meta.url)); ; dir = path.dirname(dir)) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg) && JSON.parse(fs.readFileSync(pkg, 'utf8')).name === 'rankscope') return dir;
    if (path.dirname(dir) === dir) throw new Error('rankscope init: cannot find the rankscope package around its own files');
  }
}

/** The tsconfig.json for `folder`: paths relative to it where the package is inside it (node_modules), else absolute. */
export function tsconfigFor(folder: string, root: string): object {
  const api = path.join(root, 'dist', 'types', 'api');
  const rel = path.relative(folder, api);
  const at = (file: string): string => (rel.startsWith('..') || path.isAbsolute(rel) ? path.join(api, file) : `./${path.posix.join(...rel.split(path.sep), file)}`);
  return {
    compilerOptions: {
      target: 'ES2022',
      module: 'Preserve',
      moduleResolution: 'Bundler',
      lib: ['ES2023', 'ESNext.Disposable'],
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      types: [],
      paths: {
        rankscope: [at('index.d.ts')],
        'rankscope/mpi': [at('mpi.d.ts')],
        'rankscope/multiprocessing': [at('multiprocessing.d.ts')],
      },
    },
    include: ['**/*.ts'],
  };
}

export function initMain(argv: string[]): number {
  if (argv.length > 1 || argv[0]?.startsWith('-')) {
    process.stderr.write(`usage: ${INIT_USAGE}\n`);
    return EXIT.USAGE;
  }
  const folder = path.resolve(argv[0] ?? '.');
  const root = packageRoot();
  if (!fs.existsSync(path.join(root, 'dist', 'types', 'api', 'mpi.d.ts'))) {
    process.stderr.write(`rankscope init: ${path.join(root, 'dist', 'types')} is missing; build the package first (npm run build)\n`);
    return 1;
  }
  const file = path.join(folder, 'tsconfig.json');
  const config = `${JSON.stringify(tsconfigFor(folder, root), null, 2)}\n`;
  if (fs.existsSync(file)) {
    process.stderr.write(`rankscope init: ${file} exists and is left as it is; for Rankscope programs it needs these settings:\n${config}`);
    return 1;
  }
  fs.mkdirSync(folder, { recursive: true });
  fs.writeFileSync(file, config);
  process.stdout.write(`rankscope init: wrote ${file}; editors now resolve rankscope/mpi and rankscope/multiprocessing there\n`);
  return EXIT.OK;
}
