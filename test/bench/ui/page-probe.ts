/**
 * What the UI benchmark runs inside the page (as source text: the bench compiles without DOM types).
 * A requestAnimationFrame loop records frame deltas; a PerformanceObserver records long tasks.
 * `take()` returns and clears what was recorded since the last take.
 */
export const INSTALL_PROBE = `(() => {
  if (window.__lsBench) return 'already';
  const st = { deltas: [], longtasks: [], last: 0, running: true };
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
  window.__lsBench = {
    supported,
    take() {
      // flush entries the observer has not delivered yet
      if (supported) for (const e of obs.takeRecords()) st.longtasks.push({ start: e.startTime, duration: e.duration });
      const r = { deltas: st.deltas, longtasks: st.longtasks };
      st.deltas = [];
      st.longtasks = [];
      return r;
    },
    stop() {
      st.running = false;
      obs.disconnect();
    },
  };
  return supported ? 'ok' : 'no-longtask';
})()`;

export const TAKE_PROBE = `window.__lsBench.take()`;
export const STOP_PROBE = `window.__lsBench.stop()`;

export type ProbeSample = {
  readonly deltas: number[];
  readonly longtasks: { readonly start: number; readonly duration: number }[];
};
