/**
 * scripts/layout.mjs (npm run check:layout) on small made-up repositories: what it calls a violation,
 * what it lets through, the allow-list and the README's copy of the picture.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT } from './helpers/run-cli.js';

const SCRIPT = path.join(ROOT, 'scripts', 'layout.mjs');
const MARKERS = '<!-- layout: drawn by `node scripts/layout.mjs --write` from the imports; npm test checks it -->\n<!-- /layout -->\n';

/** A repository holding these files (and a README with the markers), in a fresh folder. */
function repo(files: Record<string, string>, allow?: string[]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rankscope-layout-'));
  const all: Record<string, string> = {
    'README.md': `# x\n\n${MARKERS}`,
    'runtime/contract/events.ts': 'export type Event = { t: number };\nexport const V = 1;\n',
    'runtime/launcher/index.ts': "import type { Event } from '../contract/events.js';\nexport const launch = (e: Event) => e;\n",
    'runtime/launcher/job.ts': 'export class Job {}\n',
    ...files,
  };
  if (allow) all['scripts/layout-allow.json'] = JSON.stringify({ allow: allow.map((i) => ({ import: i })) });
  for (const [f, text] of Object.entries(all)) {
    fs.mkdirSync(path.join(dir, path.dirname(f)), { recursive: true });
    fs.writeFileSync(path.join(dir, f), text);
  }
  return dir;
}

function layout(dir: string, ...args: string[]): { status: number | null; out: string } {
  const r = spawnSync(process.execPath, [SCRIPT, ...args], { cwd: dir, encoding: 'utf8' });
  return { status: r.status, out: r.stdout + r.stderr };
}

