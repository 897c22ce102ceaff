import { useId, useState } from 'react';
import type { SessionInfo, Speed } from '../../../engine/contract/index.js';
import { useApi } from '../../api/api-context.js';
import { errorMessage, fmtSpeed } from '../../format.js';
import { nextArrival } from '../../store/bind-api.js';
import { selectConnection, selectIsWatching, selectSpeed, selectStatus } from '../../store/selectors.js';
import { useStore } from '../../store/store.js';
import { selectReplay } from './ReplayControls.js';

const SPEEDS: readonly Speed[] = [1, 60, 600, 3600, 'max'];
/** A replay's pace is picked against the recording: real time, 10×, 100×, or as fast as it goes. */
const REPLAY_SPEEDS: readonly Speed[] = [1, 10, 100, 'max'];
const speedValue = (s: Speed): string => String(s);
const parseSpeed = (v: string): Speed => (v === 'max' ? 'max' : Number(v));

/** Run a session command, write its answer to the store and clear (or set) the last error. */
export function runSessionCommand(call: () => Promise<SessionInfo>): Promise<void> {
  return call().then(
    (info) => {
      const s = useStore.getState();
      s.setInfo(info, nextArrival());
      s.setLastError(null);
    },
    (err: unknown) => useStore.getState().setLastError(errorMessage(err)),
  );
}

type Props = {
  /** the caller is busy (e.g. starting a session): the buttons wait */
  readonly disabled?: boolean;
  /** before any session the speed select picks the speed of the next start (Simulator control) */
  readonly idleSpeed?: { readonly value: Speed; readonly onChange: (s: Speed) => void };
  /** offer Step (one event at a time) */
  readonly step?: boolean;
};

/**
 * The pace of the current session: Play, Pause, Step and Speed. Shared by Simulator control and a
 * running exercise, so a trainee drives the clock with the same controls. A watched broker runs in
 * real time: the engine refuses them then, and a note says so.
 */
export function PaceControls({ disabled = false, idleSpeed, step = true }: Props) {
  const api = useApi();
  const connection = useStore(selectConnection);
  const status = useStore(selectStatus);
  const speed = useStore(selectSpeed);
  const watching = useStore(selectIsWatching);
  const replay = useStore(selectReplay);
  const [busy, setBusy] = useState(false);
  const speedId = useId();
  const clockNoteId = useId();

  const run = (call: () => Promise<SessionInfo>): void => {
    setBusy(true);
    void runSessionCommand(call).finally(() => setBusy(false));
  };
  const idle = status === 'idle';
  const shownSpeed = idle && idleSpeed ? idleSpeed.value : speed;
  const noClock = connection !== 'open' || busy || disabled || watching;
  const speeds = replay ? REPLAY_SPEEDS : SPEEDS;
  const describedBy = watching ? clockNoteId : undefined;

  return (
    <>
      <div className="controls">
        <button type="button" disabled={noClock || status !== 'paused'} aria-describedby={describedBy} onClick={() => run(() => api.commands['session.play']())}>
          Play
        </button>
        <button type="button" disabled={noClock || status !== 'running'} aria-describedby={describedBy} onClick={() => run(() => api.commands['session.pause']())}>
          Pause
        </button>
        {step && (
          <button
            type="button"
            disabled={noClock || status !== 'paused'}
            aria-describedby={describedBy}
            onClick={() => run(() => api.commands['session.step']({ events: 1 }))}
          >
            Step
          </button>
        )}
        <label htmlFor={speedId}>Speed</label>
        <select
          id={speedId}
          value={speedValue(shownSpeed)}
          disabled={noClock || (idle && !idleSpeed)}
          aria-describedby={describedBy}
          onChange={(e) => {
            const next = parseSpeed(e.target.value);
            if (idle && idleSpeed) idleSpeed.onChange(next);
            else run(() => api.commands['session.setSpeed']({ speed: next }));
          }}
        >
          {!speeds.includes(shownSpeed) && <option value={speedValue(shownSpeed)}>{fmtSpeed(shownSpeed)}</option>}
          {speeds.map((s) => (
            <option key={speedValue(s)} value={speedValue(s)}>
              {fmtSpeed(s)}
            </option>
          ))}
        </select>
      </div>
      {watching && (
        <p id={clockNoteId} className="muted watch-note">
          Play, pause, step and speed belong to simulations: a watched broker runs in real time.
        </p>
      )}
    </>
  );
}
