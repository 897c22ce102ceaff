import type { Database } from 'better-sqlite3';
import type { SessionStart } from './types.js';
import { insertImportWarnings } from './import-warnings.js';
import { statement } from './statement-cache.js';

// `first_seq` is the position the session's first event will get at the earliest: rows are never
// deleted, so SQLite's next rowid (max + 1) only grows. Whole-session scans start there.
const SQL = `INSERT INTO sessions (scenario, seed, kind, started_at, meta, first_seq)
  VALUES (?, ?, ?, ?, ?, (SELECT coalesce(max(seq), 0) + 1 FROM events))`;

/** Record a new session started at wall-clock `startedAt` (epoch ms), with its import warnings if any; returns its id. */
export function startSession(db: Database, s: SessionStart, startedAt: number): number {
  const meta = JSON.stringify(s.meta ?? {});
  const start = (): number => {
    const id = Number(statement(db, SQL).run(s.scenario, s.seed, s.kind, startedAt, meta).lastInsertRowid);
    if (s.warnings !== undefined) insertImportWarnings(db, id, s.warnings);
    return id;
  };
  // the session and what its import assumed are one commit: neither is kept without the other
  return s.warnings !== undefined && s.warnings.length > 0 ? db.transaction(start)() : start();
}
