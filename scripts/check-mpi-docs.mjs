// Lists public members of the MPI classes users see (dist/types) that have no JSDoc comment.
// Run after `npm run build`: `node scripts/check-mpi-docs.mjs`; exit status 1 when any is missing.
import ts from 'typescript';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const dir = new URL('../dist/types/', import.meta.url).pathname;
const classes = new Set(['Comm', 'Intracomm', 'Cartcomm', 'Topocomm', 'Graphcomm', 'Distgraphcomm',
  'Request', 'Prequest', 'Grequest', 'Status', 'Group', 'Op', 'Datatype', 'Message', 'Info', 'Intercomm']);
const files = [...readdirSync(join(dir, 'rank', 'mpi')).map((f) => join(dir, 'rank', 'mpi', f)), join(dir, 'api', 'mpi.d.ts')]
  .filter((f) => f.endsWith('.d.ts'));
const missing = [];
const hasDoc = (node) => (ts.getJSDocCommentsAndTags(node) ?? []).length > 0;
for (const file of files) {
  const src = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const visit = (node) => {
    if (ts.isClassDeclaration(node) && node.name && classes.has(node.name.text)) {
      const seen = new Set();
      for (const m of node.members) {
        if (!m.name || ts.isPrivateIdentifier(m.name)) continue;
        const mods = ts.getCombinedModifierFlags(m);
        if (mods & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) continue;
        const name = m.name.getText(src);
        if (name.startsWith('_') && name !== '__eq__' && name !== '__bool__') continue;
        // Overloads: one doc comment on any signature of a name is enough.
        const key = name;
        if (hasDoc(m)) { seen.add(key); continue; }
        if (ts.isConstructorDeclaration(m)) continue;
        missing.push({ key: `${node.name.text}.${name}`, file: file.slice(dir.length), seen, name });
      }
      missing.forEach((x) => { if (x.seen.has(x.name)) x.ok = true; });
    }
    if (ts.isVariableStatement(node) && file.endsWith('api/mpi.d.ts')) {
      for (const d of node.declarationList.declarations) {
        const t = d.type;
        if (t && ts.isTypeLiteralNode(t)) for (const m of t.members) {
          if (!hasDoc(m) && m.name) missing.push({ key: `MPI.${m.name.getText(src)}`, file: 'api/mpi.d.ts' });
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(src);
}
const out = [...new Map(missing.filter((x) => !x.ok).map((x) => [x.key, x])).values()];
for (const x of out) console.log(`${x.file}: ${x.key}`);
console.log(`${out.length} public names without a doc comment`);
process.exit(out.length ? 1 : 0);
