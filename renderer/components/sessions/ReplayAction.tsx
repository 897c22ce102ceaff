import { useId, useState } from 'react';
import type { Speed } from '../../../engine/contract/index.js';
import { useApi } from '../../api/api-context.js';
import { errorMessage, fmtSpeed } from '../../format.js';
import { routeHref } from '../../router.js';
import { nextArrival } from '../../store/bind-api.js';
import { useStore } from '../../store/store.js';
import { REPLAY_SPEEDS } from './sessions-logic.js';

/** Replay a recorded session as the new current session (paused at its start), then go to Simulator control to drive it. */
export function ReplayAction({ session }: { readonly session: number }) {
  const api = useApi();
  const [speed, setSpeed] = useState<Speed>('max');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const speedId = useId();
  const start = () => {
    setBusy(true);
    setError(null);
    api.commands['session.replay']({ session, speed }).then(
      (info) => {
        useStore.getState().setInfo(info, nextArrival());
        useStore.getState().setLastError(null);
        window.location.hash = routeHref('simulator');
      },
      (err: unknown) => {
        setError(errorMessage(err));
        setBusy(false);
      },
    );
  };
  return (
    <>
      <p className="muted">
        The replay becomes the current session, paused at its start: it ends the session running now. Play, pause, step and seek it in
        Simulator control.
      </p>
      <div className="controls">
        <label htmlFor={speedId}>Replay speed</label>
        <select id={speedId} value={String(speed)} onChange={(e) => setSpeed(e.target.value === 'max' ? 'max' : Number(e.target.value))}>
          {REPLAY_SPEEDS.map((s) => (
            <option key={String(s)} value={String(s)}>
              {fmtSpeed(s)}
            </option>
          ))}
        </select>
        <button type="button" disabled={busy} onClick={start}>
          {busy ? 'Starting…' : 'Start replay'}
        </button>
      </div>
      {error !== null && (
        <p role="alert" className="error">
          Replay not started: {error}
        </p>
      )}
    </>
  );
}
