// The folder-level picture of Rankscope, drawn from the code's own imports, and the rules it keeps.
// Reads every import of runtime/, extension/ and webview/ (with the TypeScript parser, so comments
// and strings are never mistaken for imports), groups the folders by the process they run in, and
//   node scripts/layout.mjs           prints the picture (mermaid) and every import that breaks a rule;
//   node scripts/layout.mjs --check   also fails when the README's copy differs (npm run check:layout);
//   node scripts/layout.mjs --write   writes the picture into the README between the markers;
//   node scripts/layout.mjs --prune   drops from the allow-list the imports that are gone.
// Exit status 1 names each violating import not listed in scripts/layout-allow.json, the known ones
// that are being moved away (empty that file as they go; an entry no longer found is reported).
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { posix as path } from 'node:path';
import ts from 'typescript';

const ROOTS = ['runtime', 'extension', 'webview'];
const README = 'README.md';
const ALLOW = 'scripts/layout-allow.json';
const BEGIN = '<!-- layout: drawn by `node scripts/layout.mjs --write` from the imports; npm test checks it -->';
const END = '<!-- /layout -->';

/** Which process each folder's code runs in; the longest matching prefix wins. */
const SIDES = [
  { id: 'rank', title: 'rank process (one per rank)', folders: ['runtime/rank', 'runtime/cluster', 'runtime/bench/driver'] },
  { id: 'contract', title: 'contract (shared by ranks and launcher)', folders: ['runtime/contract', 'runtime/bench/contract', 'runtime/analysis'] },
  { id: 'launcher', title: 'launcher process (the CLI, or the extension host when VS Code starts the run)', folders: ['runtime/launcher', 'runtime/deadlock', 'runtime/cli', 'runtime/bench'] },
  { id: 'viewer', title: "a Run's viewer (through the run's socket)", folders: ['runtime/attach'] },
  { id: 'extension', title: 'extension host', folders: ['extension'] },
  { id: 'webview', title: 'webview', folders: ['webview'] },
  { id: 'tsserver', title: 'TypeScript server', folders: ['extension/ts-plugin'] },
];

/** The launcher side's public modules: the launcher's Run, and the benchmark that runs jobs on it. */
const PUBLISHED = ['runtime/launcher/index.ts', 'runtime/bench/index.ts'];
const under = (file, folder) => file === folder || file.startsWith(folder + '/');
/** The rules, each a test on one import (from a file to a file, or to 'vscode'). */
const RULES = [
  { text: 'a rank never imports the launcher (but runtime/cluster/: rank 0 of an mpiexec/srun run hosts the launcher\'s watching half)',
    breaks: (e) => e.fromSide === 'rank' && e.toSide === 'launcher' && !under(e.from, 'runtime/cluster') },
  { text: 'the launcher never imports a rank\'s code',
    breaks: (e) => e.fromSide === 'launcher' && e.toSide === 'rank' },
  { text: 'no two launcher-side folders import each other (data goes one way)',
    breaks: (e, mutual) => e.fromSide === 'launcher' && e.toSide === 'launcher' && mutual.has(`${path.dirname(e.from)} ${path.dirname(e.to)}`) },
  { text: 'the contract imports only the contract',
    breaks: (e) => e.fromSide === 'contract' && e.toSide !== 'contract' },
  { text: `the extension imports nothing of a rank, and of the launcher only its published interfaces (${PUBLISHED.join(', ')})`,
    breaks: (e) => e.fromSide === 'extension' && (e.toSide === 'rank' || (e.toSide === 'launcher' && !PUBLISHED.includes(e.to))) },
  { text: "a Run's viewer imports only the contract (it sees a run through the run's socket alone)",
    breaks: (e) => e.fromSide === 'viewer' && e.toSide !== 'viewer' && e.toSide !== 'contract' },
  { text: 'the webview imports from outside webview/ only types (import type) of the contract',
    breaks: (e) => e.fromSide === 'webview' && e.toSide !== 'webview' && !(e.toSide === 'contract' && e.typeOnly) },
  { text: 'nothing under runtime/ imports vscode, extension/ or webview/',
    breaks: (e) => under(e.from, 'runtime') && (e.to === 'vscode' || under(e.to, 'extension') || under(e.to, 'webview')) },
  { text: 'the TypeScript server plugin imports only its own files (tsserver loads it alone)',
    breaks: (e) => e.fromSide === 'tsserver' && e.toSide !== 'tsserver' },
];

