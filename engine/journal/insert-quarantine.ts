import type { Database } from 'better-sqlite3';
import type { QuarantineReason } from '../../model/index.js';
import { statement } from './statement-cache.js';

const SQL = `INSERT INTO quarantine (session, source, reason, detail, raw, time, received_at)
  VALUES (?, ?, ?, ?, ?, ?, ?)`;

/** The fields of one quarantine row (a `QuarantineRecord` plus when it arrived). */
export type QuarantineInsert = {
  readonly source: string;
  readonly reason: QuarantineReason;
  readonly detail: string;
  readonly raw: Uint8Array;
  readonly time: string;
};

/** Keep input that could not be journaled as an event: its raw bytes and the reason. */
export function insertQuarantine(db: Database, session: number, q: QuarantineInsert, receivedAt: number): void {
  // better-sqlite3 binds Buffers (not bare Uint8Arrays) as BLOBs; a structured clone from the
  // caller's thread arrives as a plain Uint8Array, so wrap it without copying.
  const raw = Buffer.isBuffer(q.raw) ? q.raw : Buffer.from(q.raw.buffer, q.raw.byteOffset, q.raw.byteLength);
  statement(db, SQL).run(session, q.source, q.reason, q.detail, raw, q.time, receivedAt);
}
