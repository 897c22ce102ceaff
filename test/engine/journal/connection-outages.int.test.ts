import { afterAll, describe, expect, it } from 'vitest';
import { compactJournal, connectionOutages, openJournal, openJournalWriter, type ConnectionOutageRecord } from '../../../engine/journal/index.js';
import { buildReconciliationReport } from '../../../engine/report/reconciliation-report.js';
import { tempDir } from './fixtures.js';

// The writer's worker runs from dist/: `npm run build` before these tests.
const tmp = tempDir();
afterAll(() => tmp.cleanup());

const URL = 'mqtt://plant:1883';
const T = Date.UTC(2026, 2, 2, 6, 0, 0);
const outage = (from: number, to: number | null, connection = 'plant'): ConnectionOutageRecord => ({ connection, url: URL, kind: 'outage', from, to, why: 'the broker or the network closed the connection' });

describe('connection outages in the journal', () => {
  it('keeps an outage from its drop, sets its end once, and ignores a write made again', async () => {
    const path = tmp.path('outages.db');
    const writer = await openJournalWriter(path);
    const session = await writer.startSession({ scenario: 'watch plant', seed: null, kind: 'live', meta: { brokers: ['plant'] } });
    await writer.recordOutages(session, [outage(T, null)]);
    await writer.recordOutages(session, [outage(T, T + 7_000), { ...outage(T, T + 7_000), kind: 'possible-gap', why: 'the broker kept no session for us' }]);
    // a retried write, and a stale one that says it is still open, change nothing
    await writer.recordOutages(session, [outage(T, T + 7_000), outage(T, null)]);
    // a second outage, still open when the session ends
    await writer.recordOutages(session, [outage(T + 60_000, null)]);
    await writer.endSession(session);
    await writer.close();

    const j = openJournal(path, { readonly: true });
    try {
      expect(connectionOutages(j.db, session)).toEqual([
        outage(T, T + 7_000),
        { ...outage(T, T + 7_000), kind: 'possible-gap', why: 'the broker kept no session for us' },
        outage(T + 60_000, null),
      ]);
      const report = buildReconciliationReport(j.db, session);
      const endedAt = Date.parse(report.session.endedAt!);
      expect(report.connectionOutages).toEqual([
        { connection: 'plant', url: URL, kind: 'outage', from: new Date(T).toISOString(), to: new Date(T + 7_000).toISOString(), durationMs: 7_000, why: 'the broker or the network closed the connection' },
        { connection: 'plant', url: URL, kind: 'possible-gap', from: new Date(T).toISOString(), to: new Date(T + 7_000).toISOString(), durationMs: 7_000, why: 'the broker kept no session for us' },
        // the session's end bounds an outage it ended during
        { connection: 'plant', url: URL, kind: 'outage', from: new Date(T + 60_000).toISOString(), to: null, durationMs: endedAt - (T + 60_000), why: 'the broker or the network closed the connection' },
      ]);
    } finally {
      j.close();
    }
  });

  it('is history: an ended outage is not rewritten, none is deleted', async () => {
    const path = tmp.path('history.db');
    const writer = await openJournalWriter(path);
    const session = await writer.startSession({ scenario: 'watch plant', seed: null, kind: 'live' });
    await writer.recordOutages(session, [outage(T, T + 1_000)]);
    await writer.close();
    const j = openJournal(path);
    try {
      expect(() => j.db.prepare('UPDATE connection_outages SET to_at = ?').run(T + 5_000)).toThrow(/only a NULL to_at may be set/);
      expect(() => j.db.prepare("UPDATE connection_outages SET why = 'x'").run()).toThrow(/only a NULL to_at may be set/);
      expect(() => j.db.prepare('DELETE FROM connection_outages').run()).toThrow(/DELETE is not allowed/);
      expect(connectionOutages(j.db, session)).toEqual([outage(T, T + 1_000)]);
    } finally {
      j.close();
    }
  });

  it('refuses outages of a session that does not exist, and leaves a deleted session’s out of a compacted journal', async () => {
    const path = tmp.path('compact.db');
    const writer = await openJournalWriter(path);
    await expect(writer.recordOutages(99, [outage(T, null)])).rejects.toThrow(/FOREIGN KEY/);
    const gone = await writer.startSession({ scenario: 'watch plant', seed: null, kind: 'live' });
    const kept = await writer.startSession({ scenario: 'watch plant', seed: null, kind: 'live' });
    await writer.recordOutages(gone, [outage(T, T + 1_000)]);
    await writer.recordOutages(kept, [outage(T, T + 2_000)]);
    await writer.endSession(gone);
    await writer.endSession(kept);
    await writer.markDeleted(gone);
    await writer.close();
    expect(compactJournal(path).removedSessions).toEqual([gone]);
    const j = openJournal(path, { readonly: true });
    try {
      expect(connectionOutages(j.db, gone)).toEqual([]);
      expect(connectionOutages(j.db, kept)).toEqual([outage(T, T + 2_000)]);
    } finally {
      j.close();
    }
  });
});
