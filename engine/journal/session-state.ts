import type { Database } from 'better-sqlite3';
import { statement } from './statement-cache.js';

/** Whether a session id names a session, and whether that session was deleted. */
export type SessionState = 'missing' | 'deleted' | 'present';

const SQL = 'SELECT (SELECT count(*) FROM deleted_sessions d WHERE d.session = s.id) FROM sessions s WHERE s.id = ?';

/** Whether `session` names a session of this journal, and whether it was deleted (one lookup). */
export function sessionState(db: Database, session: number): SessionState {
  const deleted = statement(db, SQL, 'pluck').get(session) as number | undefined;
  return deleted === undefined ? 'missing' : deleted > 0 ? 'deleted' : 'present';
}

/** The error every read of a deleted session's events gives. */
export class DeletedSessionError extends Error {
  override readonly name = 'DeletedSessionError';
  constructor(readonly session: number) {
    super(`session ${session} was deleted`);
  }
}

/**
 * Refuse to read a deleted session (one primary-key lookup). A session id that was never used
 * reads as empty, as before: only deletion is an error.
 */
export function checkNotDeleted(db: Database, session: number): void {
  if (statement(db, 'SELECT 1 FROM deleted_sessions WHERE session = ?', 'pluck').get(session) !== undefined) {
    throw new DeletedSessionError(session);
  }
}

/** Refuse a session id that names no session or a deleted one (for writes that name a session). */
export function checkSessionExists(db: Database, session: number): void {
  const state = sessionState(db, session);
  if (state === 'missing') throw new Error(`journal has no session ${session}`);
  if (state === 'deleted') throw new DeletedSessionError(session);
}
