/**
 * The TypeScript server plugin VS Code loads for the Rankscope extension
 * (`contributes.typescriptServerPlugins` in package.json). It makes a Rankscope program type-check
 * in any folder, with nothing installed: `rankscope…` imports resolve to the declarations the
 * extension ships (resolve.ts), top-level `await` is not reported where the TypeScript server takes
 * a file for CommonJS (Rankscope bundles every program as an ES module), and a Rankscope call whose
 * Promise is dropped or used as a value gets a diagnostic with an "Add 'await'" quick fix
 * (unawaited.ts).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as ts from 'typescript';
import { isRankscopeModule, resolveRankscopeModules } from './resolve.js';
import { callAt, findUnawaitedCalls, FORGOT_AWAIT, unawaitedDiagnostic } from './unawaited.js';

/** Top-level await reported as not allowed: in a Rankscope program it is (see above). */
const TOP_LEVEL_AWAIT_CODES = new Set([1309, 1378]);
const ADD_AWAIT = 'rankscopeAddAwait';

/** The extension's (or the repository's) root: the folder whose package.json is Rankscope's. */
function packageRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    try {
      if (JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).name === 'rankscope') return dir;
    } catch { /* no package.json here */ }
    if (path.dirname(dir) === dir) throw new Error(`rankscope-ts-plugin: no Rankscope package.json above ${from}`);
  }
}

function init({ typescript: tsm }: { typescript: typeof ts }): ts.server.PluginModule {
  const root = packageRoot(path.dirname(fileURLToPath(import.meta.url)));
  const typesDir = path.join(root, 'dist', 'types');
  // Rankscope's API is declared in the shipped declarations, or in runtime/ (the repository's own
  // tsconfig maps `rankscope…` there), or in an installed npm package.
  const apiDirs = [typesDir + path.sep, path.join(root, 'runtime') + path.sep];
  const isApiFile = (fileName: string): boolean =>
    apiDirs.some((d) => path.normalize(fileName).startsWith(d)) || /[\\/]node_modules[\\/]rankscope[\\/]/.test(fileName);

  return {
    create(info) {
      info.project?.projectService?.logger.info(`rankscope-ts-plugin: declarations from ${typesDir}`);
      resolveRankscopeModules(tsm, info.languageServiceHost, typesDir);
      const ls = info.languageService;
      const proxy: ts.LanguageService = Object.create(null);
      for (const k of Object.keys(ls) as (keyof ts.LanguageService)[]) {
        const f = ls[k] as (...a: unknown[]) => unknown;
        (proxy as unknown as Record<string, unknown>)[k] = (...a: unknown[]) => f.apply(ls, a);
      }
      proxy.getSemanticDiagnostics = (fileName) => {
        const found = ls.getSemanticDiagnostics(fileName);
        const program = ls.getProgram();
        const file = program?.getSourceFile(fileName);
        if (!program || !file || !importsRankscope(tsm, file)) return found;
        try {
          const unawaited = findUnawaitedCalls(tsm, program.getTypeChecker(), file, isApiFile).map((u) => unawaitedDiagnostic(tsm, file, u));
          return [...found.filter((d) => !TOP_LEVEL_AWAIT_CODES.has(d.code)), ...unawaited];
        } catch (e) {
          // A fault here must not cost the file TypeScript's own diagnostics.
          info.project?.projectService?.logger.info(`rankscope-ts-plugin: ${e instanceof Error ? e.stack : String(e)}`);
          return found;
        }
      };
      proxy.getCodeFixesAtPosition = (fileName, start, end, errorCodes, format, preferences) => {
        const fixes = ls.getCodeFixesAtPosition(fileName, start, end, errorCodes, format, preferences);
        if (!errorCodes.includes(FORGOT_AWAIT)) return fixes;
        const file = ls.getProgram()?.getSourceFile(fileName);
        const call = file && callAt(tsm, file, start, end);
        if (!call) return fixes;
        return [...fixes, {
          fixName: ADD_AWAIT, description: `Add 'await' to ${call.expression.getText(file)}(…)`,
          changes: [{ fileName, textChanges: [{ span: { start, length: 0 }, newText: 'await ' }] }],
        }];
      };
      return proxy;
    },
  };
}

/** Whether `file` imports Rankscope: only such files are Rankscope programs. */
function importsRankscope(tsm: typeof ts, file: ts.SourceFile): boolean {
  return file.statements.some((s) => tsm.isImportDeclaration(s) && tsm.isStringLiteral(s.moduleSpecifier) && isRankscopeModule(s.moduleSpecifier.text));
}

export default init;