export function sideOf(file) {
  if (file === 'vscode') return 'vscode';
  let best;
  for (const side of SIDES) for (const f of side.folders) {
    if (under(file, f) && (!best || f.length > best.folder.length)) best = { folder: f, side: side.id };
  }
  if (!best) throw new Error(`layout: ${file} is in no process; add its folder to SIDES in scripts/layout.mjs`);
  return best.side;
}

function sourceFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) return d.name === 'node_modules' ? [] : sourceFiles(p);
    return /\.(m?ts|tsx)$/.test(d.name) && !d.name.endsWith('.d.ts') ? [p] : [];
  });
}

/** `import type`, `import { type A }` with every name a type, `export type … from`, `import('x').T` in a type. */
function typeOnly(node) {
  if (ts.isImportDeclaration(node)) {
    const c = node.importClause;
    if (!c) return false;
    if (c.isTypeOnly) return true;
    const named = c.namedBindings;
    return !c.name && !!named && ts.isNamedImports(named) && named.elements.length > 0 && named.elements.every((x) => x.isTypeOnly);
  }
  if (ts.isExportDeclaration(node)) {
    const named = node.exportClause;
    return node.isTypeOnly || (!!named && ts.isNamedExports(named) && named.elements.length > 0 && named.elements.every((x) => x.isTypeOnly));
  }
  return ts.isImportTypeNode(node);
}

/** Every module specifier of a file: static, re-export, dynamic import(), require() and import types. */
export function importsOf(file) {
  const src = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found = [];
  const add = (node, lit) => found.push({ spec: lit.text, typeOnly: typeOnly(node), line: src.getLineAndCharacterOfPosition(node.getStart(src)).line + 1 });
  const visit = (node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) add(node, node.moduleSpecifier);
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference) && ts.isStringLiteral(node.moduleReference.expression)) add(node, node.moduleReference.expression);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) add(node, node.argument.literal);
    else if (ts.isCallExpression(node) && node.arguments.length > 0 && ts.isStringLiteralLike(node.arguments[0])
      && (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === 'require'))) add(node, node.arguments[0]);
    ts.forEachChild(node, visit);
  };
  visit(src);
  return found;
}

/** The repository file a specifier names, 'vscode', or undefined for Node's and npm's modules. */
function resolve(from, spec) {
  if (spec === 'vscode') return 'vscode';
  if (!spec.startsWith('.')) return undefined;
  const p = path.normalize(path.join(path.dirname(from), spec));
  const candidates = [p.replace(/\.js$/, '.ts'), p.replace(/\.mjs$/, '.mts'), p, `${p}.ts`, `${p}/index.ts`];
  return candidates.find((c) => existsSync(c) && statSync(c).isFile()) ?? p;
}

export function readImports() {
  const edges = [];
  for (const from of ROOTS.flatMap(sourceFiles).sort()) {
    for (const { spec, typeOnly: t, line } of importsOf(from)) {
      const to = resolve(from, spec);
      if (to === undefined) continue;
      edges.push({ from, line, to, typeOnly: t, fromSide: sideOf(from), toSide: sideOf(to) });
    }
  }
  return edges;
}

/** 'a b' for every two different folders that import each other, both ways round. */
function mutualFolders(edges) {
  const pairs = new Set(edges.filter((e) => e.to !== 'vscode').map((e) => `${path.dirname(e.from)} ${path.dirname(e.to)}`));
  return new Set([...pairs].filter((p) => { const [a, b] = p.split(' '); return a !== b && pairs.has(`${b} ${a}`); }));
}

/** Each import that breaks a rule, with the rule. */
export function violations(edges) {
  const broken = new Map();
  const mutual = mutualFolders(edges);
  for (const e of edges) for (const rule of RULES) if (rule.breaks(e, mutual)) broken.set(e, rule);
  return broken;
}

const idOf = (folder) => folder.replace(/[^A-Za-z0-9]/g, '_');

