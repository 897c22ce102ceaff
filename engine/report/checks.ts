import { createChecker } from '../../monitor/index.js';
import type { CheckKind, CheckRule, CheckViolation, ExpectationResult } from '../../model/index.js';
import { judgeCheck } from '../expect/judge-check.js';
import { latestSession, listSessions, openJournal, sessionDigest, sessionEvents } from '../journal/index.js';
import { sessionGracePeriods } from './session-snapshot.js';

/** One rule's outcome: what it measured, each `expect:` entry's verdict, and its first violations with their events. */
export type CheckResult = {
  readonly id: string;
  readonly kind: CheckKind;
  readonly title: string;
  readonly verdict: 'pass' | 'fail';
  readonly measured: Readonly<Record<string, number | null>>;
  readonly checks: readonly ExpectationResult[];
  readonly first: readonly CheckViolation[];
};

/** A check of one journal session against a set of rules. */
export type CheckRun = {
  readonly journalPath: string;
  readonly session: number;
  readonly scenario: string;
  readonly kind: string;
  /** the session's digest: what the results are about, exactly */
  readonly digest: string;
  readonly events: number;
  /** RFC 3339: the last event's time, the instant the rules were judged at */
  readonly judgedAt: string | null;
  readonly results: readonly CheckResult[];
  readonly failed: number;
};

/**
 * Check a session of a journal (default the latest) against `rules`: its events in journal order
 * through the monitor's rule checker, each rule's measurement judged by its `expect:` at the last
 * event's time (a message still inside its grace period then is not judged).
 */
export function checkSession(journalPath: string, rules: readonly CheckRule[], sessionId?: number): CheckRun {
  const journal = openJournal(journalPath, { readonly: true });
  try {
    const db = journal.db;
    const session = sessionId ?? latestSession(db);
    if (session === undefined) throw new Error(`${journalPath} holds no session to check`);
    const row = listSessions(db).find((s) => s.id === session);
    if (row === undefined) throw new Error(`${journalPath} has no session ${session} (linesight sessions lists them)`);
    const checker = createChecker(rules, sessionGracePeriods(row));
    // a broker's retained messages are its last values, kept from whenever: not judged (as live)
    const retained = new Set(db.prepare('SELECT id FROM events WHERE session = ? AND retained = 1').pluck().all(session) as string[]);
    let events = 0;
    let last = -Infinity;
    for (const e of sessionEvents(db, session)) {
      events++;
      const t = Date.parse(e.time);
      if (t > last) last = t;
      if (retained.size === 0 || !retained.has(e.id)) checker.apply(e);
    }
    const measured = checker.measure(Number.isFinite(last) ? last : 0);
    const results = rules.map((r): CheckResult => {
      const m = measured.get(r.id)!;
      const checks = judgeCheck(m.doc, r.expect);
      return { id: r.id, kind: r.kind, title: r.title, verdict: checks.every((c) => c.verdict === 'pass') ? 'pass' : 'fail', measured: m.doc, checks, first: m.first };
    });
    return {
      journalPath,
      session,
      scenario: row.scenario,
      kind: row.kind,
      digest: sessionDigest(db, session),
      events,
      judgedAt: Number.isFinite(last) ? new Date(last).toISOString() : null,
      results,
      failed: results.filter((r) => r.verdict === 'fail').length,
    };
  } finally {
    journal.close();
  }
}
