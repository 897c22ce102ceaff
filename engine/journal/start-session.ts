import type { Database } from 'better-sqlite3';
import type { SessionStart } from './types.js';
import { statement } from './statement-cache.js';

// `first_seq` is the position the session's first event will get at the earliest: rows are never
// deleted, so SQLite's next rowid (max + 1) only grows. Whole-session scans start there.
const SQL = `INSERT INTO sessions (scenario, seed, kind, started_at, meta, first_seq)
  VALUES (?, ?, ?, ?, ?, (SELECT coalesce(max(seq), 0) + 1 FROM events))`;

/** Record a new session started at wall-clock `startedAt` (epoch ms); returns its id. */
export function startSession(db: Database, s: SessionStart, startedAt: number): number {
  const meta = JSON.stringify(s.meta ?? {});
  const info = statement(db, SQL).run(s.scenario, s.seed, s.kind, startedAt, meta);
  return Number(info.lastInsertRowid);
}
