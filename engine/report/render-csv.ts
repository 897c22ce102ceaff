import { BOM, csvRecord as record, type Cell, type CsvOptions } from '../journal/csv-format.js';
import type { ReconciliationReport } from './reconciliation-data.js';

/**
 * The CSV report's columns: one row per open sync gap (`record` = `gap`) and per reconciliation
 * mismatch (`record` = `mismatch`), with what a controller needs to chase it: where, which order and
 * business keys, both sides' values, their difference and its unit (a gap's largest difference), since
 * when and the probable cause (root first). A live session adds one row per connection outage
 * (`record` = `outage`, `kind` = `outage` or `possible-gap`): the connection in `field`, its start in
 * `opened_at`, its duration in `age_hours`, and why — and when it ended — in `probable_cause`.
 */
export const REPORT_CSV_COLUMNS = [
  'session',
  'record',
  'kind',
  'field',
  'plant',
  'line',
  'order',
  'business_keys',
  'mes',
  'erp',
  'difference',
  'unit',
  'opened_at',
  'age_hours',
  'probable_cause',
] as const;

const difference = (mes: number | string, erp: number | string): number | null => (typeof mes === 'number' && typeof erp === 'number' ? mes - erp : null);
const hours = (ms: number): number => Math.round((ms / 3_600_000) * 100) / 100;

/**
 * The report as RFC 4180 CSV (CRLF records, a header row), quoted and guarded against formula
 * injection by the event export's `csvRecord`: a cell from the journal that starts with `=`, `+`,
 * `-` or `@` gets a leading `'`. Numbers stay numbers (negative differences are not text). `csv`: a
 * byte-order mark first, and the `excel-eu` variant (`;`, decimal comma), see csv-format.ts.
 */
export function renderReportCsv(r: ReconciliationReport, csv: CsvOptions = {}): { text: string; rows: number } {
  const csvRecord = (cells: readonly Cell[]) => record(cells, csv.variant);
  const session = r.session.id;
  const out = [csvRecord(REPORT_CSV_COLUMNS)];
  for (const g of r.gaps) {
    out.push(
      csvRecord([session, 'gap', g.kind, g.interface, g.plant, g.line, g.order, g.businesskeys.join(' '), g.mes, g.erp, g.delta, g.rows[0]?.delta?.uom ?? null, g.openedAt, hours(g.ageMs), g.cause]),
    );
  }
  for (const m of r.mismatches) {
    out.push(csvRecord([session, 'mismatch', null, m.note ? `${m.field} (${m.note})` : m.field, m.plant, m.line, m.order, null, m.mes, m.erp, difference(m.mes, m.erp), m.uom ?? null, null, null, null]));
  }
  for (const o of r.connectionOutages ?? []) {
    const ended = o.to !== null ? `back at ${o.to}` : r.session.interrupted ? 'down when the session was interrupted' : r.session.endedAt === null ? 'still down' : 'down until the session ended';
    out.push(csvRecord([session, 'outage', o.kind, o.connection, null, null, null, null, null, null, null, null, o.from, o.durationMs === null ? null : hours(o.durationMs), `${o.why}; ${ended}`]));
  }
  return { text: (csv.bom ? BOM : '') + out.join(''), rows: out.length - 1 };
}
