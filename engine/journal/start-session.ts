import type { Database } from 'better-sqlite3';
import type { SessionStart } from './types.js';
import { insertImportWarnings } from './import-warnings.js';
import { thisProcess } from './session-owner.js';
import { statement } from './statement-cache.js';

// `first_seq` is the position the session's first event will get at the earliest: rows are never
// deleted, so SQLite's next rowid (max + 1) only grows. Whole-session scans start there.
const SQL = `INSERT INTO sessions (scenario, seed, kind, started_at, meta, first_seq)
  VALUES (?, ?, ?, ?, ?, (SELECT coalesce(max(seq), 0) + 1 FROM events))`;
const OWNER = 'INSERT INTO session_owners (session, host, pid, process) VALUES (?, ?, ?, ?)';

const owning = new WeakSet<Database>();
/**
 * Whether the journal has `session_owners` (migration 8). Every journal the writer opens has; a
 * tool or test writing into a journal of an older schema (as an older build would) has not.
 */
function recordsOwners(db: Database): boolean {
  if (owning.has(db)) return true;
  if (statement(db, "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'session_owners'", 'pluck').get() === undefined) return false;
  owning.add(db);
  return true;
}

/**
 * Record a new session started at wall-clock `startedAt` (epoch ms), with the process that runs it
 * (so that a session this process never ends reads as interrupted once the process is gone) and
 * its import warnings if any; returns its id.
 */
export function startSession(db: Database, s: SessionStart, startedAt: number): number {
  const meta = JSON.stringify(s.meta ?? {});
  const owner = thisProcess();
  // the session, its owner and what its import assumed are one commit: none is kept without the others
  return db.transaction((): number => {
    const id = Number(statement(db, SQL).run(s.scenario, s.seed, s.kind, startedAt, meta).lastInsertRowid);
    if (recordsOwners(db)) statement(db, OWNER).run(id, owner.host, owner.pid, owner.process);
    if (s.warnings !== undefined) insertImportWarnings(db, id, s.warnings);
    return id;
  })();
}
