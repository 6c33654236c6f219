/**
 * The ported CorrBench cases on disk: `cases/<group>/<CorrBench file name>.ts`. A case's truth comes
 * from where CorrBench keeps it: `correct-*` groups are correct programs, every other group holds
 * incorrect ones labelled by the file-name prefix (ArgError, ArgMismatch, MisplacedCall, MissingCall).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CASES_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'cases');

export interface Case {
  /** CorrBench's own path without `.c`, e.g. `conflo/pt2pt/ArgError-MPISend-Tag-1`. */
  id: string;
  file: string;
  correct: boolean;
  /** ArgError, ArgMismatch, MisplacedCall, MissingCall; `correct` for correct programs. */
  label: string;
  /** pt2pt or coll. */
  kind: 'pt2pt' | 'coll';
  /** Ranks to start: 2 unless the case says `// rankscope-np: N`. */
  np: number;
}

const GROUP_PATH: Record<string, string> = {
  pt2pt: 'pt2pt',
  coll: 'coll',
  'conflo-pt2pt': 'conflo/pt2pt',
  'conflo-coll': 'conflo/coll',
  'correct-pt2pt': 'correct/pt2pt',
  'correct-coll': 'correct/coll',
};

export function loadCases(dir = CASES_DIR): Case[] {
  const cases: Case[] = [];
  for (const group of Object.keys(GROUP_PATH)) {
    const groupDir = path.join(dir, group);
    if (!fs.existsSync(groupDir)) continue;
    for (const name of fs.readdirSync(groupDir).filter((f) => f.endsWith('.ts')).sort()) {
      const file = path.join(groupDir, name);
      const base = name.slice(0, -'.ts'.length);
      const correct = group.startsWith('correct-');
      const np = /^\/\/ rankscope-np: (\d+)$/m.exec(fs.readFileSync(file, 'utf8'));
      cases.push({
        id: `${GROUP_PATH[group]}/${base}`,
        file,
        correct,
        label: correct ? 'correct' : base.split('-')[0],
        kind: group.endsWith('coll') ? 'coll' : 'pt2pt',
        np: np ? Number(np[1]) : 2,
      });
    }
  }
  return cases;
}
