import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { compactJournal } from '../../../engine/journal/compact-journal.js';
import { migrate } from '../../../engine/journal/migrate.js';
import { MIGRATIONS } from '../../../engine/journal/migrations/index.js';
import { openJournal } from '../../../engine/journal/open-journal.js';
import { openJournalReader } from '../../../engine/journal/open-reader.js';
import { eventsPage } from '../../../engine/journal/events-page.js';
import { eventsForOrder } from '../../../engine/journal/events-for-order.js';
import { sessionDigest } from '../../../engine/journal/session-digest.js';
import { latestSession } from '../../../engine/journal/latest-session.js';
import { sessionSummaries, sessionSummary } from '../../../engine/journal/sessions-admin.js';
import { normalizeLabel } from '../../../engine/journal/label-session.js';
import { recordOutcome } from '../../../engine/journal/record-outcome.js';
import { openJournalWriter } from '../../../engine/journal/writer.js';
import { applyWriterPragmas } from '../../../engine/journal/pragmas.js';
import { EVENT_ROW_COLUMNS, toEventRow } from '../../../engine/journal/rows.js';
import { ledgerEntry, orderEvent, quarantineRecord, tempDir } from './fixtures.js';
import { appendEvents, newSession } from './helpers.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const SECRET = 'ZZ-DISTINCTIVE-4711';

/** A journal with three sessions; the middle one carries a distinctive string everywhere it can. */
function threeSessions(path: string): { a: number; b: number; c: number } {
  const j = openJournal(path);
  const a = newSession(j.db, 'first');
  appendEvents(j.db, a, Array.from({ length: 40 }, (_, i) => orderEvent(i)), { quarantine: [quarantineRecord(1)], ledger: [ledgerEntry(1)] });
  const b = newSession(j.db, `scenario-${SECRET}`);
  appendEvents(
    j.db,
    b,
    Array.from({ length: 400 }, (_, i) => orderEvent(i, `PO-${SECRET}-${Math.floor(i / 4)}`)),
    { quarantine: [quarantineRecord(2)], ledger: [ledgerEntry(2)] },
  );
  const c = newSession(j.db, 'third');
  appendEvents(j.db, c, Array.from({ length: 40 }, (_, i) => orderEvent(i + 1000)));
  j.close();
  return { a, b, c };
}

describe('migration 0004 (session administration)', () => {
  it('upgrades a journal written before it, keeping its sessions and events', () => {
    const path = tmp.path('old.db');
    const raw = new Database(path);
    applyWriterPragmas(raw);
    migrate(raw, path, MIGRATIONS.slice(0, 3));
    const s = newSession(raw, 'before-0004');
    // rows as a build of then wrote them: without the columns of later migrations (0005 `retained`)
    const then = EVENT_ROW_COLUMNS.slice(0, EVENT_ROW_COLUMNS.indexOf('retained'));
    const insert = raw.prepare(`INSERT INTO events (session, ${then.join(', ')}) VALUES (?${', ?'.repeat(then.length)})`);
    for (const e of [orderEvent(0), orderEvent(1)]) insert.run(s, ...toEventRow(e, 0).slice(0, then.length));
    const hash = createHash('sha256');
    for (const e of raw.prepare('SELECT envelope FROM events WHERE session = ? ORDER BY seq').pluck().iterate(s) as IterableIterator<string>) hash.update(`${e}\n`);
    const digest = hash.digest('hex');
    raw.close();
    expect(() => openJournal(path, { readonly: true })).toThrow(`migration 3 of ${MIGRATIONS.length}`);
    const r = openJournalReader(path); // upgrades, then reads
    expect(r.db.prepare('SELECT name FROM migrations ORDER BY id').pluck().all()).toEqual(MIGRATIONS.map((m) => m.name));
    expect(sessionSummaries(r.db)).toMatchObject([{ id: s, scenario: 'before-0004', events: 2, gaps: null, exceptions: null, name: null, digest }]);
    r.close();
  });

  it('writes an outcome once: a second record keeps the first, and UPDATE and DELETE are refused', () => {
    const j = openJournal(tmp.path('outcome.db'));
    const s = newSession(j.db);
    appendEvents(j.db, s, [orderEvent(0)]);
    recordOutcome(j.db, s, { gaps: 2, exceptions: 1 }, 1_000);
    recordOutcome(j.db, s, { gaps: 9, exceptions: 9 }, 2_000);
    expect(sessionSummary(j.db, s)).toMatchObject({ gaps: 2, exceptions: 1, events: 1, endedAt: new Date(1_000).toISOString() });
    expect(() => j.db.exec('UPDATE session_outcomes SET gaps = 0')).toThrow(/written once/);
    expect(() => j.db.exec('DELETE FROM session_outcomes')).toThrow(/written once/);
    j.db.prepare('INSERT INTO deleted_sessions (session, deleted_at) VALUES (?, 0)').run(s);
    expect(() => j.db.exec('DELETE FROM deleted_sessions')).toThrow(/deletion stands/);
    expect(() => j.db.exec('UPDATE deleted_sessions SET deleted_at = 1')).toThrow(/deletion stands/);
    expect(() => recordOutcome(j.db, s + 1, { gaps: 0, exceptions: 0 }, 0)).toThrow(/no session/);
    expect(() => recordOutcome(j.db, s, { gaps: -1, exceptions: 0 }, 0)).toThrow(/was deleted/);
    const t = newSession(j.db);
    expect(() => recordOutcome(j.db, t, { gaps: -1, exceptions: 0 }, 0)).toThrow(/gaps: expected a count/);
    j.close();
  });
});

