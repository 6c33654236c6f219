/**
 * The user-facing API is typed in mpi4py's forms: test/fixtures/types/*.ts compiled by tsc against
 * the declarations users get (dist/types, built by `npm run build`), as a strict user tsconfig would.
 * A fixture's accepted lines must compile, and each `@ts-expect-error` line must still be an error
 * (tsc reports an unused directive), so loosening a signature back to `...args: unknown[]` fails here.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';
import { ROOT } from './helpers/run-cli.js';

const TYPES = path.join(ROOT, 'dist', 'types', 'api');
const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'types');
/** Where the build puts the declarations of what runs in a rank (runtime/rank/). */
const DECLARATIONS = path.join(ROOT, 'dist', 'types', 'rank');

/** A user's strict ES-module program, importing `rankscope/…` from the built declarations only. */
const OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext,
  strict: true, noEmit: true, skipLibCheck: true, types: [], lib: ['lib.es2023.d.ts'],
  paths: {
    'rankscope/mpi': [path.join(TYPES, 'mpi.d.ts')],
    'rankscope/multiprocessing': [path.join(TYPES, 'multiprocessing.d.ts')],
  },
};

/** Every diagnostic of the program as `file:line message`. */
function diagnostics(file: string): string[] {
  const program = ts.createProgram([file], OPTIONS);
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const at = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : 0;
    return `${d.file ? path.relative(ROOT, d.file.fileName) : ''}:${at} TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
  });
}

describe('the public API is typed (declarations users compile against)', function () {
  this.timeout(120000);

  before(() => {
    if (!fs.existsSync(path.join(TYPES, 'mpi.d.ts'))) throw new Error(`${TYPES}/mpi.d.ts is missing: run npm run build first`);
  });

  for (const name of fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.ts'))) {
    it(`${name}: every accepted call form compiles, every wrong form is an error`, () => {
      assert.deepEqual(diagnostics(path.join(FIXTURES, name)), []);
    });
  }

  it('shows no `...args: unknown[]` and no untyped Promise<any> on a public MPI or multiprocessing name', () => {
    const loose: string[] = [];
    const mpi = ['comm', 'intracomm', 'request', 'message', 'topocomm', 'group'].map((f) => path.join(DECLARATIONS, 'mpi', `${f}.d.ts`));
    const mp = fs.readdirSync(path.join(DECLARATIONS, 'mp'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.d.ts')).map((f) => path.join(DECLARATIONS, 'mp', f));
    for (const file of [...mpi, ...mp]) {
      fs.readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
        // Methods and exported functions; `_name`s are Python's internals (`_callmethod` forwards any arguments).
        if (/^\s*(static\s+|export declare function\s+)?[A-Za-z]\w*(<[^>]*>)?\(.*(\.\.\.\w+: unknown\[\]|\): Promise<any(\[\])?>;)/.test(line)) {
          loose.push(`${path.relative(DECLARATIONS, file)}:${i + 1} ${line.trim()}`);
        }
      });
    }
    assert.deepEqual(loose, []);
  });
});
