import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPORT_FILE_NAME, writeReconciliationReport } from '../../../engine/report/reconciliation-report.js';
import { loadScenario } from '../../../engine/scenario/index.js';
import { runSimulation, type RunResult } from '../../../engine/session/run-simulation.js';

const dir = mkdtempSync(join(tmpdir(), 'linesight-recon-'));
const journalPath = join(dir, 'j.db');
let run: RunResult;
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeAll(async () => {
  run = await runSimulation(loadScenario('master-data-errors', { until: '3h' }), { journalPath });
});

describe('writeReconciliationReport', () => {
  it('writes reconciliation-session-<n>.<format> into the folder, never replacing an earlier one', async () => {
    const exports = join(dir, 'exports');
    const a = await writeReconciliationReport(journalPath, run.session, 'json', exports);
    const b = await writeReconciliationReport(journalPath, run.session, 'json', exports);
    expect(basename(a.path)).toBe(`reconciliation-session-${run.session}.json`);
    expect(basename(b.path)).toBe(`reconciliation-session-${run.session}-2.json`);
    for (const w of [a, b]) expect(REPORT_FILE_NAME.test(basename(w.path))).toBe(true);
    const json = JSON.parse(readFileSync(a.path, 'utf8')) as { gaps: { kind: string; order: string }[] };
    expect(a.bytes).toBe(readFileSync(a.path).length);
    expect(a.rows).toBe(run.snapshot.gaps.length + run.snapshot.reconciliation.mismatches.length);
    expect(json.gaps.map((g) => `${g.kind} ${g.order}`)).toEqual(run.snapshot.gaps.map((g) => `${g.kind} ${g.order}`));
    const csv = await writeReconciliationReport(journalPath, run.session, 'csv', exports);
    expect(basename(csv.path)).toBe(`reconciliation-session-${run.session}.csv`);
    expect(readFileSync(csv.path, 'utf8').split('\r\n').length - 2).toBe(csv.rows);
  });

  it('names the missing session', async () => {
    await expect(writeReconciliationReport(journalPath, 77, 'html', join(dir, 'exports'))).rejects.toThrow(/session 77 is not in this journal/);
  });
});
