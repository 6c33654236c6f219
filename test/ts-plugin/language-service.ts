/**
 * A TypeScript language service over a real folder, with the Rankscope plugin applied the way
 * tsserver applies it (PluginModule.create wrapping the service), for the plugin's unit tests.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';
import init from '../../extension/ts-plugin/index.js';
import { ROOT } from '../helpers/run-cli.js';

/** The compiler options VS Code 1.100 gives a file outside any tsconfig (an "inferred project"). */
export const INFERRED: ts.CompilerOptions = {
  module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, target: ts.ScriptTarget.ES2022,
  strictNullChecks: true, strictFunctionTypes: true, allowImportingTsExtensions: true, noEmit: true,
};

export function requireDeclarations(): void {
  const mpi = path.join(ROOT, 'dist', 'types', 'api', 'mpi.d.ts');
  if (!fs.existsSync(mpi)) throw new Error(`${mpi} is missing: run npm run build first`);
}

/** The options a folder's tsconfig.json gives, or the inferred ones where it has none. */
export function optionsOf(folder: string): ts.CompilerOptions {
  const config = path.join(folder, 'tsconfig.json');
  if (!fs.existsSync(config)) return INFERRED;
  const parsed = ts.getParsedCommandLineOfConfigFile(config, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n')); } });
  if (!parsed) throw new Error(`cannot read ${config}`);
  return { ...parsed.options, configFilePath: config };
}

export function languageService(files: string[], options: ts.CompilerOptions, withPlugin = true): ts.LanguageService {
  const versions = new Map<string, number>();
  const host: ts.LanguageServiceHost = {
    getCompilationSettings: () => options,
    getScriptFileNames: () => files,
    getScriptVersion: (f) => String(versions.get(f) ?? 0),
    getScriptSnapshot: (f) => (fs.existsSync(f) ? ts.ScriptSnapshot.fromString(fs.readFileSync(f, 'utf8')) : undefined),
    getCurrentDirectory: () => path.dirname(files[0]),
    getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
    fileExists: ts.sys.fileExists,
    readFile: ts.sys.readFile,
    readDirectory: ts.sys.readDirectory,
    directoryExists: ts.sys.directoryExists,
    getDirectories: ts.sys.getDirectories,
    realpath: ts.sys.realpath,
  };
  const service = ts.createLanguageService(host, ts.createDocumentRegistry());
  if (!withPlugin) return service;
  const info = { languageService: service, languageServiceHost: host, config: {} } as unknown as ts.server.PluginCreateInfo;
  // tsserver hands plugins the module object; the default import is that object at run time.
  return init({ typescript: ts as unknown as Parameters<typeof init>[0]['typescript'] }).create(info);
}

/** Every diagnostic of `file` as `line:col code message`, the way the Problems view lists them. */
export function problems(service: ts.LanguageService, file: string): string[] {
  const all = [...service.getSyntacticDiagnostics(file), ...service.getSemanticDiagnostics(file), ...service.getCompilerOptionsDiagnostics()];
  return all.map((d) => {
    const at = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
    const where = at ? `${path.basename(d.file!.fileName)}:${at.line + 1}:${at.character + 1}` : '(options)';
    return `${where} TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
  });
}
