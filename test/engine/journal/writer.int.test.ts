import { afterAll, describe, expect, it } from 'vitest';
import { countEvents } from '../../../engine/journal/count-events.js';
import { ledgerRows } from '../../../engine/journal/ledger-rows.js';
import { listSessions } from '../../../engine/journal/list-sessions.js';
import { openJournal } from '../../../engine/journal/open-journal.js';
import { quarantineRows } from '../../../engine/journal/quarantine-rows.js';
import { toEventRow, type EventRow } from '../../../engine/journal/rows.js';
import type { AppendResult } from '../../../engine/journal/types.js';
import { openJournalWriter } from '../../../engine/journal/writer.js';
import { ledgerEntry, orderEvent, quarantineRecord, tempDir } from './fixtures.js';

// The worker runs from dist/: `npm run build` before these tests.
const tmp = tempDir();
afterAll(() => tmp.cleanup());

const rows = (from: number, n: number, receivedAt = 1): EventRow[] =>
  Array.from({ length: n }, (_, i) => toEventRow(orderEvent(from + i), receivedAt));
const empty = { quarantine: [], ledger: [] };

describe('journal writer (worker thread)', () => {
  it('commits batches durably: each resolved append is visible to another connection', async () => {
    const path = tmp.path('round-trip.db');
    const writer = await openJournalWriter(path);
    const session = await writer.startSession({ scenario: 'baseline', seed: 42, kind: 'simulation', meta: { name: 'Baseline' } });
    const reader = openJournal(path, { readonly: true });
    const batches = 40;
    const size = 250;
    const inFlight: Promise<AppendResult>[] = [];
    let committed = 0;
    for (let b = 0; b < batches; b++) {
      inFlight.push(
        writer.append(session, {
          events: rows(b * size, size),
          quarantine: b % 10 === 0 ? [quarantineRecord(b)] : [],
          ledger: b % 5 === 0 ? [ledgerEntry(b)] : [],
        }),
      );
      while (inFlight.length > 3) {
        committed += (await inFlight.shift()!).inserted;
        expect(countEvents(reader.db, session)).toBeGreaterThanOrEqual(committed);
      }
    }
    for (const p of inFlight) committed += (await p).inserted;
    expect(committed).toBe(batches * size);
    expect(countEvents(reader.db, session)).toBe(batches * size);
    const q = quarantineRows(reader.db, session);
    expect(q).toHaveLength(4);
    expect(Buffer.from(q[1]!.raw)).toEqual(Buffer.from(quarantineRecord(10).raw));
    expect(q[0]).toMatchObject({ reason: 'not-json', source: '/P1/L1/mes', detail: 'Unexpected token' });
    const ledger = ledgerRows(reader.db, session);
    expect(ledger).toHaveLength(8);
    expect(ledger[0]).toMatchObject({ ...ledgerEntry(0), session });
    await writer.endSession(session);
    const [s] = listSessions(reader.db);
    expect(s).toMatchObject({ id: session, scenario: 'baseline', seed: 42, kind: 'simulation', meta: { name: 'Baseline' } });
    expect(s!.endedAt).toBeGreaterThanOrEqual(s!.startedAt);
    reader.close();
    await writer.close();
  });

  it('groups appends posted together into one commit and answers each', async () => {
    const path = tmp.path('group.db');
    const writer = await openJournalWriter(path);
    const session = await writer.startSession({ scenario: 'live', seed: null, kind: 'live' });
    const results = await Promise.all(Array.from({ length: 30 }, (_, b) => writer.append(session, { events: rows(b * 10, 10), ...empty })));
    expect(results.every((r) => r.inserted === 10)).toBe(true);
    // A resend of an earlier batch is stored once.
    expect(await writer.append(session, { events: rows(0, 10, 777), ...empty })).toEqual({
      inserted: 0,
      duplicateIds: 10,
      idConflicts: 0,
      notInserted: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    });
    await writer.close();
    const j = openJournal(path, { readonly: true });
    expect(countEvents(j.db, session)).toBe(300);
    j.close();
  });

  it('rejects only the failing append of a group and keeps working', async () => {
    const writer = await openJournalWriter(tmp.path('bad-session.db'));
    const session = await writer.startSession({ scenario: 's', seed: 1, kind: 'simulation' });
    const [good, bad, after] = await Promise.allSettled([
      writer.append(session, { events: rows(0, 5), ...empty }),
      writer.append(session + 1000, { events: rows(5, 5), ...empty }),
      writer.append(session, { events: rows(10, 5), ...empty }),
    ]);
    expect(good).toMatchObject({ status: 'fulfilled', value: { inserted: 5 } });
    expect(bad).toMatchObject({ status: 'rejected', reason: { message: expect.stringMatching(/journal append failed.*FOREIGN KEY.*nothing of this batch was stored/) } });
    expect(after).toMatchObject({ status: 'fulfilled', value: { inserted: 5 } });
    await writer.close();
  });

  it('surfaces a full disk (SQLITE_FULL) as a rejected append with a clear error, stores nothing of it, and still closes', async () => {
    const path = tmp.path('full.db');
    const writer = await openJournalWriter(path, { maxPageCount: 64 });
    const session = await writer.startSession({ scenario: 'full', seed: 1, kind: 'simulation' });
    let committed = 0;
    let error: Error | undefined;
    for (let b = 0; b < 100 && !error; b++) {
      try {
        committed += (await writer.append(session, { events: rows(b * 200, 200), ...empty })).inserted;
      } catch (err) {
        error = err as Error;
      }
    }
    expect(error?.message).toMatch(/journal append failed \(SQLITE_FULL\): database or disk is full — nothing of this batch was stored/);
    expect((error as Error & { code?: string }).code).toBe('SQLITE_FULL');
    await expect(writer.endSession(session)).resolves.toBeUndefined();
    await writer.close();
    const j = openJournal(path, { readonly: true });
    expect(countEvents(j.db, session)).toBe(committed);
    j.close();
  });

  it('rejects opening a journal it cannot create, with the reason', async () => {
    await expect(openJournalWriter(tmp.path('no/such/dir/j.db'))).rejects.toThrow(/journal open failed.*directory does not exist|unable to open/);
  });

  it('rejects a request that cannot be copied to the worker, and keeps working', async () => {
    const writer = await openJournalWriter(tmp.path('clone.db'));
    await expect(writer.startSession({ scenario: 'x', seed: null, kind: 'import', meta: { f: () => 1 } })).rejects.toThrow(/journal startSession failed: .*could not be cloned/);
    await expect(writer.startSession({ scenario: 'x', seed: null, kind: 'import' })).resolves.toBe(1);
    await writer.close();
  });

  it('refuses work after close, clearly', async () => {
    const writer = await openJournalWriter(tmp.path('closed.db'));
    await writer.close();
    await writer.close(); // closing twice is harmless
    await expect(writer.startSession({ scenario: 'x', seed: null, kind: 'import' })).rejects.toThrow(/journal startSession refused: journal writer is closed/);
  });
});
