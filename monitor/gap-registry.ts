import type { GapRec, MonitorState } from './state.js';

/**
 * The open-gap books every kind of gap keeps the same way: the monitor's open gaps by id, and the
 * order's and line's counts of them. Apart from gaps.ts so that gaps kept elsewhere
 * (order-changes.ts) open and close theirs without importing the interface gaps.
 */
export function register(s: MonitorState, g: GapRec): void {
  s.openGaps.set(g.id, g);
  g.order.openGapCount += 1;
  g.order.line.openGaps += 1;
}

export function unregister(s: MonitorState, g: GapRec): void {
  const o = g.order;
  s.openGaps.delete(g.id);
  o.openGapCount -= 1;
  o.line.openGaps -= 1;
  s.gapsClosed += 1;
}
