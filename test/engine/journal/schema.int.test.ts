import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openJournal } from '../../../engine/journal/open-journal.js';
import { JOURNAL_PAGE_SIZE } from '../../../engine/journal/pragmas.js';
import { ledgerEntry, orderEvent, quarantineRecord, tempDir } from './fixtures.js';
import { appendEvents, newSession } from './helpers.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

describe('journal pragmas', () => {
  it('opens for writing in WAL mode with synchronous=FULL and foreign keys on', () => {
    const j = openJournal(tmp.path('pragmas.db'));
    expect(j.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(j.db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(j.db.pragma('foreign_keys', { simple: true })).toBe(1);
    j.close();
    // WAL is a property of the file: any later connection sees it.
    const other = new Database(tmp.path('pragmas.db'), { readonly: true });
    expect(other.pragma('journal_mode', { simple: true })).toBe('wal');
    other.close();
  });

  it('creates a journal with 16 KiB pages and checkpoints its WAL every 64 MiB', () => {
    const j = openJournal(tmp.path('pages-new.db'));
    expect(JOURNAL_PAGE_SIZE).toBe(16384);
    expect(j.db.pragma('page_size', { simple: true })).toBe(16384);
    expect(j.db.pragma('wal_autocheckpoint', { simple: true })).toBe(4096);
    expect(j.db.pragma('journal_size_limit', { simple: true })).toBe(64 * 1024 * 1024);
    j.close();
  });

  it('leaves a journal made with 4 KiB pages as it is: same page size, checkpoints by the same bytes, appends and reads back', () => {
    const path = tmp.path('pages-old.db');
    const old = new Database(path);
    old.pragma('page_size = 4096');
    old.pragma('journal_mode = WAL');
    old.exec('CREATE TABLE left_by_an_older_build (x)');
    old.close();
    const j = openJournal(path);
    expect(j.db.pragma('page_size', { simple: true })).toBe(4096);
    expect(j.db.pragma('wal_autocheckpoint', { simple: true })).toBe(16384);
    const session = newSession(j.db);
    appendEvents(j.db, session, [orderEvent(1), orderEvent(2)]);
    expect(j.db.prepare('SELECT count(*) FROM events WHERE session = ?').pluck().get(session)).toBe(2);
    j.close();
  });
});

describe('append-only history', () => {
  const j = openJournal(tmp.path('append-only.db'));
  const session = newSession(j.db);
  appendEvents(j.db, session, [orderEvent(0), orderEvent(1)], { quarantine: [quarantineRecord(1)], ledger: [ledgerEntry(1)] });
  afterAll(() => j.close());

  it.each(['events', 'quarantine', 'fault_ledger'])('refuses UPDATE and DELETE on %s', (table) => {
    const column = table === 'events' ? 'type' : 'detail';
    expect(() => j.db.prepare(`UPDATE ${table} SET ${column} = 'x'`).run()).toThrow(/append-only: UPDATE is not allowed/);
    expect(() => j.db.prepare(`DELETE FROM ${table}`).run()).toThrow(/append-only: DELETE is not allowed/);
    expect((j.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n).toBeGreaterThan(0);
  });

  it('refuses deleting a session or rewriting what it was, but lets it end', () => {
    expect(() => j.db.prepare('DELETE FROM sessions').run()).toThrow(/DELETE is not allowed/);
    expect(() => j.db.prepare("UPDATE sessions SET scenario = 'x'").run()).toThrow(/only ended_at/);
    expect(j.db.prepare('UPDATE sessions SET ended_at = 1 WHERE id = ?').run(session).changes).toBe(1);
  });

  it('refuses events for a session that does not exist', () => {
    expect(() => appendEvents(j.db, 999, [orderEvent(5)])).toThrow(/FOREIGN KEY/);
  });
});
