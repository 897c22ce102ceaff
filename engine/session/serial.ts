import type { HostClock } from './host-clock.js';

/**
 * One-at-a-time work: each call runs after the previous one settled, whether it succeeded or not,
 * and resolves with its own result. How a session keeps play, pause, step, seek and its ticks
 * from interleaving.
 */
export function serialQueue(): <T>(work: () => T | Promise<T>) => Promise<T> {
  let chain: Promise<void> = Promise.resolve();
  return <T>(work: () => T | Promise<T>): Promise<T> => {
    const run = chain.then(work);
    chain = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  };
}

/**
 * The timer that drives a session's play: `schedule(ms)` runs `tick` on the session's serial queue
 * after `ms` (the host clock's timer, so tests can fake it); a tick that throws goes to `fail`.
 */
export function createTicker(
  clock: HostClock,
  enqueue: ReturnType<typeof serialQueue>,
  tick: () => unknown,
  fail: (err: unknown) => void,
): { schedule(ms: number): void; cancel(): void } {
  let cancelTimer: (() => void) | undefined;
  return {
    schedule(ms) {
      cancelTimer = clock.setTimer(() => {
        cancelTimer = undefined;
        void enqueue(tick).catch(fail);
      }, ms);
    },
    cancel() {
      cancelTimer?.();
      cancelTimer = undefined;
    },
  };
}
