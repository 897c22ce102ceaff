import { useEffect, useId, useRef, useState } from 'react';
import type { SessionInfo } from '../../../engine/contract/index.js';
import { useApi } from '../../api/api-context.js';
import { errorMessage, fmtCount, fmtSimTime } from '../../format.js';
import { routeHref } from '../../router.js';
import { nextArrival } from '../../store/bind-api.js';
import { selectSimTime } from '../../store/selectors.js';
import type { Store } from '../../store/store.js';
import { useStore } from '../../store/store.js';
import { useTimeDisplay } from '../../time/display.js';
import { isoWall, zoneLabel } from '../../time/plant-time.js';
import { parseSimTime, percentOf, seekStep } from './replay-logic.js';
import './replay-controls.css';

/** The current session's replay facts (the same object while they hold), or null when it is no replay. */
export const selectReplay = (s: Store): SessionInfo['replay'] | null => {
  const info = s.info;
  if (!info?.replay) return null;
  // a newer frame of another session means the reply that said "replay" is out of date
  if (s.frame && s.frameAt > s.infoAt && s.frame.session !== info.session) return null;
  return info.replay;
};
const selectReplayScenario = (s: Store) => s.info?.scenario ?? null;
const selectReplaySession = (s: Store) => s.info?.session ?? null;

/** Wall ms a keyboard-driven slider waits for the next key before seeking. */
const KEY_SETTLE_MS = 350;

/**
 * The banner and seek controls of a replay: where in the recorded session the replay stands, a slider
 * over its time range that seeks on release, and an exact-time field. Play, pause, step and speed stay
 * in the Session panel.
 */
export function ReplayControls() {
  const api = useApi();
  const replay = useStore(selectReplay);
  const scenario = useStore(selectReplayScenario);
  const session = useStore(selectReplaySession);
  const simTime = useStore(selectSimTime);
  const { zone } = useTimeDisplay();
  const [drag, setDrag] = useState<number | null>(null);
  const [typed, setTyped] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const pointerDown = useRef(false);
  const settle = useRef<number | null>(null);
  const sliderId = useId();
  const timeId = useId();
  const timeErrId = useId();
  useEffect(() => () => {
    if (settle.current !== null) clearTimeout(settle.current);
  }, []);

  if (!replay || !scenario) return null;
  const { startMs, endMs } = scenario;
  const now = simTime ?? startMs;
  const shown = drag ?? now;

  const seek = (time: number) => {
    setBusy(true);
    api.commands['session.seek']({ time }).then(
      (info) => {
        useStore.getState().setInfo(info, nextArrival());
        setOutcome({ ok: true, text: `Moved to ${fmtSimTime(info.simTime, zone)}: ${fmtCount(info.events)} of ${fmtCount(replay.events)} events replayed.` });
        setTyped(null);
      },
      (err: unknown) => setOutcome({ ok: false, text: `Not moved: ${errorMessage(err)}` }),
    ).finally(() => {
      setBusy(false);
      setDrag(null);
    });
  };
  const commitDrag = () => {
    if (settle.current !== null) clearTimeout(settle.current);
    settle.current = null;
    if (drag !== null && drag !== now) seek(drag);
    else setDrag(null);
  };

  const timeText = typed ?? `${isoWall(now, zone)} ${zoneLabel(now, zone)}`;
  const parsed = typed === null ? null : parseSimTime(typed, startMs, endMs, zone);

  return (
    <section aria-labelledby="replay-title" className="panel replay-panel">
      <h2 id="replay-title" className="replay-banner">
        Replaying session {replay.of} <span className="replay-of">(of {fmtCount(replay.events)} events)</span>
        {session !== null && session !== replay.of && <span className="muted replay-as"> as session {session}</span>}
      </h2>
      <p className="muted">
        A replay re-plays what session {replay.of} journaled, operator switches included: faults and controls cannot be changed. To try other
        rules, use <a href={routeHref('sessions')}>What-if… on the Sessions view</a>.
      </p>
      <div className="replay-seek">
        <label htmlFor={sliderId}>Position</label>
        <input
          id={sliderId}
          type="range"
          min={startMs}
          max={endMs}
          step={seekStep(startMs, endMs)}
          value={shown}
          disabled={busy}
          aria-valuetext={`${fmtSimTime(shown, zone)} (${percentOf(shown, startMs, endMs)} %)`}
          onPointerDown={() => (pointerDown.current = true)}
          onPointerUp={() => {
            pointerDown.current = false;
            commitDrag();
          }}
          onChange={(e) => {
            const v = Number(e.target.value);
            setDrag(v);
            // a drag seeks on release; keys (and programmatic changes) seek once they settle
            if (!pointerDown.current) {
              if (settle.current !== null) clearTimeout(settle.current);
              settle.current = window.setTimeout(() => {
                settle.current = null;
                seek(v);
              }, KEY_SETTLE_MS);
            }
          }}
        />
        <div className="replay-scale muted" aria-hidden="true">
          <span>{fmtSimTime(startMs, zone)}</span>
          <span className="replay-now">{drag === null ? fmtSimTime(now, zone) : `→ ${fmtSimTime(drag, zone)}`}</span>
          <span>{fmtSimTime(endMs, zone)}</span>
        </div>
      </div>
      <form
        className="controls"
        onSubmit={(e) => {
          e.preventDefault();
          if (parsed?.ok) seek(parsed.time);
        }}
      >
        <label htmlFor={timeId}>Go to time ({zone === 'UTC' ? 'UTC' : `plant time, ${zone}`})</label>
        <input
          id={timeId}
          type="text"
          className="replay-time"
          value={timeText}
          aria-invalid={parsed?.ok === false}
          aria-describedby={timeErrId}
          onChange={(e) => setTyped(e.target.value)}
        />
        <button type="submit" disabled={busy || !parsed?.ok}>
          Seek
        </button>
        {typed !== null && (
          <button type="button" onClick={() => setTyped(null)}>
            Reset
          </button>
        )}
      </form>
      <p id={timeErrId} aria-live="polite" className={parsed?.ok === false || outcome?.ok === false ? 'error' : 'muted'}>
        {parsed?.ok === false ? parsed.message : (outcome?.text ?? `${zone === 'UTC' ? 'UTC' : `Plant time (${zone})`}, as times are shown; UTC, an offset (+01:00) or HH:MM on the first day also works.`)}
      </p>
    </section>
  );
}
