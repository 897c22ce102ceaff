import type { Frame } from '../../engine/contract/index.js';
import type { WsLinesightApi } from '../api/ws.js';
import { useStore } from './store.js';
import { trainingRefreshDue, type TrainingWatch } from './training-slice.js';
import { refreshTraining } from './training-sync.js';

/** Arrival counter shared by replies and frames (see SessionSlice.infoAt/frameAt). */
let arrivals = 0;
export const nextArrival = (): number => ++arrivals;

/**
 * Feeds the store from the API: frames are coalesced to one store write per animation frame
 * (React batches only within one task; FIELD-NOTES "UI under load"), the connection state is
 * mirrored, and the session status (and the training status: trainee mode) is re-read on every
 * (re)connect and whenever frames name a new session. Returns the unbinding function.
 */
export function bindApi(api: WsLinesightApi): () => void {
  const store = useStore.getState();
  let pendingFrame: { frame: Frame; at: number } | null = null;
  let cancelFlush: (() => void) | null = null;
  const trainingWatch: TrainingWatch = { session: undefined, limitAskedFor: null };

  const flush = (): void => {
    cancelFlush = null;
    if (pendingFrame) useStore.getState().setFrame(pendingFrame.frame, pendingFrame.at);
    pendingFrame = null;
  };

  const offFrame = api.onFrame((frame) => {
    pendingFrame = { frame, at: nextArrival() };
    // trainee mode follows the session: a new one (or the time limit passing) asks training.status again
    if (trainingRefreshDue(trainingWatch, useStore.getState().training, frame)) void refreshTraining(api);
    // a hidden tab gets no animation frames; a timeout keeps the store current anyway
    if (cancelFlush !== null) return;
    if (document.hidden) {
      const t = window.setTimeout(flush, 250);
      cancelFlush = () => clearTimeout(t);
    } else {
      const r = requestAnimationFrame(flush);
      cancelFlush = () => cancelAnimationFrame(r);
    }
  });

  const refreshStatus = (): void => {
    void refreshTraining(api);
    api.queries['session.status']().then(
      (info) => useStore.getState().setInfo(info, nextArrival()),
      (err: unknown) => useStore.getState().setLastError(String(err instanceof Error ? err.message : err)),
    );
    // a session that is paused or finished sends no frames until something changes: fetch its latest
    api.queries['session.frame']().then(
      (frame) => {
        const s = useStore.getState();
        if (frame !== null && (s.frame === null || s.frame.seq < frame.seq)) s.setFrame(frame, nextArrival());
      },
      () => undefined,
    );
  };
  const offConnection = api.onConnection((state) => {
    useStore.getState().setConnection(state);
    if (state === 'open') refreshStatus();
  });
  store.setConnection(api.connection());
  if (api.connection() === 'open') refreshStatus();

  return () => {
    offFrame();
    offConnection();
    cancelFlush?.();
  };
}
