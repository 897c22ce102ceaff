/** Wall time and timers for a session host; injected so tests run deterministically and fast. */
export type HostClock = {
  /** wall-clock milliseconds (any origin, non-decreasing): for pacing and durations */
  now(): number;
  /** wall-clock epoch milliseconds: the instants a session records (received_at, a watched plant's "now") */
  epochMs(): number;
  /** call `fn` after about `ms` wall milliseconds; returns a function that cancels it */
  setTimer(fn: () => void, ms: number): () => void;
};

/** The real clock: `performance.now()`, `Date.now()` and `setTimeout`; the one place a session reads the wall clock. */
export const systemClock: HostClock = {
  now: () => performance.now(),
  epochMs: () => Date.now(),
  setTimer(fn, ms) {
    const t = setTimeout(fn, ms);
    return () => clearTimeout(t);
  },
};
