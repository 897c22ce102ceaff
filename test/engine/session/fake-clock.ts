import type { HostClock } from '../../../engine/index.js';

/**
 * A deterministic wall clock. Timers fire in due order, one per `setImmediate` (so real I/O such as
 * the journal writer's replies still interleaves), jumping the clock to their due time. `msPerRead`
 * makes every `now()` cost that much wall time, standing in for work taking time.
 */
export type FakeClock = HostClock & {
  /** current time without advancing it */
  peek(): number;
  /** move wall time forward by `ms` (no timer fires until the pump reaches it) */
  advance(ms: number): void;
};

export function fakeClock(opts: { msPerRead?: number } = {}): FakeClock {
  const msPerRead = opts.msPerRead ?? 0;
  let t = 0;
  // epoch instants move with the fake clock, from the real instant it was made
  const origin = Date.now();
  let nextId = 0;
  let pumping = false;
  const timers: { due: number; id: number; fn: () => void }[] = [];
  const pump = () => {
    pumping = true;
    setImmediate(() => {
      timers.sort((a, b) => a.due - b.due || a.id - b.id);
      const timer = timers.shift();
      if (!timer) {
        pumping = false;
        return;
      }
      t = Math.max(t, timer.due);
      timer.fn();
      pump();
    });
  };
  return {
    now() {
      t += msPerRead;
      return t;
    },
    peek: () => t,
    epochMs: () => origin + t,
    advance(ms) {
      t += ms;
    },
    setTimer(fn, ms) {
      const timer = { due: t + ms, id: nextId++, fn };
      timers.push(timer);
      if (!pumping) pump();
      return () => {
        const i = timers.indexOf(timer);
        if (i >= 0) timers.splice(i, 1);
      };
    },
  };
}

/** Wait (real time) until `pred` holds; fails after `ms`. */
export async function waitFor(pred: () => boolean | Promise<boolean>, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await pred())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 2));
  }
}
