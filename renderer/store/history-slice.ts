import type { StateCreator } from 'zustand';
import type { Frame } from '../../engine/contract/index.js';
import { appendPoint, createLineHistory, lastTime, lineKey, type LineHistory } from './line-history.js';

/**
 * Per-line history of frame values over simulated time, for the line detail charts.
 *
 * The ring buffers are mutated in place, so `lineHistory` keeps its identity; `historyVersion` is
 * what changes (once per recorded frame). Charts read the buffers from a `store.subscribe` listener
 * that watches `historyVersion` (CONVENTIONS #9) — never through a React render.
 */
export type HistorySlice = {
  readonly lineHistory: ReadonlyMap<string, LineHistory>;
  readonly historyVersion: number;
  /** journal session the history belongs to; a new session starts a new history */
  readonly historySession: number | null;
};

export const createHistorySlice: StateCreator<HistorySlice, [], [], HistorySlice> = () => ({
  lineHistory: new Map(),
  historyVersion: 0,
  historySession: null,
});

/**
 * The history part of a frame's store write (merged into the same `set` as the frame itself, so a
 * frame is one store write). Frames whose clock did not advance (paused, repeated) add no point.
 */
export function historyPatch(s: HistorySlice, frame: Frame): Partial<HistorySlice> {
  if (frame.session === null) return {};
  let map = s.lineHistory as Map<string, LineHistory>;
  let reset = false;
  if (frame.session !== s.historySession) {
    map = new Map();
    reset = true;
  }
  let added = false;
  for (const l of frame.lines) {
    const key = lineKey(l);
    let h = map.get(key);
    if (!h) {
      h = createLineHistory();
      map.set(key, h);
    }
    const last = lastTime(h);
    if (last !== null && frame.simTime <= last) continue;
    appendPoint(h, frame.simTime, l);
    added = true;
  }
  if (!added && !reset) return {};
  return {
    ...(reset ? { lineHistory: map, historySession: frame.session } : {}),
    historyVersion: s.historyVersion + 1,
  };
}
