import type { Database } from 'better-sqlite3';
import { countEvents } from './count-events.js';
import { endSession } from './end-session.js';
import { sessionDigest } from './session-digest.js';
import { checkSessionExists } from './session-state.js';
import { statement } from './statement-cache.js';

/** What a session's integration contract checks said when it ended: how many rules, and the ids of those that failed. */
export type SessionChecks = { readonly rules: number; readonly failing: readonly string[] };

/**
 * What a session left open when it ended (null: not known, e.g. an import has no monitor), and
 * what its live contract checks said then (absent or null: not checked).
 */
export type SessionOutcome = { readonly gaps: number | null; readonly exceptions: number | null; readonly checks?: SessionChecks | null };

const SQL = `INSERT INTO session_outcomes (session, gaps, exceptions, events, digest, recorded_at, checks_rules, checks_failed, checks_failing)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (session) DO NOTHING`;

/**
 * Record a session's outcome once: ends the session if it is still open (so nothing is appended
 * after its digest is taken), counts its events and caches its digest. Recording it again keeps
 * the first outcome. The caller holds the transaction (the writer does).
 */
export function recordOutcome(db: Database, session: number, outcome: SessionOutcome, now: number): void {
  checkSessionExists(db, session);
  const count = (n: number | null, what: string) => {
    if (n !== null && !(Number.isSafeInteger(n) && n >= 0)) throw new Error(`${what}: expected a count (integer ≥ 0) or null, got ${String(n)}`);
    return n;
  };
  const gaps = count(outcome.gaps, 'gaps');
  const exceptions = count(outcome.exceptions, 'exceptions');
  const checks = outcome.checks ?? null;
  if (checks !== null) {
    count(checks.rules, 'checks.rules');
    if (!Array.isArray(checks.failing) || checks.failing.length > checks.rules || !checks.failing.every((id) => typeof id === 'string')) {
      throw new Error(`checks.failing: expected the ids of at most ${checks.rules} failed rules, got ${JSON.stringify(checks.failing)}`);
    }
  }
  if (statement(db, 'SELECT 1 FROM session_outcomes WHERE session = ?', 'pluck').get(session) !== undefined) return;
  endSession(db, session, now);
  statement(db, SQL).run(
    session,
    gaps,
    exceptions,
    countEvents(db, session),
    sessionDigest(db, session),
    now,
    checks?.rules ?? null,
    checks === null ? null : checks.failing.length,
    checks === null ? null : JSON.stringify(checks.failing),
  );
}
