/**
 * What the UI benchmark runs inside the page (as source text: the bench compiles without DOM types).
 * A requestAnimationFrame loop records frame deltas; a PerformanceObserver records long tasks, and
 * where the browser has them (Chromium 123+) long animation frames with the scripts that ran in them,
 * which say what a long task was: a module's evaluation, a handler, or (no script of note) style and
 * layout. `take()` returns and clears what was recorded since the last take.
 */
export const INSTALL_PROBE = `(() => {
  if (window.__lsBench) return 'already';
  const st = { deltas: [], longtasks: [], frames: [], last: 0, running: true };
  const loop = (t) => {
    if (!st.running) return;
    if (st.last) st.deltas.push(t - st.last);
    st.last = t;
    requestAnimationFrame(loop);
  };
  requestAnimationFrame(loop);
  const supported = (PerformanceObserver.supportedEntryTypes || []).includes('longtask');
  const obs = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) st.longtasks.push({ start: e.startTime, duration: e.duration });
  });
  if (supported) obs.observe({ type: 'longtask' });
  const keepFrames = (entries) => {
    for (const e of entries) {
      if (e.duration <= 50) continue;
      st.frames.push({
        start: e.startTime,
        duration: e.duration,
        styleAndLayoutMs: e.startTime + e.duration - e.styleAndLayoutStart,
        scripts: e.scripts.map((x) => ({ what: x.invokerType === 'module-script' ? 'evaluating ' + (x.sourceURL || '').split('/').pop() : x.invoker, duration: x.duration })),
      });
    }
  };
  const framesObs = new PerformanceObserver((list) => keepFrames(list.getEntries()));
  if ((PerformanceObserver.supportedEntryTypes || []).includes('long-animation-frame')) framesObs.observe({ type: 'long-animation-frame', buffered: true });
  window.__lsBench = {
    supported,
    take() {
      // flush entries the observer has not delivered yet
      if (supported) for (const e of obs.takeRecords()) st.longtasks.push({ start: e.startTime, duration: e.duration });
      keepFrames(framesObs.takeRecords());
      const r = { deltas: st.deltas, longtasks: st.longtasks, frames: st.frames };
      st.deltas = [];
      st.longtasks = [];
      st.frames = [];
      return r;
    },
    stop() {
      st.running = false;
      obs.disconnect();
      framesObs.disconnect();
    },
  };
  return supported ? 'ok' : 'no-longtask';
})()`;

export const TAKE_PROBE = `window.__lsBench.take()`;
export const STOP_PROBE = `window.__lsBench.stop()`;

/** A long animation frame (over 50 ms): its style-and-layout time and the scripts that ran in it (over 5 ms) */
export type ProbeFrame = { readonly start: number; readonly duration: number; readonly styleAndLayoutMs: number; readonly scripts: { readonly what: string; readonly duration: number }[] };

export type ProbeSample = {
  readonly deltas: number[];
  readonly longtasks: { readonly start: number; readonly duration: number }[];
  /** absent where the browser has no long-animation-frame entries */
  readonly frames?: ProbeFrame[];
};

/**
 * What a long task was, in a few words: the longest script of the long animation frame it fell in,
 * or its style and layout when no script took most of it. `undefined` without frames.
 */
export function longTaskCause(task: { readonly start: number; readonly duration: number }, frames: readonly ProbeFrame[] | undefined): string | undefined {
  const frame = frames?.find((f) => task.start >= f.start - 1 && task.start < f.start + f.duration);
  if (!frame) return undefined;
  const script = [...frame.scripts].sort((a, b) => b.duration - a.duration)[0];
  if (script && script.duration >= frame.styleAndLayoutMs) return `${script.what} ${Math.round(script.duration)} ms`;
  return `style and layout ${Math.round(frame.styleAndLayoutMs)} ms${script ? `, ${script.what} ${Math.round(script.duration)} ms` : ''}`;
}
