/**
 * Where `rankscope`, `rankscope/mpi` and `rankscope/multiprocessing` come from in the editor when
 * the project itself cannot say (no node_modules, no tsconfig paths: a folder of samples copied
 * out of the extension, or a user's own folder with one program): the declarations that ship
 * with the extension, dist/types/api/*.d.ts. A resolution the project does find is kept.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as ts from 'typescript';

const ENTRY: Record<string, string> = {
  rankscope: 'index.d.ts',
  'rankscope/mpi': 'mpi.d.ts',
  'rankscope/multiprocessing': 'multiprocessing.d.ts',
};

export function isRankscopeModule(specifier: string): boolean {
  return Object.hasOwn(ENTRY, specifier);
}

/** The shipped declaration file for a `rankscope…` specifier, if there is one. */
export function declarationFor(typesDir: string, specifier: string): string | undefined {
  const entry = isRankscopeModule(specifier) ? ENTRY[specifier] : undefined;
  if (!entry) return undefined;
  const file = path.join(typesDir, 'api', entry);
  return fs.existsSync(file) ? file : undefined;
}

/** Wraps the project's module resolution so unresolved `rankscope…` imports find the shipped declarations. */
export function resolveRankscopeModules(tsm: typeof ts, host: ts.LanguageServiceHost, typesDir: string): void {
  const resolved = (specifier: string, found: ts.ResolvedModuleWithFailedLookupLocations): ts.ResolvedModuleWithFailedLookupLocations => {
    if (found.resolvedModule) return found;
    const file = declarationFor(typesDir, specifier);
    if (!file) return found;
    return { ...found, resolvedModule: { resolvedFileName: file, extension: tsm.Extension.Dts, isExternalLibraryImport: true } };
  };
  // tsserver's projects resolve through resolveModuleNameLiterals; a bare language service host
  // (as in the tests) may not have one, and then gets TypeScript's own resolution to wrap.
  const literals = host.resolveModuleNameLiterals?.bind(host) ?? defaultResolution(tsm, host);
  host.resolveModuleNameLiterals = (moduleLiterals, ...rest) =>
    literals(moduleLiterals, ...rest).map((found, i) => resolved(moduleLiterals[i].text, found));
}

function defaultResolution(tsm: typeof ts, host: ts.LanguageServiceHost): NonNullable<ts.LanguageServiceHost['resolveModuleNameLiterals']> {
  const moduleHost: ts.ModuleResolutionHost = {
    fileExists: (f) => (host.fileExists ?? tsm.sys.fileExists)(f),
    readFile: (f) => (host.readFile ?? tsm.sys.readFile)(f),
  };
  return (moduleLiterals, containingFile, _redirected, options, containingSourceFile) =>
    moduleLiterals.map((literal) => tsm.resolveModuleName(literal.text, containingFile, options, moduleHost, undefined, undefined,
      tsm.getModeForUsageLocation(containingSourceFile, literal, options)));
}
