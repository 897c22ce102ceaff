/** Wall time and timers for a session host; injected so tests run deterministically and fast. */
export type HostClock = {
  /** wall-clock milliseconds (any origin, non-decreasing) */
  now(): number;
  /** call `fn` after about `ms` wall milliseconds; returns a function that cancels it */
  setTimer(fn: () => void, ms: number): () => void;
};

/** The real clock: `performance.now()` and `setTimeout`. */
export const systemClock: HostClock = {
  now: () => performance.now(),
  setTimer(fn, ms) {
    const t = setTimeout(fn, ms);
    return () => clearTimeout(t);
  },
};
