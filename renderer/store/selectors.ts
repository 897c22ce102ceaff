/**
 * Module-level selectors, so components never build a new selector (or a new object) per render.
 * Derived arrays go through `useShallow` at the call site.
 */
import type { ConnectionStatus, Frame, Gap, LineStats, SessionStatus, Speed } from '../../engine/contract/index.js';
import { latest, lineKey } from './line-history.js';
import { hidesAnswers } from './training-slice.js';
import type { Store } from './store.js';

export const selectConnection = (s: Store) => s.connection;
export const selectLastError = (s: Store) => s.lastError;
export const selectInfo = (s: Store) => s.info;
export const selectScenarioName = (s: Store) => s.info?.scenario?.name ?? null;
export const selectScenarioId = (s: Store) => s.info?.scenario?.id ?? null;
export const selectHostError = (s: Store) => s.info?.error ?? null;
export const selectHasFrame = (s: Store) => s.frame !== null;

/** The exercise running in the current session (null when it is no training run). */
export const selectTraining = (s: Store) => s.training;
/** Trainee mode: an exercise runs and is not finished — views hide probable causes and verdicts. */
export const selectHidesAnswers = (s: Store): boolean => hidesAnswers(s.training);
/** The running exercise's time limit has passed (by the engine's word or the session's clock): hints and answers are refused. */
export const selectTrainingTimeUp = (s: Store): boolean => {
  const t = s.training;
  if (t === null || t.state === 'finished') return false;
  const now = selectSimTime(s);
  return t.state === 'timeUp' || (now !== null && now > t.limitMs);
};

const NO_GAPS: readonly Gap[] = [];
export const selectGaps = (s: Store): readonly Gap[] => s.frame?.gaps ?? NO_GAPS;
export const selectGapsClosed = (s: Store) => s.frame?.gapsClosed ?? 0;

/** Whichever of the last reply and the latest frame arrived later. */
const live = (s: Store): Pick<Frame, 'status' | 'speed' | 'events' | 'watching'> & { simTime: number | null } | null => {
  if (s.frame && s.frameAt > s.infoAt) return s.frame;
  return s.info;
};
export const selectStatus = (s: Store): SessionStatus => live(s)?.status ?? 'idle';
export const selectSimTime = (s: Store): number | null => live(s)?.simTime ?? null;
export const selectSpeed = (s: Store): Speed => live(s)?.speed ?? 60;
export const selectEvents = (s: Store): number => live(s)?.events ?? 0;

const NOT_WATCHING: readonly ConnectionStatus[] = [];
/**
 * The brokers a watch session listens to, as the engine last reported them; the same empty list
 * (never a new one) for a simulation or before any reply, so subscribers do not re-render for nothing.
 */
export const selectWatching = (s: Store): readonly ConnectionStatus[] => live(s)?.watching ?? NOT_WATCHING;
/** True while the session watches live brokers: simulator commands and operator actions are refused then. */
export const selectIsWatching = (s: Store): boolean => (live(s)?.watching ?? null) !== null;

/** `plant/line` keys in frame order; use with `useShallow` (the list rarely changes). */
export const selectLineKeys = (s: Store): string[] => (s.frame?.lines ?? []).map(lineKey);

export { lineKey };

/** The current journal session, from whichever of the last reply and the latest frame knows it. */
export const selectSession = (s: Store): number | null => s.frame?.session ?? s.info?.session ?? null;

/** One selector per key, made once: a component keeps a stable selector across renders. */
function perKey<T>(make: (key: string) => (s: Store) => T): (key: string) => (s: Store) => T {
  const made = new Map<string, (s: Store) => T>();
  return (key) => {
    let sel = made.get(key);
    if (!sel) {
      sel = make(key);
      made.set(key, sel);
    }
    return sel;
  };
}

/** One line's stats. */
export const selectLine = perKey((key): ((s: Store) => LineStats | undefined) => (s) => s.frame?.lines.find((l) => lineKey(l) === key));

/** A line's orders completed per simulated hour (trailing hour of its history), null before any point. */
export const selectThroughput = perKey((key): ((s: Store) => number | null) => (s) => {
  const h = s.lineHistory.get(key);
  return h ? latest(h, 'throughput') : null;
});
