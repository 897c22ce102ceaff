import { describe, expect, it } from 'vitest';
import type { TrainingRunSummary } from '../../../../engine/contract/index.js';
import {
  answerOf,
  ariaSort,
  DEFAULT_RUN_SORT,
  exerciseClock,
  fmtHoursMinutes,
  fmtLimit,
  fmtPoints,
  fmtValue,
  hidesAnswers,
  nextRunSort,
  paragraphs,
  sortRuns,
} from '../../../../renderer/components/training/training-logic.js';

const H = 3_600_000;
const START = Date.parse('2026-02-28T17:00:00Z');

const run = (id: number, over: Partial<TrainingRunSummary> = {}): TrainingRunSummary => ({
  id,
  session: id + 10,
  trainee: `T${id}`,
  exercise: 'missing-receipt',
  title: 'Missing receipt',
  score: 50,
  maxScore: 100,
  passed: false,
  timeMs: H,
  mistakes: 0,
  hints: 0,
  finishedAt: `2026-03-0${id}T10:00:00Z`,
  ...over,
});

describe('trainee mode', () => {
  it('hides the answers while an exercise runs or its time is up, never once it is finished or when none runs', () => {
    expect(hidesAnswers(null)).toBe(false);
    expect(hidesAnswers({ state: 'running' })).toBe(true);
    expect(hidesAnswers({ state: 'timeUp' })).toBe(true);
    expect(hidesAnswers({ state: 'finished' })).toBe(false);
  });
});

describe('the exercise clock', () => {
  const status = { startMs: START, limitMs: START + 12 * H, state: 'running' as const };

  it('counts plant time from the scenario start against the limit', () => {
    const c = exerciseClock(START + 3 * H + 20 * 60_000, status);
    expect(c.text).toBe('3 h 20 min of 12 h 00 min — 8 h 40 min left');
    expect(c.up).toBe(false);
    expect(c.fraction).toBeCloseTo(200 / 720);
  });

  it('starts at zero before the first frame', () => {
    expect(exerciseClock(null, status).text).toBe('0 h 00 min of 12 h 00 min — 12 h 00 min left');
  });

  it('says time is up once the clock is past the limit (as the engine counts), or when the engine says so', () => {
    expect(exerciseClock(START + 12 * H, status).up).toBe(false);
    expect(exerciseClock(START + 12 * H + 1, status).up).toBe(true);
    const c = exerciseClock(START + 13 * H, status);
    expect(c.text).toBe('13 h 00 min of 12 h 00 min — time is up');
    expect(c.up).toBe(true);
    expect(c.fraction).toBe(1);
    expect(exerciseClock(START + H, { ...status, state: 'timeUp' }).up).toBe(true);
  });

  it('writes a time limit the short way in the list of exercises', () => {
    expect(fmtLimit(8 * H)).toBe('8 h');
    expect(fmtLimit(30 * 60_000)).toBe('30 min');
    expect(fmtLimit(H + 30 * 60_000)).toBe('1 h 30 min');
  });

  it('formats hours and minutes with two-digit minutes, never negative', () => {
    expect(fmtHoursMinutes(0)).toBe('0 h 00 min');
    expect(fmtHoursMinutes(10 * H + 5 * 60_000 + 59_000)).toBe('10 h 05 min');
    expect(fmtHoursMinutes(-5)).toBe('0 h 00 min');
  });
});

describe('the instructor’s table', () => {
  const runs = [
    run(1, { trainee: 'bea', score: 80, maxScore: 100, timeMs: 5 * H, mistakes: 2 }),
    run(2, { trainee: 'Al', score: 9, maxScore: 10, timeMs: 2 * H, passed: true }),
    run(3, { trainee: 'cem', score: 80, maxScore: 100, timeMs: 2 * H, hints: 3 }),
  ];
  const ids = (sorted: readonly TrainingRunSummary[]) => sorted.map((r) => r.id);

  it('lists the newest run first by default', () => {
    expect(ids(sortRuns(runs, DEFAULT_RUN_SORT))).toEqual([3, 2, 1]);
  });

  it('sorts names regardless of case', () => {
    expect(ids(sortRuns(runs, { key: 'trainee', dir: 'ascending' }))).toEqual([2, 1, 3]);
    expect(ids(sortRuns(runs, { key: 'trainee', dir: 'descending' }))).toEqual([3, 1, 2]);
  });

  it('sorts the score by its share of the maximum, ties newest first', () => {
    expect(ids(sortRuns(runs, { key: 'score', dir: 'descending' }))).toEqual([2, 3, 1]);
    expect(ids(sortRuns(runs, { key: 'score', dir: 'ascending' }))).toEqual([3, 1, 2]);
  });

  it('sorts counts, times and passed', () => {
    expect(ids(sortRuns(runs, { key: 'time', dir: 'ascending' }))).toEqual([3, 2, 1]);
    expect(ids(sortRuns(runs, { key: 'mistakes', dir: 'descending' }))).toEqual([1, 3, 2]);
    expect(ids(sortRuns(runs, { key: 'hints', dir: 'descending' }))[0]).toBe(3);
    expect(ids(sortRuns(runs, { key: 'passed', dir: 'descending' }))[0]).toBe(2);
  });

  it('leaves the list it was given alone', () => {
    const copy = [...runs];
    sortRuns(runs, { key: 'trainee', dir: 'ascending' });
    expect(runs).toEqual(copy);
  });

  it('flips the direction on the same header, starts ascending on another, and says so in aria-sort', () => {
    const byTrainee = nextRunSort(DEFAULT_RUN_SORT, 'trainee');
    expect(byTrainee).toEqual({ key: 'trainee', dir: 'ascending' });
    expect(nextRunSort(byTrainee, 'trainee')).toEqual({ key: 'trainee', dir: 'descending' });
    expect(nextRunSort(DEFAULT_RUN_SORT, 'finishedAt')).toEqual({ key: 'finishedAt', dir: 'ascending' });
    expect(ariaSort(byTrainee, 'trainee')).toBe('ascending');
    expect(ariaSort(byTrainee, 'score')).toBe('none');
  });
});

describe('debrief and briefing text', () => {
  it('writes points with a true minus sign for costs', () => {
    expect(fmtPoints(5, 'cost')).toBe('−5 points');
    expect(fmtPoints(1, 'cost')).toBe('−1 point');
    expect(fmtPoints(20)).toBe('20 points');
  });

  it('writes a found value in one line', () => {
    expect(fmtValue(null)).toBe('—');
    expect(fmtValue('PO-1')).toBe('PO-1');
    expect(fmtValue(3)).toBe('3');
    expect(fmtValue(['a', 'b'])).toBe('["a","b"]');
  });

  it('splits a briefing into paragraphs at blank lines, joining its wrapped lines', () => {
    expect(paragraphs('First line\nwraps here.\n\n  Second.\n\n\n')).toEqual(['First line wraps here.', 'Second.']);
  });

  it('finds the answer given to a question', () => {
    const answers = [{ question: 'order', answer: 'PO-7', at: '2026-02-28T20:00:00Z' }];
    expect(answerOf({ answers }, 'order')?.answer).toBe('PO-7');
    expect(answerOf({ answers }, 'root-cause')).toBeUndefined();
  });
});
