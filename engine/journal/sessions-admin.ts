import type { Database } from 'better-sqlite3';
import type { SessionSummary } from '../contract/index.js';
import { countEvents } from './count-events.js';
import { importWarnings } from './import-warnings.js';
import { sessionDigest } from './session-digest.js';
import { interruptionField } from './session-interruption.js';
import { statement } from './statement-cache.js';
import type { SessionKind } from './types.js';

const SQL = `SELECT s.id, s.kind, s.scenario, s.seed, s.started_at, s.ended_at, l.name, l.note,
    o.gaps, o.exceptions, o.events, o.digest, o.checks_rules, o.checks_failed, o.checks_failing
  FROM sessions s
  LEFT JOIN session_labels l ON l.session = s.id
  LEFT JOIN session_outcomes o ON o.session = s.id
  WHERE s.id NOT IN (SELECT session FROM deleted_sessions)`;

type Row = {
  id: number;
  kind: SessionKind;
  scenario: string;
  seed: number | null;
  started_at: number;
  ended_at: number | null;
  name: string | null;
  note: string | null;
  gaps: number | null;
  exceptions: number | null;
  events: number | null;
  digest: string | null;
  checks_rules: number | null;
  checks_failed: number | null;
  checks_failing: string | null;
};

function warningsOf(db: Database, session: number): Pick<SessionSummary, 'warningCount' | 'warnings'> {
  const { count, first } = importWarnings(db, session);
  return { warningCount: count, warnings: first };
}

/** What the session's live contract checks said when it ended (migration 12): null when it recorded none. */
function checksOf(r: Row): SessionSummary['checks'] {
  if (r.checks_rules === null || r.checks_failed === null) return null;
  let failing: unknown;
  try {
    failing = JSON.parse(r.checks_failing ?? '[]');
  } catch {
    failing = [];
  }
  return { rules: r.checks_rules, failed: r.checks_failed, failing: Array.isArray(failing) ? failing.filter((x): x is string => typeof x === 'string') : [] };
}

function toSummary(db: Database, r: Row): SessionSummary {
  return {
    id: r.id,
    kind: r.kind,
    name: r.name,
    note: r.note,
    scenario: r.scenario,
    seed: r.seed,
    startedAt: new Date(r.started_at).toISOString(),
    endedAt: r.ended_at === null ? null : new Date(r.ended_at).toISOString(),
    events: r.events ?? countEvents(db, r.id),
    gaps: r.gaps,
    exceptions: r.exceptions,
    checks: checksOf(r),
    digest: r.digest ?? sessionDigest(db, r.id),
    // what an import assumed (migration 6): none for other sessions
    ...warningsOf(db, r.id),
    // left open by a process that is gone (migration 8): interrupted, with its last committed event
    ...interruptionField(db, r.id, r.ended_at),
  };
}

/**
 * Every session not deleted, newest first, with its name, note, counts and digest. A session
 * whose outcome was recorded (`recordOutcome`) answers from that row; one still running, or from
 * before outcomes were recorded, is counted and hashed now.
 */
export function sessionSummaries(db: Database): SessionSummary[] {
  return (statement(db, `${SQL} ORDER BY s.id DESC`).all() as Row[]).map((r) => toSummary(db, r));
}

/** The summary of one session (undefined: no such session, or deleted). */
export function sessionSummary(db: Database, session: number): SessionSummary | undefined {
  const row = statement(db, `${SQL} AND s.id = ?`).get(session) as Row | undefined;
  return row === undefined ? undefined : toSummary(db, row);
}
