import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createOnFrame, REDRAW_INTERVAL_MS, redrawWhenIdle } from '../../renderer/frame-jobs.js';

/** The browser's frame and idle callbacks, run by hand: each `frame()` / `idle(ms)` is one of them. */
let frames: (() => void)[] = [];
let idles: ((d: { timeRemaining(): number; didTimeout: boolean }) => void)[] = [];
const frame = (): void => {
  const due = frames;
  frames = [];
  for (const f of due) f();
};
const idle = (remainingMs: number, didTimeout = false): void => {
  const due = idles;
  idles = [];
  for (const f of due) f({ timeRemaining: () => remainingMs, didTimeout });
};

beforeEach(() => {
  vi.useFakeTimers();
  frames = [];
  idles = [];
  vi.stubGlobal('requestAnimationFrame', (f: () => void) => frames.push(f));
  vi.stubGlobal('requestIdleCallback', (f: (typeof idles)[number]) => idles.push(f));
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('chart creation on animation frames', () => {
  it('creates charts on coming frames, not in the task that asked, and never a cancelled one', () => {
    const made: string[] = [];
    createOnFrame(() => made.push('queue'));
    const cancel = createOnFrame(() => made.push('latency'));
    createOnFrame(() => made.push('held'));
    cancel();
    expect(made).toEqual([]);
    for (let i = 0; i < 3; i++) frame();
    expect(made).toEqual(['queue', 'held']);
  });

  it('runs one slow creation per frame, so four charts open as four short tasks', () => {
    const made: number[] = [];
    for (let i = 0; i < 4; i++)
      createOnFrame(() => {
        made.push(i);
        vi.advanceTimersByTime(15); // a chart takes longer than the frame budget
      });
    frame();
    expect(made).toEqual([0]);
    frame();
    frame();
    frame();
    expect(made).toEqual([0, 1, 2, 3]);
  });
});

describe('chart redraws in idle time', () => {
  it('draws once for any number of requests before the idle period', () => {
    const draw = vi.fn();
    const r = redrawWhenIdle(draw);
    r.request();
    r.request();
    r.request();
    expect(draw).not.toHaveBeenCalled();
    idle(12);
    expect(draw).toHaveBeenCalledTimes(1);
  });

  it('waits for an idle period with room for a redraw, unless it has waited too long', () => {
    const draw = vi.fn();
    redrawWhenIdle(draw).request();
    idle(2);
    expect(draw).not.toHaveBeenCalled();
    idle(1, true);
    expect(draw).toHaveBeenCalledTimes(1);
  });

  it('redraws a chart at most once per interval, and draws the requests of the interval at its end', () => {
    const draw = vi.fn();
    const r = redrawWhenIdle(draw);
    r.request();
    idle(12);
    r.request(); // a new point right after the redraw
    r.request();
    idle(12);
    expect(draw).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(REDRAW_INTERVAL_MS);
    idle(12);
    expect(draw).toHaveBeenCalledTimes(2);
  });

  it('lets the charts of a view take turns: one redraw per idle period when a redraw fills it', () => {
    const drawn: number[] = [];
    const charts = [0, 1, 2].map((i) =>
      redrawWhenIdle(() => {
        drawn.push(i);
      }),
    );
    for (const c of charts) c.request();
    // 10 ms of idle time, of which a redraw needs 8: after one, 2 ms are left in this model
    let left = 10;
    const pump = (): void => {
      const due = idles;
      idles = [];
      for (const f of due)
        f({
          timeRemaining: () => {
            const now = left;
            left -= 8;
            return now;
          },
          didTimeout: false,
        });
      left = 10;
    };
    pump();
    expect(drawn).toEqual([0]);
    pump();
    pump();
    expect(drawn).toEqual([0, 1, 2]);
  });

  it('never draws after the chart is gone', () => {
    const draw = vi.fn();
    const r = redrawWhenIdle(draw);
    r.request();
    r.cancel();
    idle(50);
    r.request();
    vi.advanceTimersByTime(REDRAW_INTERVAL_MS);
    idle(50);
    expect(draw).not.toHaveBeenCalled();
  });
});
