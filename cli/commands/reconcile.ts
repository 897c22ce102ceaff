import { existsSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { REPORT_FORMATS, writeReconciliationReportTo, type ReportFormat } from '../../engine/report/reconciliation-report.js';
import { UsageError } from '../errors.js';
import { parseOptions } from '../parse-options.js';
import { parseSession, pickSession } from '../session-arg.js';

export const RECONCILE_USAGE = `linesight reconcile <journal> [--session ID] --report FILE [--bom] [--excel-eu] [--fail-on-gaps]

  Writes the reconciliation report of a journaled session: summary, per-line table, MES ↔ ERP
  mismatches and open sync gaps with their probable causes, judged once the session settled.
  <journal>        the SQLite journal (e.g. ./linesight.db)
  --session ID     the session to report (default the latest one in the journal)
  --report FILE    where to write it; the format follows the extension:
                   .html  one self-contained page with inline SVG charts (opens offline, prints)
                   .csv   one row per open gap and per mismatch (RFC 4180, for a spreadsheet)
                   .json  the report data as one JSON document
  --bom            .csv: start with a UTF-8 byte-order mark (Excel then reads it as UTF-8)
  --excel-eu       .csv: \`;\` between fields and a decimal comma, for Excel with a European locale
                   (cells starting with = + - @ tab or CR get a leading ' in either variant)
  --fail-on-gaps   exit 1 when sync gaps remain open

  Exit codes: 0 written · 1 gaps remain (with --fail-on-gaps) · 2 bad input · 3 it failed`;

function formatOf(file: string): ReportFormat {
  const ext = extname(file).slice(1).toLowerCase();
  const format = REPORT_FORMATS.find((f) => f === ext);
  if (!format) throw new UsageError(`--report: the file name must end in .html, .csv or .json (the format follows it), got "${file}"`);
  return format;
}

/** `linesight reconcile`: returns the process exit code. */
export async function reconcileCommand(argv: readonly string[], out: NodeJS.WritableStream = process.stdout): Promise<number> {
  const { values, positionals } = parseOptions(
    argv,
    { session: { type: 'string' }, report: { type: 'string' }, 'fail-on-gaps': { type: 'boolean' }, bom: { type: 'boolean' }, 'excel-eu': { type: 'boolean' } } as const,
    RECONCILE_USAGE,
  );
  if (positionals.length !== 1) throw new UsageError(`reconcile needs exactly one journal file\n\n${RECONCILE_USAGE}`);
  if (values.report === undefined) throw new UsageError(`reconcile needs --report FILE (.html, .csv or .json)\n\n${RECONCILE_USAGE}`);
  const format = formatOf(values.report);
  if (format !== 'csv' && (values.bom || values['excel-eu'])) throw new UsageError('--bom and --excel-eu apply to a .csv report only');
  const asked = values.session === undefined ? undefined : parseSession(values.session);
  const journalPath = resolve(positionals[0]!);
  if (!existsSync(journalPath)) throw new UsageError(`no journal at ${journalPath}`);
  const session = pickSession(journalPath, asked);
  const r = await writeReconciliationReportTo(journalPath, session, format, resolve(values.report), { bom: values.bom === true, variant: values['excel-eu'] ? 'excel-eu' : 'rfc4180' });
  out.write(
    `session ${session}: ${r.openGaps} open gap${r.openGaps === 1 ? '' : 's'}, ${r.mismatches} mismatch${r.mismatches === 1 ? '' : 'es'}, ` +
      `${r.exceptions} open exception${r.exceptions === 1 ? '' : 's'} — ${format.toUpperCase()} report (${r.rows} rows, ${r.bytes.toLocaleString('en-US')} bytes) written to ${r.path}\n`,
  );
  return values['fail-on-gaps'] && r.openGaps > 0 ? 1 : 0;
}
