/**
 * Records what every debug adapter sends (ours and js-debug's child sessions) through VS Code's
 * debug adapter trackers, so tests can wait for an event and ask which rank's session sent it.
 */
import * as vscode from 'vscode';

export interface Seen {
  event: string;
  body: any;
  session: vscode.DebugSession;
  /** The name of the top session under ours that this one belongs to (`rank 4`). */
  rootName: string;
  at: number;
}

export class DapLog {
  private seen: Seen[] = [];
  private waiters: { match: (s: Seen) => boolean; resolve: (s: Seen) => void }[] = [];

  register(): void {
    vscode.debug.registerDebugAdapterTrackerFactory('*', {
      createDebugAdapterTracker: (session) => ({
        onDidSendMessage: (m: { type: string; event?: string; body?: unknown }) => {
          if (m.type !== 'event' || !m.event) return;
          const s: Seen = { event: m.event, body: m.body, session, rootName: rootName(session), at: Date.now() };
          this.seen.push(s);
          this.waiters = this.waiters.filter((w) => !(w.match(s) && (w.resolve(s), true)));
        },
      }),
    });
  }

  waitFor(match: (s: Seen) => boolean, ms: number): Promise<Seen> {
    const already = this.seen.find(match);
    if (already) return Promise.resolve(already);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no such debug event within ${ms} ms; saw: ${this.summary()}`)), ms);
      this.waiters.push({ match, resolve: (s) => (clearTimeout(timer), resolve(s)) });
    });
  }

  /** Event counts per session type, and the bodies of the rarer events: enough to see what went wrong. */
  summary(): string {
    const counts = new Map<string, number>();
    for (const s of this.seen) counts.set(`${s.session.type}/${s.event}`, (counts.get(`${s.session.type}/${s.event}`) ?? 0) + 1);
    const rare = this.seen.filter((s) => !['loadedSource', 'output', 'thread'].includes(s.event)).map((s) => `${s.rootName}: ${s.event} ${JSON.stringify(s.body)?.slice(0, 300)}`);
    return `${[...counts].map(([k, n]) => `${k}×${n}`).join(' ')}\n${rare.join('\n')}`;
  }

  output(type: string): string {
    return this.seen.filter((s) => s.session.type === type && s.event === 'output').map((s) => s.body.output).join('');
  }

  /** The first event seen so far that matches, if any. */
  find(match: (s: Seen) => boolean): Seen | undefined {
    return this.seen.find(match);
  }

  /** Every output event of every session (ours and the ranks' JavaScript sessions), in order. */
  allOutput(): { type: string; category: string; text: string }[] {
    return this.seen.filter((s) => s.event === 'output').map((s) => ({ type: s.session.type, category: s.body.category, text: s.body.output }));
  }

  exitCode(type: string): number | undefined {
    return this.seen.find((s) => s.session.type === type && s.event === 'exited')?.body.exitCode;
  }

  sessions(): vscode.DebugSession[] {
    return [...new Set(this.seen.map((s) => s.session))];
  }

  clear(): void {
    this.seen = [];
  }
}

function rootName(session: vscode.DebugSession): string {
  let s = session;
  while (s.parentSession && s.parentSession.type !== 'rankscope') s = s.parentSession;
  return s.name;
}
