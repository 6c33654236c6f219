/**
 * The run form: a workload (built-in, a function of a workspace file, or a whole program), sizes,
 * worker counts, parallel modes and a time budget. It reads into a RunRequest or says what is wrong.
 */
import type { BuiltinName, Mode } from '../../runtime/bench/contract/protocol.js';
import { h } from '../common/dom.js';
import type { Defaults, RunRequest } from './protocol.js';

const PARALLEL: Mode[] = ['pool', 'process', 'mpi'];

export interface Form {
  element: HTMLElement;
  /** The request, or an error message naming the field to fix. */
  read(): RunRequest | string;
  setDefaults(d: Defaults): void;
}

function numbers(text: string): number[] | undefined {
  const xs = text.split(/[\s,]+/).filter(Boolean).map(Number);
  return xs.length > 0 && xs.every((x) => Number.isInteger(x) && x >= 1) ? xs : undefined;
}

const field = (label: string, control: HTMLElement, hint = ''): HTMLLabelElement => h('label', { title: hint }, h('span', {}, label), control);

export function createForm(): Form {
  let defaults: Defaults | undefined;
  const workload = h('select', { id: 'workload', 'aria-label': 'Workload' });
  const sizes = h('input', { id: 'sizes', size: '34' });
  const workers = h('input', { id: 'workers', size: '10' });
  const budget = h('input', { id: 'budget', type: 'number', min: '0.1', step: '0.5', value: '2', size: '4' });
  const module = h('input', { id: 'module', placeholder: 'src/work.ts', size: '20' });
  const fn = h('input', { id: 'fn', placeholder: 'work', size: '10' });
  const inputs = h('input', { id: 'inputs', placeholder: 'inputs', size: '10' });
  const program = h('input', { id: 'program', placeholder: 'samples/mpi/reduction.ts', size: '28' });
  const modeBoxes = PARALLEL.map((m) => h('input', { type: 'checkbox', id: `mode-${m}`, checked: '' }));
  const own = h('span', { class: 'own', hidden: '' }, field('file', module), field('function', fn, 'exported fn(item)'), field('inputs', inputs, 'exported inputs(size) → items'));
  const whole = h('span', { class: 'own', hidden: '' }, field('program', program, 'run with -n 1 and -n k; the size is in RANKSCOPE_BENCH_SIZE'));

  const sync = (): void => {
    own.hidden = workload.value !== 'function';
    whole.hidden = workload.value !== 'program';
    const builtin = defaults?.builtins.find((b) => b.name === workload.value);
    if (builtin) sizes.value = builtin.sizes.map((s) => (s >= 1e4 ? s.toExponential().replace('e+', 'e') : String(s))).join(', ');
    modeBoxes.forEach((box, i) => (box.disabled = workload.value === 'program' && PARALLEL[i] !== 'mpi'));
  };
  workload.addEventListener('change', sync);

  const element = h('form', { id: 'form' },
    field('workload', workload), own, whole,
    field('sizes', sizes, 'problem sizes, e.g. 1e3, 1e6, 1e7'),
    field('workers', workers, 'worker counts; past the cores count shows oversubscription'),
    h('span', { class: 'modes' }, 'serial vs', ...PARALLEL.map((m, i) => h('label', {}, modeBoxes[i], m))),
    field('budget (s)', budget, 'seconds a point may take before it stops repeating'));

  return {
    element,
    setDefaults(d) {
      defaults = d;
      workload.replaceChildren(...d.builtins.map((b) => h('option', { value: b.name }, `${b.name} — ${b.unit}`)),
        h('option', { value: 'function' }, 'a function of a file…'), h('option', { value: 'program' }, 'a whole program…'));
      workers.value = d.workers.join(', ');
      sync();
    },
    read() {
      const s = numbers(sizes.value);
      if (!s) return 'Sizes: whole numbers ≥ 1, separated by commas (1e6 is fine).';
      const w = numbers(workers.value);
      if (!w) return 'Workers: whole numbers ≥ 1, separated by commas.';
      const modes: Mode[] = ['serial', ...PARALLEL.filter((_, i) => modeBoxes[i].checked && !modeBoxes[i].disabled)];
      if (modes.length === 1) return 'Choose at least one parallel mode to compare with the serial loop.';
      const pointSeconds = Number(budget.value);
      if (!(pointSeconds > 0)) return 'Budget: a number of seconds above 0.';
      let wl: RunRequest['workload'];
      if (workload.value === 'function') {
        if (!module.value.trim() || !fn.value.trim() || !inputs.value.trim()) return 'A function workload needs the file, the exported function and the exported inputs(size) function.';
        wl = { kind: 'function', module: module.value.trim(), fn: fn.value.trim(), inputs: inputs.value.trim() };
      } else if (workload.value === 'program') {
        if (!program.value.trim()) return 'A program workload needs the program file.';
        wl = { kind: 'program', program: program.value.trim() };
      } else wl = { kind: 'builtin', name: workload.value as BuiltinName };
      return { workload: wl, sizes: s, workers: w, modes, pointSeconds };
    },
  };
}
