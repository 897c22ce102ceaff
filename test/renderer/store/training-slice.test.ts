import { describe, expect, it } from 'vitest';
import type { TrainingStatus } from '../../../engine/contract/index.js';
import { createTrainingSlice, nextTraining, trainingRefreshDue, type TrainingSlice, type TrainingWatch } from '../../../renderer/store/training-slice.js';

const LIMIT = Date.parse('2026-03-01T05:00:00Z');
const status = (session: number, state: TrainingStatus['state'] = 'running'): TrainingStatus =>
  ({ session, state, limitMs: LIMIT, startMs: LIMIT - 12 * 3_600_000 }) as TrainingStatus;

describe('when the console asks training.status again', () => {
  it('asks on the first frame and whenever frames name another session', () => {
    const watch: TrainingWatch = { session: undefined, limitAskedFor: null };
    expect(trainingRefreshDue(watch, null, { session: 4, simTime: 0 })).toBe(true);
    expect(trainingRefreshDue(watch, null, { session: 4, simTime: 1 })).toBe(false);
    expect(trainingRefreshDue(watch, status(4), { session: 5, simTime: 2 })).toBe(true);
    expect(trainingRefreshDue(watch, null, { session: null, simTime: 2 })).toBe(true);
  });

  it('asks once when the clock passes the running exercise’s time limit', () => {
    const watch: TrainingWatch = { session: 7, limitAskedFor: null };
    expect(trainingRefreshDue(watch, status(7), { session: 7, simTime: LIMIT })).toBe(false);
    expect(trainingRefreshDue(watch, status(7), { session: 7, simTime: LIMIT + 1 })).toBe(true);
    expect(trainingRefreshDue(watch, status(7), { session: 7, simTime: LIMIT + 2 })).toBe(false);
    // already time-up or finished: nothing to learn
    const other: TrainingWatch = { session: 7, limitAskedFor: null };
    expect(trainingRefreshDue(other, status(7, 'timeUp'), { session: 7, simTime: LIMIT + 1 })).toBe(false);
  });
});

describe('the training slice', () => {
  it('keeps the reply that arrived last', () => {
    expect(nextTraining(status(3), status(3, 'timeUp'))?.state).toBe('timeUp');
    expect(nextTraining(status(3), null)).toBeNull();
    expect(nextTraining(null, status(4))?.session).toBe(4);
  });

  it('keeps a finished run finished against a status read while it was being scored', () => {
    const done = status(3, 'finished');
    expect(nextTraining(done, status(3, 'timeUp'))).toBe(done);
    // another session (a new run, or none) replaces it
    expect(nextTraining(done, status(4))?.session).toBe(4);
    expect(nextTraining(done, null)).toBeNull();
  });

  it('writes the store only when the status changes', () => {
    let state = {} as TrainingSlice;
    let writes = 0;
    const set = (patch: Partial<TrainingSlice> | ((s: TrainingSlice) => Partial<TrainingSlice>)) => {
      const p = typeof patch === 'function' ? patch(state) : patch;
      if (Object.keys(p).length > 0) writes++;
      state = { ...state, ...p };
    };
    state = createTrainingSlice(set, () => state, {} as never);
    const done = status(3, 'finished');
    state.setTraining(done);
    state.setTraining(status(3, 'running'));
    expect(state.training).toBe(done);
    expect(writes).toBe(1);
  });
});
