import type { Database } from 'better-sqlite3';
import { ownerGone } from './session-owner.js';
import { statement } from './statement-cache.js';
import type { SessionInterruption } from './types.js';

const OWNER = 'SELECT host, pid, process FROM session_owners WHERE session = ?';
// max(seq) is read from the (session, id) index, without the rows; then one row by its key
const LAST = `SELECT seq, id, type, time, received_at FROM events
  WHERE seq = (SELECT max(seq) FROM events WHERE session = ?)`;

type OwnerRow = { host: string; pid: number; process: string | null };
type LastRow = { seq: number; id: string; type: string; time: string; received_at: number };

/**
 * Whether an open session (ended_at NULL) was interrupted: its process is gone, so nobody will end
 * it. A session with no recorded owner was started by a build from before owners were recorded
 * (migration 8), whose process cannot still be writing this journal: interrupted too. A session
 * whose owner ran on another host cannot be judged here and reads as open.
 */
export function isInterrupted(db: Database, session: number): boolean {
  const owner = statement(db, OWNER).get(session) as OwnerRow | undefined;
  return owner === undefined || ownerGone(owner) === true;
}

/** What an interrupted session left: its last committed event. */
export function interruptionOf(db: Database, session: number): SessionInterruption {
  const last = statement(db, LAST).get(session) as LastRow | undefined;
  return {
    lastEvent: last === undefined ? null : { seq: last.seq, id: last.id, type: last.type, time: last.time, receivedAt: new Date(last.received_at).toISOString() },
  };
}

/** `{ interrupted }` for a session row that was interrupted, `{}` otherwise: spread into its summary. */
export function interruptionField(db: Database, session: number, endedAt: number | null): { readonly interrupted?: SessionInterruption } {
  return endedAt === null && isInterrupted(db, session) ? { interrupted: interruptionOf(db, session) } : {};
}
