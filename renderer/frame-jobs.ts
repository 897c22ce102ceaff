/**
 * Work the console defers off the task that asked for it: chart creation on coming animation
 * frames, one at a time, and chart redraws in the browser's idle time at a bounded rate. Found in
 * bench:ui's large-site pass, where doing either inside a store write made long tasks.
 */

type Idle = { timeRemaining(): number; readonly didTimeout: boolean };
/** The browser's scheduling calls (read when called, so tests can stand in for them). */
const browser = globalThis as unknown as {
  requestAnimationFrame(run: () => void): number;
  requestIdleCallback?(run: (d: Idle) => void, opts: { timeout: number }): number;
};

type Job = { run: () => void; queued: boolean; cancelled: boolean };
const jobs: Job[] = [];
let pumping = false;
/** Work done per animation frame before the rest waits for the next one (a frame is ~16 ms). */
const FRAME_BUDGET_MS = 8;

function pump(): void {
  const until = performance.now() + FRAME_BUDGET_MS;
  // at least one job per frame, then as many as fit in the budget
  do {
    const job = jobs.shift();
    if (!job) break;
    job.queued = false;
    if (!job.cancelled) job.run();
  } while (performance.now() < until);
  if (jobs.length > 0) browser.requestAnimationFrame(pump);
  else pumping = false;
}

function enqueue(job: Job): void {
  if (job.queued || job.cancelled) return;
  job.queued = true;
  jobs.push(job);
  if (!pumping) {
    pumping = true;
    browser.requestAnimationFrame(pump);
  }
}

/**
 * Run `create` on a coming animation frame, charts taking turns: a view with four charts opens as
 * short tasks instead of one long one (bench:ui measured ~66 ms for three at once). Returns the
 * function that cancels it if it has not run yet.
 */
export function createOnFrame(create: () => void): () => void {
  const job: Job = { run: create, queued: false, cancelled: false };
  enqueue(job);
  return () => {
    job.cancelled = true;
  };
}

/** Least time between two redraws of one chart: a history over simulated hours reads the same redrawn once a second. */
export const REDRAW_INTERVAL_MS = 1000;
/** Idle time a redraw needs (bench:ui measured ~5 ms per chart): less, and it waits for the next idle period. */
const REDRAW_NEEDS_MS = 8;
/** Longest a redraw waits for idle time before it runs anyway. */
const REDRAW_LATEST_MS = 1000;

const redraws: Job[] = [];
let idlePumping = false;

const whenIdle = (run: (d: Idle) => void): void => {
  if (typeof browser.requestIdleCallback === 'function') browser.requestIdleCallback(run, { timeout: REDRAW_LATEST_MS });
  else browser.requestAnimationFrame(() => run({ timeRemaining: () => REDRAW_NEEDS_MS, didTimeout: false }));
};

function idlePump(deadline: Idle): void {
  // one redraw per idle period that has room for it (or that waited too long), so a redraw never
  // lands in a frame already busy with a store write
  while (redraws.length > 0 && (deadline.didTimeout || deadline.timeRemaining() >= REDRAW_NEEDS_MS)) {
    const job = redraws.shift()!;
    job.queued = false;
    if (!job.cancelled) job.run();
    if (deadline.didTimeout) break;
  }
  if (redraws.length > 0) whenIdle(idlePump);
  else idlePumping = false;
}

/**
 * A chart's redraw, asked for by each store write that adds a point and run in the browser's idle
 * time, at most every `REDRAW_INTERVAL_MS`: requests in between make one redraw, and the charts of
 * a view take turns. Four charts redrawn at each frame inside the store write were the line
 * detail's long tasks and dropped frames (bench:ui large-site pass).
 */
export function redrawWhenIdle(draw: () => void): { request(): void; cancel(): void } {
  let last = -Infinity;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const job: Job = {
    run: () => {
      last = performance.now();
      draw();
    },
    queued: false,
    cancelled: false,
  };
  const enqueueIdle = (): void => {
    if (job.queued || job.cancelled) return;
    job.queued = true;
    redraws.push(job);
    if (!idlePumping) {
      idlePumping = true;
      whenIdle(idlePump);
    }
  };
  return {
    request: () => {
      if (job.queued || timer !== undefined || job.cancelled) return;
      const wait = last + REDRAW_INTERVAL_MS - performance.now();
      if (wait <= 0) enqueueIdle();
      else
        timer = setTimeout(() => {
          timer = undefined;
          enqueueIdle();
        }, wait);
    },
    cancel: () => {
      job.cancelled = true;
      if (timer !== undefined) clearTimeout(timer);
    },
  };
}
