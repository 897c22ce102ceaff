/** Pure helpers of the Training view: trainee mode, the exercise clock, the instructor's sorting. */
import type { TrainingRunSummary, TrainingStatus } from '../../../engine/contract/index.js';

export { hidesAnswers } from '../../store/training-slice.js';

/** The line shown where an answer is hidden. */
export const HIDDEN_TEXT = 'Hidden in training: decide, then see the debrief.';

/** `7 h 05 min` (plant time is what the exercise counts; seconds only flicker at speed). */
export function fmtHoursMinutes(ms: number): string {
  const min = Math.floor(Math.max(0, ms) / 60_000);
  return `${Math.floor(min / 60)} h ${String(min % 60).padStart(2, '0')} min`;
}

/** A time limit as it reads in a list: `8 h`, `30 min`, `1 h 30 min`. */
export function fmtLimit(ms: number): string {
  const min = Math.round(Math.max(0, ms) / 60_000);
  const h = Math.floor(min / 60);
  const m = min % 60;
  return h === 0 ? `${m} min` : m === 0 ? `${h} h` : `${h} h ${m} min`;
}

export type ExerciseClock = {
  /** plant time since the scenario's start (0 before the first frame) */
  readonly elapsedMs: number;
  /** plant time the trainee has */
  readonly limitMs: number;
  readonly up: boolean;
  /** elapsed as a share of the limit, 0…1 */
  readonly fraction: number;
  /** e.g. `3 h 20 min of 12 h 00 min — 8 h 40 min left`, or `… — time is up` */
  readonly text: string;
};

/** Where the trainee stands against the time limit, from the session's clock. */
export function exerciseClock(simTime: number | null, status: Pick<TrainingStatus, 'startMs' | 'limitMs' | 'state'>): ExerciseClock {
  const limitMs = Math.max(0, status.limitMs - status.startMs);
  const elapsedMs = simTime === null ? 0 : Math.max(0, simTime - status.startMs);
  // the engine refuses hints and answers once the clock is past the limit
  const up = status.state === 'timeUp' || (simTime !== null && simTime > status.limitMs);
  const fraction = limitMs === 0 ? 1 : Math.min(1, elapsedMs / limitMs);
  const tail = up ? 'time is up' : `${fmtHoursMinutes(limitMs - elapsedMs)} left`;
  return { elapsedMs, limitMs, up, fraction, text: `${fmtHoursMinutes(elapsedMs)} of ${fmtHoursMinutes(limitMs)} — ${tail}` };
}

/** `−5 points`, `+1 point` style, with a true minus sign. */
export function fmtPoints(n: number, sign: 'cost' | 'plain' = 'plain'): string {
  const unit = Math.abs(n) === 1 ? 'point' : 'points';
  return sign === 'cost' ? `−${Math.abs(n)} ${unit}` : `${n} ${unit}`;
}

/** A value a check found, in one line: text as it is, anything else as JSON, `—` for nothing. */
export function fmtValue(v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}

/** The columns of the instructor's table, as they sort. */
export const RUN_COLUMNS = [
  { key: 'trainee', label: 'Trainee', num: false },
  { key: 'exercise', label: 'Exercise', num: false },
  { key: 'score', label: 'Score', num: true },
  { key: 'passed', label: 'Passed', num: false },
  { key: 'time', label: 'Time', num: true },
  { key: 'mistakes', label: 'Mistakes', num: true },
  { key: 'hints', label: 'Hints', num: true },
  { key: 'finishedAt', label: 'Finished at', num: false },
] as const;
export type RunSortKey = (typeof RUN_COLUMNS)[number]['key'];
export type RunSort = { readonly key: RunSortKey; readonly dir: 'ascending' | 'descending' };

/** The order the engine lists runs in: newest first. */
export const DEFAULT_RUN_SORT: RunSort = { key: 'finishedAt', dir: 'descending' };

// made on first sort, not when the module loads: a first Intl object loads ICU data (~9 ms here),
// and this module is in the console's first screen
let collator: Intl.Collator | undefined;
const text = { compare: (a: string, b: string): number => (collator ??= new Intl.Collator('en', { sensitivity: 'base', numeric: true })).compare(a, b) };

/** Compare two runs by one column, ascending. Score compares the share of the maximum (exercises differ in their maximum), then points. */
function compareBy(key: RunSortKey, a: TrainingRunSummary, b: TrainingRunSummary): number {
  switch (key) {
    case 'trainee':
      return text.compare(a.trainee, b.trainee);
    case 'exercise':
      return text.compare(a.title, b.title) || text.compare(a.exercise, b.exercise);
    case 'score': {
      const share = (r: TrainingRunSummary) => (r.maxScore > 0 ? r.score / r.maxScore : 0);
      return share(a) - share(b) || a.score - b.score;
    }
    case 'passed':
      return Number(a.passed) - Number(b.passed);
    case 'time':
      return a.timeMs - b.timeMs;
    case 'mistakes':
      return a.mistakes - b.mistakes;
    case 'hints':
      return a.hints - b.hints;
    case 'finishedAt':
      return Date.parse(a.finishedAt) - Date.parse(b.finishedAt);
  }
}

/** The runs sorted by one column; ties keep the newest run first. Returns a new array. */
export function sortRuns(runs: readonly TrainingRunSummary[], sort: RunSort): TrainingRunSummary[] {
  const sign = sort.dir === 'ascending' ? 1 : -1;
  return [...runs].sort((a, b) => sign * compareBy(sort.key, a, b) || b.id - a.id);
}

/** Clicking a column header: the same column flips its direction; another starts ascending (times and counts from the smallest). */
export const nextRunSort = (cur: RunSort, key: RunSortKey): RunSort =>
  cur.key === key ? { key, dir: cur.dir === 'ascending' ? 'descending' : 'ascending' } : { key, dir: 'ascending' };

/** `aria-sort` of a column header. */
export const ariaSort = (sort: RunSort, key: RunSortKey): 'ascending' | 'descending' | 'none' => (sort.key === key ? sort.dir : 'none');

/** The briefing's paragraphs (blank lines apart), each on one line. */
export const paragraphs = (s: string): string[] =>
  s
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter((p) => p !== '');

/** What the trainee answered to a question so far, if anything. */
export const answerOf = (status: Pick<TrainingStatus, 'answers'>, question: string): TrainingStatus['answers'][number] | undefined =>
  status.answers.find((a) => a.question === question);

export const CSV_FILE = 'training-runs.csv';
