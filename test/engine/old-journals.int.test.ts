import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkImportFiles, importFiles } from '../../engine/imports/import-files.js';
import { openJournalWriter } from '../../engine/journal/index.js';
import { readReconciliationReport } from '../../engine/report/reconciliation-report.js';

/**
 * Journals users already have were written before partial confirmations, reversals and
 * quality-inspection stock: confirmations keyed `{order}/CONF/{op}`, receipts `{order}/GR`, no
 * stock category. Imported with today's code they must reconcile exactly as the build that wrote
 * them did (test/fixtures/journals/before-postings/README.md): same gaps, mismatches, conservation
 * and line figures. Fields added since (a `reversed` bucket, a `reversal` gap kind) may only add zeros.
 */
const FIXTURES = join(import.meta.dirname, '../fixtures/journals/before-postings');
const dir = mkdtempSync(join(tmpdir(), 'linesight-old-journals-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Json = Record<string, unknown>;

/** Take out of `actual` the keys that did not exist when `expected` was written, requiring each to be zero. */
function withoutNewZeros(actual: Json, expected: Json, path: string): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(actual)) {
    if (!(k in expected)) {
      expect(v, `${path}.${k} is new and must be 0 for an old journal`).toBe(0);
      continue;
    }
    const e = expected[k];
    out[k] = v !== null && typeof v === 'object' && !Array.isArray(v) && e !== null && typeof e === 'object' && !Array.isArray(e) ? withoutNewZeros(v as Json, e as Json, `${path}.${k}`) : v;
  }
  return out;
}

describe('journals written before partial confirmations and reversals', () => {
  it.each(['idempotency-off', 'master-data-errors'])('%s imports and reconciles exactly as it did', async (name) => {
    const file = join(FIXTURES, `${name}.jsonl`);
    const db = join(dir, `${name}.db`);
    const checked = await checkImportFiles([file], {});
    const writer = await openJournalWriter(db);
    let session: number;
    try {
      session = (await importFiles(writer, [file], checked)).session;
    } finally {
      await writer.close();
    }
    const { session: _s, ...report } = readReconciliationReport(db, session) as unknown as Json;
    const expected = JSON.parse(readFileSync(join(FIXTURES, `${name}.expected.json`), 'utf8')) as Json;
    // the fixture's journals held gaps and mismatches worth comparing, not an empty report
    expect((expected.gaps as unknown[]).length).toBeGreaterThan(0);
    expect((expected.mismatches as unknown[]).length).toBeGreaterThan(0);
    expect(withoutNewZeros(report, expected, 'report')).toEqual(expected);
  });
});
