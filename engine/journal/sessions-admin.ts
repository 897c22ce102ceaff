import type { Database } from 'better-sqlite3';
import type { SessionSummary } from '../api/contract.js';

// SEAM (issue 5, sessions): filled in by the sessions work. Signatures are what engine/api uses.

/** Every session not deleted, newest first, with its name, note, counts and digest. */
export function sessionSummaries(_db: Database): SessionSummary[] {
  throw new Error('sessions.list is not available yet');
}
