import type { StateCreator } from 'zustand';
import type { Frame, SessionInfo } from '../../engine/contract/index.js';
import type { ConnectionState } from '../api/ws.js';

/**
 * What the host told us about the session: the last command/status reply and the latest frame.
 * Both carry status, clock, speed and event count; `infoAt`/`frameAt` record arrival order so the
 * newer one wins even though frames are written to the store later (once per animation frame).
 */
export type SessionSlice = {
  readonly info: SessionInfo | null;
  readonly infoAt: number;
  readonly frame: Frame | null;
  readonly frameAt: number;
  readonly connection: ConnectionState;
  /** the last failed command or query, shown until the next one succeeds */
  readonly lastError: string | null;
  setInfo(info: SessionInfo, arrivedAt: number): void;
  setFrame(frame: Frame, arrivedAt: number): void;
  setConnection(connection: ConnectionState): void;
  setLastError(message: string | null): void;
};

export const createSessionSlice: StateCreator<SessionSlice, [], [], SessionSlice> = (set) => ({
  info: null,
  infoAt: 0,
  frame: null,
  frameAt: 0,
  connection: 'closed',
  lastError: null,
  setInfo: (info, arrivedAt) => set({ info, infoAt: arrivedAt }),
  setFrame: (frame, arrivedAt) => set({ frame, frameAt: arrivedAt }),
  setConnection: (connection) => set({ connection }),
  setLastError: (lastError) => set({ lastError }),
});
