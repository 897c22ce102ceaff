import { randomUUID } from 'node:crypto';
import { link, mkdir, rename, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { openJournal } from '../journal/index.js';
import { buildReconciliationReport, type ReconciliationReport } from './reconciliation-data.js';
import { renderReportCsv } from './render-csv.js';
import type { CsvOptions } from '../journal/csv-format.js';
import { renderReportHtml } from './render-html.js';

export type ReportFormat = 'html' | 'csv' | 'json';
export const REPORT_FORMATS: readonly ReportFormat[] = ['html', 'csv', 'json'];
export type { ReconciliationReport, ReportGap, ReportLine } from './reconciliation-data.js';
export type { ReportOutage } from './report-outages.js';
export { buildReconciliationReport } from './reconciliation-data.js';

/** Where a report went: its path, how many gap and mismatch rows it holds, its size in bytes. */
export type WrittenReport = { path: string; rows: number; bytes: number };

/** What a written report says, for a one-line summary (`linesight reconcile`). */
export type ReportCounts = WrittenReport & { readonly session: number; readonly openGaps: number; readonly mismatches: number; readonly exceptions: number };

/**
 * Names of reports written into an exports folder: `reconciliation-session-<n>[-<k>].html|csv|json`,
 * `-<k>` added when the name is taken. A host serving that folder may accept exactly these names.
 */
export const REPORT_FILE_NAME = /^reconciliation-session-\d+(?:-\d+)?\.(?:html|csv|json)$/;

/** The report in one format: the file's text and its row count (gaps + mismatches). */
export function renderReconciliationReport(report: ReconciliationReport, format: ReportFormat, generatedAt = new Date().toISOString(), csv: CsvOptions = {}): { text: string; rows: number } {
  const rows = report.gaps.length + report.mismatches.length;
  switch (format) {
    case 'html':
      return { text: renderReportHtml(report, generatedAt), rows };
    case 'csv':
      return renderReportCsv(report, csv);
    case 'json':
      return { text: `${JSON.stringify(report, null, 2)}\n`, rows };
  }
}

/** Read the journal (read-only) and build the session's report. */
export function readReconciliationReport(journalPath: string, session: number): ReconciliationReport {
  const journal = openJournal(journalPath, { readonly: true });
  try {
    return buildReconciliationReport(journal.db, session);
  } finally {
    journal.close();
  }
}

/** Write under a temporary name beside the target first, so a reader never sees half a report. */
async function writeTemp(dir: string, text: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const temp = join(dir, `.reconciliation-${randomUUID()}.part`);
  await writeFile(temp, text, { flag: 'wx' });
  return temp;
}

/** Give the finished file a free name in `dir` without replacing another report: `link` refuses an existing name. */
async function publishUnique(temp: string, dir: string, base: string, ext: string): Promise<string> {
  try {
    for (let k = 1; ; k++) {
      const path = join(dir, `${base}${k === 1 ? '' : `-${k}`}.${ext}`);
      try {
        await link(temp, path);
        return path;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
    }
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}

/**
 * Write the reconciliation report of `session` of the journal at `journalPath` into `dir`, named
 * `reconciliation-session-<n>.<format>` (with `-2`, `-3` … when taken). Used by `reports.reconcile`.
 */
export async function writeReconciliationReport(journalPath: string, session: number, format: ReportFormat, dir: string, csv: CsvOptions = {}): Promise<WrittenReport> {
  const { text, rows } = renderReconciliationReport(readReconciliationReport(journalPath, session), format, undefined, csv);
  const temp = await writeTemp(dir, text);
  const path = await publishUnique(temp, dir, `reconciliation-session-${session}`, format);
  return { path, rows, bytes: Buffer.byteLength(text) };
}

/** Write the report to exactly `file` (replacing it), as `linesight reconcile --report FILE` does. */
export async function writeReconciliationReportTo(journalPath: string, session: number, format: ReportFormat, file: string, csv: CsvOptions = {}): Promise<ReportCounts> {
  const report = readReconciliationReport(journalPath, session);
  const { text, rows } = renderReconciliationReport(report, format, undefined, csv);
  const temp = await writeTemp(dirname(file), text);
  try {
    await rename(temp, file);
  } catch (err) {
    await unlink(temp).catch(() => undefined);
    throw err;
  }
  return { path: file, rows, bytes: Buffer.byteLength(text), session, openGaps: report.gaps.length, mismatches: report.mismatches.length, exceptions: report.exceptions.length };
}
