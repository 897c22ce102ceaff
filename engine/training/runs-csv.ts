import type { TrainingRunSummary } from '../contract/index.js';

const COLUMNS = ['run', 'session', 'trainee', 'exercise', 'title', 'score', 'max_score', 'passed', 'time_min', 'mistakes', 'hints', 'finished_at'] as const;

/** One CSV field (RFC 4180): quoted when it holds a comma, quote or line break; a leading = + - @ is defused for spreadsheets. */
function field(v: string | number | boolean): string {
  let s = String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Every trainee run as CSV with a header row, CRLF line ends (opens in Excel as is). */
export function trainingRunsCsv(runs: readonly TrainingRunSummary[]): string {
  const rows = runs.map((r) => [r.id, r.session, r.trainee, r.exercise, r.title, r.score, r.maxScore, r.passed ? 'yes' : 'no', (r.timeMs / 60_000).toFixed(1), r.mistakes, r.hints, r.finishedAt].map(field).join(','));
  return [COLUMNS.join(','), ...rows].join('\r\n') + '\r\n';
}
