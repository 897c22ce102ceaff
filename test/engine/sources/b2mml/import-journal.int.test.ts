import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compactJournal } from '../../../../engine/journal/compact-journal.js';
import { checkImportFiles, importFiles, ImportError } from '../../../../engine/imports/import-files.js';
import { MIGRATIONS, openJournal, openJournalReader, openJournalWriter } from '../../../../engine/journal/index.js';
import { sessionSummaries } from '../../../../engine/journal/sessions-admin.js';

/**
 * B2MML imported into the journal: what the reader assumed is kept with the session (migration
 * 0006, table import_warnings) and listed with it; a material master document alone imports as a
 * session of no events with its one warning.
 */
const FIXTURES = join(import.meta.dirname, '../../../fixtures/b2mml');
const dir = mkdtempSync(join(tmpdir(), 'linesight-b2mml-journal-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const file = (name: string) => {
  const to = join(dir, name);
  copyFileSync(join(FIXTURES, name), to);
  return to;
};

async function importInto(db: string, paths: readonly string[], placement = {}) {
  const checked = await checkImportFiles(paths, placement);
  const writer = await openJournalWriter(db);
  try {
    return await importFiles(writer, paths, checked);
  } finally {
    await writer.close();
  }
}

describe('B2MML warnings in the journal', () => {
  it('imports a MaterialDefinition document alone: a session of no events whose one warning says why', async () => {
    const db = join(dir, 'items.db');
    const result = await importInto(db, [file('material-definition-v0401.xml')]);
    expect(result.inserted).toBe(0);
    expect(result.warnings).toEqual([
      { file: join(dir, 'material-definition-v0401.xml'), path: 'MaterialDefinition', message: expect.stringMatching(/^no events: a MaterialDefinition is material master data/) },
    ]);
    const r = openJournalReader(db);
    const [s] = sessionSummaries(r.db);
    r.close();
    expect(s).toMatchObject({ id: result.session, kind: 'import', events: 0, warningCount: 1 });
    // stored under the file's name, as the session's scenario names it
    expect(s!.warnings).toEqual([
      { file: 'material-definition-v0401.xml', path: 'MaterialDefinition', message: 'no events: a MaterialDefinition is material master data (an item), which no Linesight event records' },
    ]);
  });

  it('keeps every warning of a multi-file import, in file and document order, and stores orders without a due date as such', async () => {
    const db = join(dir, 'mes.db');
    const paths = [file('required-schedule-v0401.xml'), file('required-performance-v0401.xml'), file('nested-lots-v0401.xml')];
    const result = await importInto(db, paths, { plant: 'US01', line: 'L2' });
    expect(result.inserted).toBe(2 + 1 + 3);
    const r = openJournalReader(db);
    const [s] = sessionSummaries(r.db);
    const created = r.db.prepare("SELECT data FROM events WHERE type = 'erp.order.created'").pluck().get() as string;
    r.close();
    expect(JSON.parse(created)).toEqual({ order: 'PO-401', item: 'FG-BREAD', qty: 500, uom: 'EA', routing: 'SegmentRequirement', revision: 'unversioned' });
    expect(s!.warningCount).toBe(result.warnings.length);
    expect(s!.warnings.map((w) => w.file)).toEqual([
      ...Array<string>(4).fill('required-schedule-v0401.xml'),
      ...Array<string>(4).fill('required-performance-v0401.xml'),
      ...Array<string>(3).fill('nested-lots-v0401.xml'),
    ]);
    expect(s!.warnings[2]).toEqual({
      file: 'required-schedule-v0401.xml',
      path: 'ProductionSchedule/ProductionRequest',
      message: 'no EndTime (nor a segment LatestEndTime or schedule EndTime): the order has no due date, so it is never late',
    });
    expect(s!.warnings[5]).toEqual({
      file: 'required-performance-v0401.xml',
      path: 'ProductionPerformance/ProductionResponse/SegmentResponse',
      message: 'no EquipmentActual, HierarchyScope or Location naming equipment: assumed work center L2, the line',
    });
  });

  it('keeps the table append-only, lists other sessions with no warnings, and compaction drops a deleted import’s warnings', async () => {
    const db = join(dir, 'mes.db');
    const jsonl = join(dir, 'one.jsonl');
    const j = openJournal(db);
    const envelope = j.db.prepare('SELECT envelope FROM events ORDER BY seq LIMIT 1').pluck().get() as string;
    expect(() => j.db.exec("UPDATE import_warnings SET message = 'x'")).toThrow(/append-only/);
    expect(() => j.db.exec('DELETE FROM import_warnings')).toThrow(/append-only/);
    j.close();
    writeFileSync(jsonl, `${envelope}\n`);
    const plain = await importInto(db, [jsonl]);
    expect(plain.warnings).toEqual([]);
    const w = await openJournalWriter(db);
    await w.markDeleted(1);
    await w.close();
    compactJournal(db);
    const r = openJournalReader(db);
    expect(sessionSummaries(r.db).map((s) => [s.id, s.warningCount, s.warnings.length])).toEqual([[plain.session, 0, 0]]);
    expect(r.db.prepare('SELECT count(*) FROM import_warnings').pluck().get()).toBe(0);
    expect(r.db.prepare('SELECT name FROM migrations ORDER BY id').pluck().all()).toEqual(MIGRATIONS.map((m) => m.name));
    r.close();
  });

  it('still refuses an import of nothing that nothing explains, and a refused document writes no warning', async () => {
    const empty = join(dir, 'empty.jsonl');
    writeFileSync(empty, '\n');
    await expect(checkImportFiles([empty])).rejects.toThrow(new ImportError(`no events in ${empty} — nothing was imported`));
    const bad = join(dir, 'no-id.xml');
    writeFileSync(bad, '<ProductionSchedule xmlns="http://www.mesa.org/xml/B2MML-V0600"><ProductionRequest><EndTime>x</EndTime></ProductionRequest></ProductionSchedule>');
    await expect(checkImportFiles([file('material-definition-v0401.xml'), bad])).rejects.toThrow(/no-id\.xml: ProductionSchedule\/ProductionRequest: ProductionRequest without ID/);
  });
});