/** The mermaid picture: a subgraph per process, a box per folder, an arrow per folder that imports another
 * (dotted when every such import is a type only, red when one breaks a rule). */
export function picture(edges, broken) {
  const folders = new Map();
  for (const e of edges) for (const [f, s] of [[e.from, e.fromSide], [e.to, e.toSide]]) if (f !== 'vscode') folders.set(path.dirname(f), s);
  const arrows = new Map();
  for (const e of edges) {
    if (e.to === 'vscode') continue;
    const a = path.dirname(e.from), b = path.dirname(e.to);
    if (a === b) continue;
    const key = `${a} ${b}`;
    const x = arrows.get(key) ?? { a, b, value: false, broken: false };
    x.value ||= !e.typeOnly;
    x.broken ||= broken.has(e);
    arrows.set(key, x);
  }
  const lines = ['```mermaid', 'flowchart LR'];
  for (const side of SIDES) {
    const mine = [...folders].filter(([, s]) => s === side.id).map(([f]) => f).sort();
    if (mine.length === 0) continue;
    lines.push(`  subgraph side_${side.id}["${side.title}"]`);
    for (const f of mine) lines.push(`    ${idOf(f)}["${f}"]`);
    lines.push('  end');
  }
  const sorted = [...arrows.values()].sort((x, y) => (x.a + ' ' + x.b).localeCompare(y.a + ' ' + y.b));
  sorted.forEach((x) => lines.push(`  ${idOf(x.a)} ${x.value ? '-->' : '-.->'} ${idOf(x.b)}`));
  const red = sorted.flatMap((x, i) => (x.broken ? [i] : []));
  if (red.length) lines.push(`  linkStyle ${red.join(',')} stroke:#d33,stroke-width:2px`);
  lines.push('```');
  return lines.join('\n');
}

function readmeCopy(text) {
  const a = text.indexOf(BEGIN), b = text.indexOf(END);
  if (a < 0 || b < a) return undefined;
  return { before: text.slice(0, a + BEGIN.length), copy: text.slice(a + BEGIN.length, b).trim(), after: text.slice(b) };
}

function main(argv) {
  const edges = readImports();
  const allowList = existsSync(ALLOW) ? JSON.parse(readFileSync(ALLOW, 'utf8')) : { allow: [] };
  const allowed = new Set(allowList.allow.map((x) => x.import));
  const broken = violations(edges);
  const drawn = picture(edges, broken);
  let failed = false;
  if (!argv.includes('--check') && !argv.includes('--write')) console.log(drawn);
  const seen = new Set();
  for (const [e, rule] of broken) {
    const key = `${e.from} -> ${e.to}`;
    seen.add(key);
    const known = allowed.has(key);
    failed ||= !known;
    if (!known || !argv.includes('--check')) console.log(`${known ? 'known' : 'VIOLATION'}: ${e.from}:${e.line} imports ${e.to}${e.typeOnly ? ' (types)' : ''}: ${rule.text}`);
  }
  for (const key of allowed) if (!seen.has(key)) console.log(`no longer found (remove it from ${ALLOW}, or run with --prune): ${key}`);
  if (argv.includes('--prune') && existsSync(ALLOW)) {
    writeFileSync(ALLOW, JSON.stringify({ ...allowList, allow: allowList.allow.filter((x) => seen.has(x.import)) }, null, 2) + '\n');
  }
  const text = readFileSync(README, 'utf8');
  const copy = readmeCopy(text);
  if (argv.includes('--write')) {
    if (!copy) throw new Error(`layout: ${README} has no markers ${BEGIN} … ${END}`);
    writeFileSync(README, `${copy.before}\n${drawn}\n${copy.after}`);
  } else if (argv.includes('--check') && copy?.copy !== drawn) {
    console.log(`${README}: the layout picture differs from what the imports say; run node scripts/layout.mjs --write`);
    failed = true;
  }
  const known = [...broken.keys()].filter((e) => allowed.has(`${e.from} -> ${e.to}`)).length;
  console.log(`layout: ${edges.length} imports, ${RULES.length} rules, ${broken.size - known} violations, ${known} known (${ALLOW})`);
  process.exit(failed ? 1 : 0);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) main(process.argv.slice(2));