describe('labels', () => {
  it('trims, clears with an empty string and refuses what is too long', () => {
    expect(normalizeLabel({ name: '  Shift A  ' })).toEqual({ name: 'Shift A' });
    expect(normalizeLabel({ name: '', note: ' n ' })).toEqual({ name: null, note: 'n' });
    expect(() => normalizeLabel({ name: 'x'.repeat(201) })).toThrow(/name: at most 200 characters/);
    expect(() => normalizeLabel({ note: 'x'.repeat(4001) })).toThrow(/note: at most 4000 characters/);
    expect(() => normalizeLabel({})).toThrow(/give a name or a note/);
    expect(() => normalizeLabel({ name: 7 })).toThrow(/expected text/);
  });
});

describe('the writer: label, outcome, delete — and compaction', () => {
  it('labels and records through the one writer; a summary lists them newest first', async () => {
    const path = tmp.path('writer.db');
    const { a, b, c } = threeSessions(path);
    const w = await openJournalWriter(path);
    await w.labelSession(a, { name: 'morning' });
    await w.labelSession(a, { note: 'first run' });
    await w.labelSession(c, { name: 'evening', note: 'x' });
    await w.labelSession(c, { note: null });
    await w.recordOutcome(b, { gaps: 3, exceptions: 4 });
    await expect(w.labelSession(99, { name: 'nope' })).rejects.toThrow(/no session 99/);
    await w.close();
    const r = openJournalReader(path);
    const list = sessionSummaries(r.db);
    expect(list.map((s) => [s.id, s.name, s.note, s.gaps, s.exceptions, s.events])).toEqual([
      [c, 'evening', null, null, null, 40],
      [b, null, null, 3, 4, 400],
      [a, 'morning', 'first run', null, null, 40],
    ]);
    for (const s of list) {
      expect(s.digest).toBe(sessionDigest(r.db, s.id));
      expect(s.startedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    }
    // the outcome ended the session it recorded
    expect(list[1]!.endedAt).not.toBeNull();
    r.close();
  });

  it('hides a deleted session at once, then compaction removes every trace of it and keeps the others as they were', async () => {
    const path = tmp.path('delete.db');
    const { a, b, c } = threeSessions(path);
    const before = openJournalReader(path);
    const digests = { a: sessionDigest(before.db, a), c: sessionDigest(before.db, c) };
    const rows = (db: Database.Database, t: string) => db.prepare(`SELECT * FROM ${t} WHERE session <> ${b} ORDER BY 1`).all();
    const kept = Object.fromEntries(['events', 'quarantine', 'fault_ledger'].map((t) => [t, rows(before.db, t)]));
    before.close();
    expect(readFileSync(path).includes(SECRET) || readFileSync(`${path}-wal`).includes(SECRET)).toBe(true);

    const w = await openJournalWriter(path);
    await w.labelSession(b, { name: `name-${SECRET}`, note: `note-${SECRET}` });
    await w.recordOutcome(b, { gaps: 1, exceptions: 1 });
    await w.markDeleted(b);
    await expect(w.markDeleted(b)).rejects.toThrow(`session ${b} was deleted`);
    await expect(w.labelSession(b, { name: 'again' })).rejects.toThrow(`session ${b} was deleted`);
    await w.close();

    const hidden = openJournalReader(path);
    expect(sessionSummaries(hidden.db).map((s) => s.id)).toEqual([c, a]);
    expect(() => eventsPage(hidden.db, b, { afterSeq: 0, limit: 10 })).toThrow(`session ${b} was deleted`);
    expect(() => eventsForOrder(hidden.db, b, `PO-${SECRET}-0`)).toThrow(`session ${b} was deleted`);
    expect(() => sessionDigest(hidden.db, b)).toThrow(`session ${b} was deleted`);
    expect(latestSession(hidden.db)).toBe(c);
    hidden.close();

    const sizeBefore = statSync(path).size + (existsSync(`${path}-wal`) ? statSync(`${path}-wal`).size : 0);
    const result = compactJournal(path);
    expect(result.bytesBefore).toBe(sizeBefore);
    expect(result.bytesAfter).toBe(statSync(path).size);
    expect(result.bytesAfter).toBeLessThan(result.bytesBefore);
    expect(result.removedSessions).toEqual([b]);
    expect(existsSync(`${path}-wal`)).toBe(false);
    expect(readFileSync(path).includes(SECRET)).toBe(false);

    const after = openJournalReader(path);
    expect(after.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(after.db.pragma('journal_mode', { simple: true })).toBe('wal');
    for (const t of ['events', 'quarantine', 'fault_ledger', 'session_labels', 'session_outcomes']) {
      expect(after.db.prepare(`SELECT count(*) FROM ${t} WHERE session = ?`).pluck().get(b)).toBe(0);
    }
    for (const [t, r] of Object.entries(kept)) expect(rows(after.db, t)).toEqual(r);
    expect(sessionDigest(after.db, a)).toBe(digests.a);
    expect(sessionDigest(after.db, c)).toBe(digests.c);
    // a tombstone keeps the id from being reused, and says nothing of what it was
    expect(after.db.prepare('SELECT scenario, seed, meta FROM sessions WHERE id = ?').get(b)).toEqual({ scenario: '(deleted)', seed: null, meta: '{}' });
    expect(() => sessionDigest(after.db, b)).toThrow(/was deleted/);
    expect(after.db.prepare('SELECT name FROM migrations ORDER BY id').pluck().all()).toEqual(MIGRATIONS.map((m) => m.name));
    after.close();

    // the compacted journal takes new sessions as before, with ids after the deleted one
    const w2 = await openJournalWriter(path);
    expect(await w2.startSession({ scenario: 'next', seed: null, kind: 'live' })).toBe(c + 1);
    await w2.close();
    // append-only still holds in the new file
    const j = openJournal(path);
    expect(() => j.db.exec('DELETE FROM events')).toThrow(/append-only/);
    j.close();
  });

  it('refuses to compact a journal that is open elsewhere, and leaves it as it was', () => {
    const path = tmp.path('busy.db');
    threeSessions(path);
    const other = openJournal(path, { readonly: true });
    const bytes = readFileSync(path);
    expect(() => compactJournal(path)).toThrow(/open elsewhere/);
    expect(sessionSummaries(other.db)).toHaveLength(3);
    other.close();
    expect(readFileSync(path).equals(bytes)).toBe(true);
  });
});
