import type { StateCreator } from 'zustand';
import type { Frame, TrainingStatus } from '../../engine/contract/index.js';

/**
 * The exercise running in the current session (`training.status`), so every view can ask whether
 * it is in trainee mode. The host answers in order, so the reply that arrives last wins — except
 * that a finished run stays finished: `training.finish` takes a while (the rest of the scenario at
 * full speed), and a status read meanwhile, answered before it, must not undo it when it arrives.
 */
export type TrainingSlice = {
  readonly training: TrainingStatus | null;
  setTraining(status: TrainingStatus | null): void;
};

/** The status to keep when `next` arrives while `cur` is held. */
export function nextTraining(cur: TrainingStatus | null, next: TrainingStatus | null): TrainingStatus | null {
  if (cur !== null && next !== null && cur.session === next.session && cur.state === 'finished' && next.state !== 'finished') return cur;
  return next;
}

export const createTrainingSlice: StateCreator<TrainingSlice, [], [], TrainingSlice> = (set) => ({
  training: null,
  setTraining: (next) =>
    set((s) => {
      const training = nextTraining(s.training, next);
      return training === s.training ? {} : { training };
    }),
});

/**
 * Trainee mode: an exercise runs in the current session and is not finished. While it holds, the
 * console hides whatever would give the answers away (probable causes, resend verdicts, reports,
 * other runs' debriefs).
 */
export const hidesAnswers = (status: Pick<TrainingStatus, 'state'> | null): boolean => status !== null && status.state !== 'finished';

/** What the frame feed remembers between frames to decide when to ask `training.status` again. */
export type TrainingWatch = {
  /** the session of the last frame seen (undefined: none yet) */
  session: number | null | undefined;
  /** the session whose time limit has been asked about once already */
  limitAskedFor: number | null;
};

/**
 * Whether a frame calls for a fresh `training.status`: a new session started (a training run, or
 * anything that ends one), or the clock passed the running exercise's time limit (its state turns
 * to `timeUp` — asked once per session). Updates `watch`.
 */
export function trainingRefreshDue(watch: TrainingWatch, training: TrainingStatus | null, frame: Pick<Frame, 'session' | 'simTime'>): boolean {
  if (frame.session !== watch.session) {
    watch.session = frame.session;
    return true;
  }
  if (
    training !== null &&
    training.state === 'running' &&
    training.session === frame.session &&
    frame.simTime > training.limitMs &&
    watch.limitAskedFor !== frame.session
  ) {
    watch.limitAskedFor = frame.session;
    return true;
  }
  return false;
}
