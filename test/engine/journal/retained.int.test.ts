import Database from 'better-sqlite3';
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../engine/journal/canonical-json.js';
import { eventsForOrder } from '../../../engine/journal/events-for-order.js';
import { eventsPage } from '../../../engine/journal/events-page.js';
import { exportEvents } from '../../../engine/journal/export-events.js';
import { importFiles } from '../../../engine/imports/import-files.js';
import { migrate } from '../../../engine/journal/migrate.js';
import { MIGRATIONS } from '../../../engine/journal/migrations/index.js';
import { openJournal } from '../../../engine/journal/open-journal.js';
import { applyWriterPragmas } from '../../../engine/journal/pragmas.js';
import { EVENT_ROW_COLUMNS, toEventRow } from '../../../engine/journal/rows.js';
import { sessionDigest } from '../../../engine/journal/session-digest.js';
import { sessionSummary } from '../../../engine/journal/sessions-admin.js';
import { openJournalWriter } from '../../../engine/journal/writer.js';
import { sessionSnapshot } from '../../../engine/report/session-snapshot.js';
import { appendBatch } from '../../../engine/journal/append-batch.js';
import type { AnyEvent } from '../../../model/index.js';
import { builder, order } from '../../monitor/story.js';
import { orderEvent, tempDir } from './fixtures.js';
import { newSession } from './helpers.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

/** Append events in one transaction; those at `retained` positions as retained deliveries. */
function append(db: Database.Database, session: number, events: readonly AnyEvent[], retained: ReadonlySet<number>): void {
  const rows = events.map((e, i) => toEventRow(e, 1, retained.has(i)));
  db.transaction(() => appendBatch(db, session, { events: rows, quarantine: [], ledger: [] }, 1))();
}

describe('the retain flag in the journal (migration 0005)', () => {
  it('upgrades an older journal: its events were not retained, and its digest stays', () => {
    const path = tmp.path('old.db');
    const raw = new Database(path);
    applyWriterPragmas(raw);
    migrate(raw, path, MIGRATIONS.slice(0, MIGRATIONS.findIndex((m) => m.name === '0005-retained')));
    const s = newSession(raw);
    const then = EVENT_ROW_COLUMNS.filter((c) => c !== 'retained');
    const insert = raw.prepare(`INSERT INTO events (session, ${then.join(', ')}) VALUES (?${', ?'.repeat(then.length)})`);
    for (let i = 0; i < 3; i++) insert.run(s, ...toEventRow(orderEvent(i), 0).slice(0, then.length));
    const digest = sessionDigest(raw, s);
    raw.close();
    const j = openJournal(path);
    try {
      expect(j.db.prepare('SELECT retained FROM events ORDER BY seq').pluck().all()).toEqual([0, 0, 0]);
      expect(sessionDigest(j.db, s)).toBe(digest);
      expect(eventsPage(j.db, s, { afterSeq: 0, limit: 10 }).every((e) => e.retained === undefined)).toBe(true);
      expect(() => j.db.prepare('INSERT INTO events (session, id, type, source, plant, line, businesskey, correlationid, sequence, time, received_at, data, envelope, retained) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 2)').run(s, 'x', 't', '/a/b/mes', 'a', 'b', 'k', 'c', '1', 't', 0, '{}', '{}')).toThrow(/CHECK/);
    } finally {
      j.close();
    }
  });

  it('is stored per event, read back on pages and lineage, and is outside the digest', () => {
    const j = openJournal(tmp.path('flag.db'));
    try {
      const events = Array.from({ length: 4 }, (_, i) => orderEvent(i));
      const a = newSession(j.db);
      append(j.db, a, events, new Set([0, 2]));
      const b = newSession(j.db);
      append(j.db, b, events, new Set());
      expect(j.db.prepare('SELECT retained FROM events WHERE session = ? ORDER BY seq').pluck().all(a)).toEqual([1, 0, 1, 0]);
      const page = eventsPage(j.db, a, { afterSeq: 0, limit: 10 });
      expect(page.map((e) => e.retained)).toEqual([true, undefined, true, undefined]);
      expect(page.map((e) => e.event)).toEqual(events);
      expect(eventsForOrder(j.db, a, 'PO-1000').map((e) => e.retained === true)).toEqual([true, false, true, false]);
      // the digest hashes envelopes only: how events were delivered does not change it
      expect(sessionDigest(j.db, a)).toBe(sessionDigest(j.db, b));
    } finally {
      j.close();
    }
  });

  it('travels through export (JSON Lines attribute, CSV column) and import, keeping the digest — and the import judges it as retained', async () => {
    const path = tmp.path('roundtrip.db');
    // retained: a release, its acknowledgement and an unanswered confirmation; live: another order's confirmation
    const b = builder('P1', 'L1');
    const o = order(b, 'PO-7');
    const events: AnyEvent[] = [o.released(0), o.acked(1000), o.confirmed(60_000, '0010', 10), order(b, 'PO-8').confirmed(120_000, '0010', 10)];
    const j = openJournal(path);
    const s = newSession(j.db);
    append(j.db, s, events, new Set([0, 1, 2]));
    const digest = sessionDigest(j.db, s);
    const dir = tmp.path('exports');
    const jsonl = await exportEvents(j.db, s, {}, { format: 'jsonl', dir });
    const csv = await exportEvents(j.db, s, {}, { format: 'csv', dir });
    j.close();

    const lines = readFileSync(jsonl.path, 'utf8').trimEnd().split('\n');
    // every line a CloudEvent; a retained one carries one attribute more, in canonical order
    expect(lines.slice(0, 3)).toEqual(events.slice(0, 3).map((e) => canonicalJson({ ...e, linesightretained: true })));
    expect(lines[3]).toBe(canonicalJson(events[3]));
    const records = readFileSync(csv.path, 'utf8').trimEnd().split('\r\n');
    expect(records[0]!.split(',').at(-1)).toBe('retained');
    expect(records.slice(1).map((r) => r.split(',').at(-1))).toEqual(['1', '1', '1', '0']);

    // a live copy of the same conversation, to compare what the import's monitor makes of each
    const livePath = tmp.path('live.jsonl');
    writeFileSync(livePath, events.map((e) => `${canonicalJson(e)}\n`).join(''));
    const writer = await openJournalWriter(path);
    try {
      const imported = await importFiles(writer, [jsonl.path]);
      const asLive = await importFiles(writer, [livePath]);
      const r = openJournal(path, { readonly: true });
      try {
        expect(r.db.prepare('SELECT retained FROM events WHERE session = ? ORDER BY seq').pluck().all(imported.session)).toEqual([1, 1, 1, 0]);
        expect(sessionDigest(r.db, imported.session)).toBe(digest);
        expect(sessionDigest(r.db, asLive.session)).toBe(digest);
        // imported as retained, the old confirmation opens no gap; imported live, both orders have one
        expect(sessionSummary(r.db, imported.session)).toMatchObject({ gaps: 1 });
        expect(sessionSummary(r.db, asLive.session)).toMatchObject({ gaps: 2 });
        // and so does every later reading of the session (reports, comparisons)
        expect(sessionSnapshot(r.db, imported.session).gaps.map((g) => g.order)).toEqual(['PO-8']);
        expect(sessionSnapshot(r.db, asLive.session).gaps.map((g) => g.order).sort()).toEqual(['PO-7', 'PO-8']);
        expect(r.db.prepare('SELECT retained FROM events WHERE session = ?').pluck().all(asLive.session)).toEqual([0, 0, 0, 0]);
      } finally {
        r.close();
      }
    } finally {
      await writer.close();
    }
  });
});
