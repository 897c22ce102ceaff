import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { eventsPage, openJournal, openJournalWriter, toEventRow } from '../../../engine/journal/index.js';
import { sessionSnapshot } from '../../../engine/report/session-snapshot.js';
import { loadScenario } from '../../../engine/scenario/index.js';
import { runSimulation } from '../../../engine/session/run-simulation.js';

const dir = mkdtempSync(join(tmpdir(), 'linesight-snapshot-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('sessionSnapshot', () => {
  it.each(['master-data-errors', 'duplicates-reordering', 'baseline'])('of a finished %s run has the run report’s gaps and reconciliation', async (id) => {
    const journalPath = join(dir, `${id}.db`);
    const result = await runSimulation(loadScenario(id, { until: '3h' }), { journalPath });
    const journal = openJournal(journalPath, { readonly: true });
    try {
      expect(result.events).toBeGreaterThan(0);
      const snap = sessionSnapshot(journal.db, result.session);
      expect(snap.nowMs).toBe(result.settledAtMs);
      expect(snap.gaps).toEqual(result.snapshot.gaps);
      expect(snap.reconciliation).toEqual(result.snapshot.reconciliation);
      expect(snap.conservation).toEqual(result.snapshot.conservation);
      expect(snap.lines).toEqual(result.snapshot.lines);
      expect(snap.exceptions).toEqual(result.snapshot.exceptions);
    } finally {
      journal.close();
    }
  });

  it('judges a session still running at its last event, with the default grace periods when it names no scenario', async () => {
    const source = openJournal(join(dir, 'master-data-errors.db'), { readonly: true });
    const events = eventsPage(source.db, 1, { afterSeq: 0, limit: 200 }).map((e) => e.event);
    source.close();
    const journalPath = join(dir, 'running.db');
    const writer = await openJournalWriter(journalPath);
    try {
      const session = await writer.startSession({ scenario: 'capture.jsonl', seed: null, kind: 'import' });
      await writer.append(session, { events: events.map((e) => toEventRow(e, 0)), quarantine: [], ledger: [] });
      const journal = openJournal(journalPath, { readonly: true });
      try {
        const snap = sessionSnapshot(journal.db, session);
        expect(snap.nowMs).toBe(Math.max(...events.map((e) => Date.parse(e.time))));
        expect(snap.lines.reduce((n, l) => n + l.ordersReleased, 0)).toBeGreaterThan(0);
      } finally {
        journal.close();
      }
    } finally {
      await writer.close();
    }
  });

  it('refuses a session the journal does not hold', () => {
    const journalPath = join(dir, 'master-data-errors.db');
    const journal = openJournal(journalPath, { readonly: true });
    try {
      expect(() => sessionSnapshot(journal.db, 999)).toThrow(/session 999 is not in this journal/);
    } finally {
      journal.close();
    }
  });
});
