import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadScenario, runSimulation } from '../../engine/index.js';
import { exportEvents } from '../../engine/journal/export-events.js';
import { checkImportFiles, importFiles } from '../../engine/imports/import-files.js';
import { openJournal, openJournalWriter } from '../../engine/journal/index.js';
import { readReconciliationReport } from '../../engine/report/reconciliation-report.js';

/**
 * A journal carried to another PC tells the same story: each scenario of partial confirmations,
 * reversals, backflush and quality-inspection stock, exported as JSON Lines and imported into a
 * fresh journal, reproduces the monitor's gaps, mismatches and conservation of the run itself.
 */
const dir = mkdtempSync(join(tmpdir(), 'linesight-export-import-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The whole reconciliation report but the session it came from (ids, kinds and wall-clock times differ by design). */
const comparable = (journal: string, session: number) => {
  const { session: _s, ...rest } = readReconciliationReport(journal, session);
  return rest;
};

describe('export and import reproduce the monitor', () => {
  it.each(['partial-confirmations', 'reversals-and-corrections', 'backflush-and-tolerances', 'quality-holds'])('%s', async (id) => {
    const scenario = loadScenario(id, { seed: 3, until: '4h' });
    const journal = join(dir, `${id}.db`);
    const result = await runSimulation(scenario, { journalPath: journal });
    const db = openJournal(journal, { readonly: true });
    let file: string;
    try {
      file = (await exportEvents(db.db, result.session, {}, { format: 'jsonl', dir })).path;
    } finally {
      db.close();
    }
    const copy = join(dir, `${id}-imported.db`);
    const checked = await checkImportFiles([file], {});
    const writer = await openJournalWriter(copy);
    let imported: number;
    try {
      imported = (await importFiles(writer, [file], checked)).session;
    } finally {
      await writer.close();
    }
    const before = comparable(journal, result.session);
    const after = comparable(copy, imported);
    // the scenario had something to reproduce: gaps, exceptions or reversed keys (quality-holds: postings of quality stock)
    const c = before.summary.conservation;
    if (id === 'quality-holds') expect(c?.needsPosting).toBeGreaterThan(0);
    else expect(before.gaps.length + before.exceptions.length + (c?.reversed ?? 0)).toBeGreaterThan(0);
    expect(after).toEqual(before);
  }, 60_000);
});
