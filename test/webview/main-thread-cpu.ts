/**
 * CPU time of a page's main thread, from a chromium trace: what the page itself spent, which,
 * unlike wall time, hardly changes when other jobs load the machine. Tasks are cut at
 * performance.mark(name) calls: `between(a, b)` sums the tasks from mark a to mark b; `taskAt(m)`
 * is the task that ran mark m and everything the thread did after it until the next mark's task
 * (for a frame: its drawing, then the page's own rendering update).
 */
import type { CDPSession, Page } from 'playwright-core';

interface TraceEvent {
  name: string; cat: string; ph: string; pid: number; tid: number; ts: number; dur?: number; tdur?: number; args?: { name?: string };
}

export interface CpuTrace {
  between(from: string, to: string): number;
  /** CPU ms of mark's task and of the thread's work after it, up to the task of mark `until`. */
  taskAt(mark: string, until: string): number;
}

export async function traceMainThread(page: Page): Promise<() => Promise<CpuTrace>> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as TraceEvent[])));
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: ['toplevel', 'disabled-by-default-devtools.timeline', 'blink.user_timing'] }, transferMode: 'ReportEvents' });
  return async () => {
    const complete = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
    await cdp.send('Tracing.end');
    await complete;
    await cdp.detach();
    const marks = new Map(events.filter((e) => e.cat.includes('blink.user_timing')).map((e) => [e.name, e]));
    const any = marks.values().next().value;
    if (!any) throw new Error('no marks in the trace');
    // The page's main thread: where its marks were made.
    const tasks = events.filter((e) => e.pid === any.pid && e.tid === any.tid && e.ph === 'X' && e.name === 'RunTask' && e.tdur !== undefined);
    const at = (name: string): number => {
      const m = marks.get(name);
      if (!m) throw new Error(`no mark ${name} in the trace`);
      return m.ts;
    };
    const sum = (from: number, to: number): number => tasks.filter((t) => t.ts + t.dur! > from && t.ts < to).reduce((s, t) => s + t.tdur!, 0) / 1000;
    const startOfTask = (ts: number): number => tasks.find((t) => t.ts <= ts && t.ts + t.dur! >= ts)?.ts ?? ts;
    return {
      between: (from, to) => sum(at(from), at(to)),
      taskAt: (mark, until) => sum(startOfTask(at(mark)), startOfTask(at(until)) - 0.001),
    };
  };
}
