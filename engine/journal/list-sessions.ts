import type { Database } from 'better-sqlite3';
import { isInterrupted } from './session-interruption.js';
import { statement } from './statement-cache.js';
import type { SessionKind, SessionRow } from './types.js';

const SQL = 'SELECT id, scenario, seed, kind, started_at, ended_at, meta FROM sessions ORDER BY id';

type Row = { id: number; scenario: string; seed: number | null; kind: SessionKind; started_at: number; ended_at: number | null; meta: string };

/** Every session in the journal, oldest first; one left open by a process that is gone says it was interrupted. */
export function listSessions(db: Database): SessionRow[] {
  return (statement(db, SQL).all() as Row[]).map((r) => ({
    id: r.id,
    scenario: r.scenario,
    seed: r.seed,
    kind: r.kind,
    startedAt: r.started_at,
    endedAt: r.ended_at,
    meta: JSON.parse(r.meta) as unknown,
    ...(r.ended_at === null && isInterrupted(db, r.id) ? { interrupted: true as const } : {}),
  }));
}
