import { afterAll, describe, expect, it } from 'vitest';
import { openJournal } from '../../../engine/journal/open-journal.js';
import { quarantineRows } from '../../../engine/journal/quarantine-rows.js';
import { toEventRow } from '../../../engine/journal/rows.js';
import { orderEvent, sortedKeys, tempDir } from './fixtures.js';
import { appendEvents, newSession } from './helpers.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

describe('ingest is idempotent by event id within a session', () => {
  const j = openJournal(tmp.path('ingest.db'));
  afterAll(() => j.close());
  const count = (session: number, id: string) =>
    (j.db.prepare('SELECT count(*) AS n FROM events WHERE session = ? AND id = ?').get(session, id) as { n: number }).n;

  it('stores an identical resend once and counts it as a duplicate id', () => {
    const s = newSession(j.db);
    expect(appendEvents(j.db, s, [orderEvent(0), orderEvent(1)])).toEqual({ inserted: 2, duplicateIds: 0, idConflicts: 0 });
    // Same content, arriving later and with its keys in another order: still the same event.
    expect(appendEvents(j.db, s, [sortedKeys(orderEvent(1)), orderEvent(2)], { receivedAt: 99 })).toEqual({
      inserted: 1,
      duplicateIds: 1,
      idConflicts: 0,
      notInserted: [0],
    });
    expect(count(s, 'evt-1')).toBe(1);
    expect(quarantineRows(j.db, s)).toEqual([]);
  });

  it('counts duplicates within one batch too', () => {
    const s = newSession(j.db);
    expect(appendEvents(j.db, s, [orderEvent(0), orderEvent(0)])).toEqual({ inserted: 1, duplicateIds: 1, idConflicts: 0, notInserted: [1] });
  });

  it('quarantines a different event under a known id as id-conflict, keeping the new bytes', () => {
    const s = newSession(j.db);
    appendEvents(j.db, s, [orderEvent(2)]);
    const original = orderEvent(2);
    const changed = { ...original, data: { ...original.data, goodQty: 97 } } as typeof original;
    expect(appendEvents(j.db, s, [changed], { receivedAt: 4242 })).toEqual({ inserted: 0, duplicateIds: 0, idConflicts: 1, notInserted: [0] });
    expect(count(s, 'evt-2')).toBe(1);
    const stored = j.db.prepare('SELECT seq, envelope FROM events WHERE session = ? AND id = ?').get(s, 'evt-2') as { seq: number; envelope: string };
    expect((JSON.parse(stored.envelope) as { data: { goodQty: number } }).data.goodQty).toBe(98);
    const [q, ...more] = quarantineRows(j.db, s);
    expect(more).toEqual([]);
    expect(q).toMatchObject({ session: s, reason: 'id-conflict', source: original.source, time: original.time, receivedAt: 4242 });
    expect(q!.detail).toContain(`seq ${stored.seq}`);
    expect(Buffer.from(q!.raw).toString('utf8')).toBe(toEventRow(changed, 0)[14]);
  });

  it('lets another session journal the same id (a replay is its own session)', () => {
    const a = newSession(j.db);
    const b = newSession(j.db);
    expect(appendEvents(j.db, a, [orderEvent(3)]).inserted).toBe(1);
    expect(appendEvents(j.db, b, [orderEvent(3)]).inserted).toBe(1);
  });
});
