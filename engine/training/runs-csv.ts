import type { TrainingRunSummary } from '../contract/index.js';
import { BOM, csvRecord, type CsvOptions } from '../journal/csv-format.js';

const COLUMNS = ['run', 'session', 'trainee', 'exercise', 'title', 'score', 'max_score', 'passed', 'time_min', 'mistakes', 'hints', 'finished_at'] as const;

/** Minutes to one decimal, as before (`3.0`); with a decimal comma in `excel-eu`. */
const minutes = (ms: number, csv: CsvOptions): string => {
  const text = (ms / 60_000).toFixed(1);
  return csv.variant === 'excel-eu' ? text.replace('.', ',') : text;
};

/**
 * Every trainee run as CSV with a header row, CRLF line ends (opens in Excel as is); quoted and guarded
 * against formula injection like the event export (csv-format.ts). `csv`: a byte-order mark, and the
 * `excel-eu` variant (`;`, decimal comma in `time_min`).
 */
export function trainingRunsCsv(runs: readonly TrainingRunSummary[], csv: CsvOptions = {}): string {
  const rows = runs.map((r) =>
    csvRecord([r.id, r.session, r.trainee, r.exercise, r.title, r.score, r.maxScore, r.passed ? 'yes' : 'no', minutes(r.timeMs, csv), r.mistakes, r.hints, r.finishedAt], csv.variant),
  );
  return (csv.bom ? BOM : '') + [csvRecord(COLUMNS, csv.variant), ...rows].join('');
}