describe('layout check (scripts/layout.mjs)', () => {
  const dirs: string[] = [];
  const make = (files: Record<string, string>, allow?: string[]): string => { const d = repo(files, allow); dirs.push(d); return d; };
  after(() => { for (const d of dirs) fs.rmSync(d, { recursive: true, force: true }); });

  it('passes what keeps the rules, and draws each folder in its process with the imports as arrows', () => {
    const dir = make({
      'runtime/rank/mpi.ts': "import { V } from '../contract/events.js';\nexport const x = V;\n",
      'runtime/cluster/member.ts': "import { Job } from '../launcher/job.js';\nexport const j = Job;\n",
      'extension/main.ts': "import * as vscode from 'vscode';\nimport { launch } from '../runtime/launcher/index.js';\n// import { Job } from '../runtime/launcher/job.js';\nexport const a = [vscode, launch];\n",
      'webview/view.ts': "import type { Event } from '../runtime/contract/events.js';\nimport { type Event as E2 } from '../runtime/contract/events.js';\nexport type T = Event | E2;\n",
    });
    const r = layout(dir);
    assert.equal(r.status, 0, r.out);
    assert.match(r.out, /subgraph side_rank\[[^\n]*\n\s+runtime_cluster\["runtime\/cluster"\]\n\s+runtime_rank\["runtime\/rank"\]/);
    assert.match(r.out, /extension --> runtime_launcher/);
    assert.match(r.out, /webview -\.-> runtime_contract/, 'a type-only import is a dotted arrow');
    assert.match(r.out, /0 violations/);
  });

  it('names each import that breaks a rule, with its line, and fails', () => {
    const dir = make({
      'runtime/rank/tracer.ts': "export const t = 1;\n",
      'runtime/rank/mpi.ts': "\nimport { Job } from '../launcher/job.js';\nexport const j = Job;\n",
      'runtime/launcher/clock.ts': "export const c = import('../rank/tracer.js');\n",
      'runtime/contract/env.ts': "import type { Job } from '../launcher/job.js';\nexport type J = Job;\n",
      'runtime/deadlock/detector.ts': "import { Job } from '../launcher/job.js';\nexport const d = Job;\n",
      'runtime/launcher/monitor.ts': "import { d } from '../deadlock/detector.js';\nexport const m = d;\n",
      'runtime/cli/main.ts': "import * as vscode from 'vscode';\nexport const v = vscode;\n",
      'extension/session.ts': "import type { Job } from '../runtime/launcher/job.js';\nexport type S = Job;\n",
      'webview/main.ts': "import { V } from '../runtime/contract/events.js';\nexport const w = V;\n",
      'runtime/attach/client.ts': "import { Job } from '../launcher/job.js';\nexport const c = Job;\n",
    });
    const r = layout(dir);
    assert.equal(r.status, 1, r.out);
    for (const line of [
      'VIOLATION: runtime/rank/mpi.ts:2 imports runtime/launcher/job.ts: a rank never imports the launcher',
      'VIOLATION: runtime/launcher/clock.ts:1 imports runtime/rank/tracer.ts: the launcher never imports a rank',
      'VIOLATION: runtime/contract/env.ts:1 imports runtime/launcher/job.ts (types): the contract imports only the contract',
      'VIOLATION: runtime/deadlock/detector.ts:1 imports runtime/launcher/job.ts: no two launcher-side folders import each other',
      'VIOLATION: runtime/launcher/monitor.ts:1 imports runtime/deadlock/detector.ts: no two launcher-side folders import each other',
      'VIOLATION: runtime/cli/main.ts:1 imports vscode: nothing under runtime/ imports vscode',
      'VIOLATION: extension/session.ts:1 imports runtime/launcher/job.ts (types): the extension imports nothing of a rank, and of the launcher only its published interfaces',
      "VIOLATION: runtime/attach/client.ts:1 imports runtime/launcher/job.ts: a Run's viewer imports only the contract",
      'VIOLATION: webview/main.ts:1 imports runtime/contract/events.ts: the webview imports from outside webview/ only types',
    ]) assert.ok(r.out.includes(line), `missing "${line}" in:\n${r.out}`);
    assert.match(r.out, /9 violations/);
  });

  it('lets an allow-listed violation pass, and says when an entry is no longer needed', () => {
    const dir = make({ 'runtime/rank/mpi.ts': "import { Job } from '../launcher/job.js';\nexport const j = Job;\n" },
      ['runtime/rank/mpi.ts -> runtime/launcher/job.ts', 'extension/gone.ts -> runtime/launcher/job.ts']);
    const r = layout(dir, '--check');
    assert.match(r.out, /0 violations, 1 known/);
    assert.match(r.out, /no longer found \(remove it from scripts\/layout-allow\.json, or run with --prune\): extension\/gone\.ts -> runtime\/launcher\/job\.ts/);
    layout(dir, '--prune');
    const left = JSON.parse(fs.readFileSync(path.join(dir, 'scripts/layout-allow.json'), 'utf8')) as { allow: { import: string }[] };
    assert.deepEqual(left.allow.map((x) => x.import), ['runtime/rank/mpi.ts -> runtime/launcher/job.ts']);
  });

  it('--check fails while the README copy differs from the imports, and passes once --write redrew it', () => {
    const dir = make({ 'runtime/rank/mpi.ts': "import { V } from '../contract/events.js';\nexport const x = V;\n" });
    assert.equal(layout(dir, '--check').status, 1, 'the README has no picture yet');
    assert.equal(layout(dir, '--write').status, 0);
    assert.match(fs.readFileSync(path.join(dir, 'README.md'), 'utf8'), /```mermaid\nflowchart LR\n[\s\S]*runtime_rank --> runtime_contract\n```\n<!-- \/layout -->/);
    assert.equal(layout(dir, '--check').status, 0);
    fs.mkdirSync(path.join(dir, 'runtime/rank/mpi'));
    fs.writeFileSync(path.join(dir, 'runtime/rank/mpi/comm.ts'), "import { V } from '../../contract/events.js';\nexport const c = V;\n");
    const r = layout(dir, '--check');
    assert.equal(r.status, 1);
    assert.match(r.out, /README\.md: the layout picture differs from what the imports say/);
  });
});
