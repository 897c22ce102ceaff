import type { Database } from 'better-sqlite3';
import { statement } from './statement-cache.js';

/** A message to publish, written in the same transaction as the events it carries. */
export type OutboxEntry = {
  /** the connection's name */
  readonly connection: string;
  readonly topic: string;
  readonly payload: Uint8Array;
  /** the canonical event it carries, if any */
  readonly eventId?: string;
};

/** A row still waiting for its broker's acknowledgement. */
export type PendingMessage = { readonly id: number; readonly topic: string; readonly payload: Uint8Array };

const INSERT = 'INSERT INTO outbox (session, connection, topic, payload, event_id, created_at) VALUES (?, ?, ?, ?, ?, ?)';
const PENDING = `SELECT id, topic, payload FROM outbox INDEXED BY outbox_pending
  WHERE connection = ? AND delivered_at IS NULL AND id > ? ORDER BY id LIMIT ?`;
const COUNT = 'SELECT count(*) FROM outbox INDEXED BY outbox_pending WHERE connection = ? AND delivered_at IS NULL';
const DELIVERED = 'UPDATE outbox SET delivered_at = ? WHERE id = ? AND delivered_at IS NULL';

/** A page of a connection's undelivered messages, and how many wait in all. */
export type OutboxPage = { readonly messages: readonly PendingMessage[]; readonly pending: number };

/** Queue messages (the caller holds the transaction). */
export function insertOutbox(db: Database, session: number, entries: readonly OutboxEntry[], now: number): void {
  const insert = statement(db, INSERT);
  for (const e of entries) {
    const payload = Buffer.isBuffer(e.payload) ? e.payload : Buffer.from(e.payload.buffer, e.payload.byteOffset, e.payload.byteLength);
    insert.run(session, e.connection, e.topic, payload, e.eventId ?? null, now);
  }
}

/** The next undelivered messages of `connection` after row `afterId`, oldest first. */
export function pendingOutbox(db: Database, connection: string, afterId: number, limit: number): PendingMessage[] {
  return statement(db, PENDING).all(connection, afterId, limit) as PendingMessage[];
}

/** How many messages of `connection` wait for delivery. */
export function countPendingOutbox(db: Database, connection: string): number {
  return statement(db, COUNT, 'pluck').get(connection) as number;
}

/** Mark rows delivered (their PUBACK came); a row already delivered is left as it was. */
export function markDelivered(db: Database, ids: readonly number[], now: number): void {
  const update = statement(db, DELIVERED);
  for (const id of ids) update.run(now, id);
}
