// Shared by the storage-fault tests (test/faults/storage-*.int.test.ts): journals that run out of
// room on demand, the lock another program holds, hashes to prove a file was left untouched.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import Database from 'better-sqlite3';
import mqtt from 'mqtt';
import { openJournal } from '../../engine/journal/index.js';
import { topicOf } from '../../engine/sources/mqtt/ingest.js';
import type { AnyEvent } from '../../model/index.js';
import { withoutOrigin } from '../support/plant-traffic.js';

/**
 * A migrated journal holding 4 MiB of ballast; returns the page cap that lets the writer grow it by
 * `spareKiB` only (SQLITE_FULL beyond: a full disk, repeatable), whatever the journal's page size.
 * `freeBallast` gives the room back.
 */
export function journalWithBallast(path: string, spareKiB = 160): number {
  const j = openJournal(path);
  j.db.exec('CREATE TABLE ballast (b BLOB)');
  const put = j.db.prepare('INSERT INTO ballast VALUES (zeroblob(16384))');
  j.db.transaction(() => {
    for (let i = 0; i < 256; i++) put.run();
  })();
  const pages = j.db.pragma('page_count', { simple: true }) as number;
  const pageSize = j.db.pragma('page_size', { simple: true }) as number;
  j.close();
  return pages + Math.ceil((spareKiB * 1024) / pageSize);
}

/** Space comes back: the ballast's pages go to the free list, where the writer reuses them. */
export function freeBallast(path: string): void {
  const db = new Database(path);
  db.pragma('busy_timeout = 5000');
  db.exec('DROP TABLE ballast');
  db.close();
}

/** Another program takes the journal's write lock (an open `BEGIN IMMEDIATE`); `release` ends it. */
export function holdWriteLock(path: string): { release(): void } {
  const db = new Database(path);
  db.exec('BEGIN IMMEDIATE');
  return {
    release() {
      db.exec('ROLLBACK');
      db.close();
    },
  };
}

/** One SQL count on a read-only connection. */
export function count(path: string, sql: string, ...params: unknown[]): number {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare(sql).pluck().get(...params) as number;
  } finally {
    db.close();
  }
}

/** `PRAGMA integrity_check` says "ok": nothing was corrupted. */
export function integrityOk(path: string): boolean {
  const db = new Database(path, { readonly: true });
  try {
    return db.pragma('integrity_check', { simple: true }) === 'ok';
  } finally {
    db.close();
  }
}

export const sha256 = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

/** Publish events at QoS 1 as a plant's systems would (without `origin`). */
export async function publishEvents(url: string, events: readonly AnyEvent[]): Promise<void> {
  const pub = await mqtt.connectAsync(url, { clientId: `storage-pub-${Math.random().toString(16).slice(2)}`, protocolVersion: 4 });
  for (const e of events) await pub.publishAsync(topicOf(e), JSON.stringify(withoutOrigin(e)), { qos: 1 });
  await pub.endAsync();
}

/** A terminal to hand a command: what it wrote, as text. */
export function sink(): { readonly stream: NodeJS.WriteStream; text(): string } {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      text += chunk.toString();
      done();
    },
  });
  return { stream: stream as unknown as NodeJS.WriteStream, text: () => text };
}
