import type { Database } from 'better-sqlite3';
import type { TrainingRunSummary } from '../contract/index.js';
import { checkSessionExists } from './session-state.js';
import { statement } from './statement-cache.js';

/** A scored trainee run as the journal keeps it (the instructor's row without its id and time); `debrief` is the whole debrief (JSON-ready). */
export type TrainingRunRecord = Omit<TrainingRunSummary, 'id' | 'finishedAt'> & { readonly debrief: unknown };

/** One row of `training_runs` as the instructor's list shows it (without the debrief); `finishedAt` in epoch ms. */
export type TrainingRunRow = Omit<TrainingRunSummary, 'finishedAt'> & { readonly finishedAt: number };

const INSERT = `INSERT INTO training_runs (session, exercise, title, trainee, score, max_score, passed, time_ms, mistakes, hints, debrief, finished_at)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

const whole = (n: number, what: string): number => {
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`${what}: expected a whole number ≥ 0, got ${String(n)}`);
  return n;
};

/** Record a scored run (the writer holds the transaction); returns its id. */
export function recordTrainingRun(db: Database, run: TrainingRunRecord, now: number): number {
  checkSessionExists(db, run.session);
  const info = statement(db, INSERT).run(
    run.session,
    run.exercise,
    run.title,
    run.trainee,
    whole(run.score, 'score'),
    whole(run.maxScore, 'maxScore'),
    run.passed ? 1 : 0,
    whole(run.timeMs, 'timeMs'),
    whole(run.mistakes, 'mistakes'),
    whole(run.hints, 'hints'),
    JSON.stringify(run.debrief),
    now,
  );
  return Number(info.lastInsertRowid);
}

type Row = { id: number; session: number; exercise: string; title: string; trainee: string; score: number; max_score: number; passed: number; time_ms: number; mistakes: number; hints: number; finished_at: number };

/** Every scored run of the journal, newest first. */
export function listTrainingRuns(db: Database): TrainingRunRow[] {
  const rows = statement(db, 'SELECT id, session, exercise, title, trainee, score, max_score, passed, time_ms, mistakes, hints, finished_at FROM training_runs ORDER BY id DESC').all() as Row[];
  return rows.map((r) => ({
    id: r.id,
    session: r.session,
    exercise: r.exercise,
    title: r.title,
    trainee: r.trainee,
    score: r.score,
    maxScore: r.max_score,
    passed: r.passed === 1,
    timeMs: r.time_ms,
    mistakes: r.mistakes,
    hints: r.hints,
    finishedAt: r.finished_at,
  }));
}

/** The debrief of run `id` as recorded, or undefined for an unknown run. */
export function trainingRunDebrief(db: Database, id: number): unknown {
  const text = statement(db, 'SELECT debrief FROM training_runs WHERE id = ?', 'pluck').get(id) as string | undefined;
  return text === undefined ? undefined : (JSON.parse(text) as unknown);
}
