import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createJournalQueries } from '../../../engine/api/journal-queries.js';
import { openJournal } from '../../../engine/journal/open-journal.js';
import { orderEvent, tempDir } from '../journal/fixtures.js';
import { appendEvents, newSession } from '../journal/helpers.js';

const tmp = tempDir('linesight-queries-');
afterAll(() => tmp.cleanup());
const path = tmp.path('q.db');
const writer = openJournal(path);
const s = newSession(writer.db);
appendEvents(writer.db, s, Array.from({ length: 12 }, (_, i) => orderEvent(i)));
writer.close();
const q = createJournalQueries(path, () => s);
afterAll(() => q.close());

describe('journal queries of the API', () => {
  it('passes every filter through, reading any RFC 3339 offset as the instant it names', () => {
    // 07:00:05+01:00 is 06:00:05Z: events 5 … 8 (one a second from 06:00:00Z), `to` exclusive.
    const page = q.eventsPage({ limit: 100, from: '2026-03-02T07:00:05+01:00', to: '2026-03-02T06:00:09Z' });
    expect(page.events.map((e) => e.event.id)).toEqual(['evt-5', 'evt-6', 'evt-7', 'evt-8']);
    expect(q.eventsPage({ limit: 100, lot: 'LOT-PO-1001' }).events.map((e) => e.event.id)).toEqual(['evt-5']);
    expect(q.eventsPage({ limit: 100, businesskey: 'PO-1000/confirm/2', line: 'L2' }).events).toHaveLength(2);
  });

  it('refuses instants that are not dates, with the field named', () => {
    expect(() => q.eventsPage({ limit: 10, from: 'yesterday' })).toThrow(/^from: expected an RFC 3339 instant/);
    expect(() => q.eventsPage({ limit: 10, to: '' })).toThrow(/^to: expected an RFC 3339 instant/);
  });

  it('searches lineage by a trimmed term of at most 200 characters', () => {
    expect(q.searchLineage({ query: ' evt-9 ' })).toEqual({ session: s, query: 'evt-9', matches: [{ order: 'PO-1002', matchedBy: 'event' }] });
    expect(() => q.searchLineage({ query: '  ' })).toThrow('query: enter an order, lot, business key or event id');
    expect(() => q.searchLineage({ query: 'x'.repeat(201) })).toThrow('query: at most 200 characters (got 201)');
  });

  it('exports the filtered events, and refuses an unknown format', async () => {
    const dir = join(tmp.dir, 'exports');
    const r = await q.exportEvents({ format: 'jsonl', type: 'erp.order.released' }, dir);
    expect(r).toMatchObject({ rows: 3, href: null });
    expect(readFileSync(r.path, 'utf8').trimEnd().split('\n')).toHaveLength(3);
    await expect(q.exportEvents({ format: 'xlsx' as 'csv' }, dir)).rejects.toThrow('format: expected "csv" or "jsonl", got "xlsx"');
  });
});
