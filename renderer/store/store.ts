import { create } from 'zustand';
import { createHistorySlice, historyPatch, type HistorySlice } from './history-slice.js';
import { createSessionSlice, type SessionSlice } from './session-slice.js';
import { createTrainingSlice, type TrainingSlice } from './training-slice.js';

/** Every slice, bound into the one store (add `<name>-slice.ts` files here). */
export type Store = SessionSlice & HistorySlice & TrainingSlice;

export const useStore = create<Store>()((set, get, api) => ({
  ...createSessionSlice(set, get, api),
  ...createHistorySlice(set, get, api),
  ...createTrainingSlice(set, get, api),
  // one store write per frame: the frame and its history point together
  setFrame: (frame, arrivedAt) => set((s) => ({ frame, frameAt: arrivedAt, ...historyPatch(s, frame) })),
}));

/**
 * Call `draw` now and whenever the line history gains a point (outside React: the charts and
 * sparklines read the ring buffers directly). Returns the unsubscribe function.
 */
export function onHistory(draw: (s: Store) => void): () => void {
  draw(useStore.getState());
  return useStore.subscribe((s, prev) => {
    if (s.historyVersion !== prev.historyVersion || s.lineHistory !== prev.lineHistory) draw(s);
  });
}
