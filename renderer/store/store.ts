import { create } from 'zustand';
import { createSessionSlice, type SessionSlice } from './session-slice.js';

/** Every slice, bound into the one store (add `<name>-slice.ts` files here). */
export type Store = SessionSlice;

export const useStore = create<Store>()((...a) => ({
  ...createSessionSlice(...a),
}));
