import { useEffect, useState, useId } from 'react';
import type { ScenarioSummary, SessionInfo, Speed } from '../../engine/contract/index.js';
import { useApi } from '../api/api-context.js';
import { LiveControls } from '../components/simulator/LiveControls.js';
import { PaceControls, runSessionCommand } from '../components/simulator/PaceControls.js';
import { ReplayControls, selectReplay } from '../components/simulator/ReplayControls.js';
import { WatchPanel } from '../components/simulator/WatchPanel.js';
import { saveSettings, useSettings } from '../components/preferences/settings-store.js';
import { errorMessage, fmtCount } from '../format.js';
import { useTimeDisplay } from '../time/display.js';
import { STATUS_LABELS } from '../labels.js';
import {
  selectConnection,
  selectEvents,
  selectHostError,
  selectIsWatching,
  selectLastError,
  selectScenarioId,
  selectScenarioName,
  selectSimTime,
  selectSpeed,
  selectStatus,
} from '../store/selectors.js';
import { useStore } from '../store/store.js';

/** Pick a scenario, start it, and drive virtual time: play, pause, step, speed. */
export function SimulatorControl() {
  const api = useApi();
  const connection = useStore(selectConnection);
  const status = useStore(selectStatus);
  const simTime = useStore(selectSimTime);
  const time = useTimeDisplay();
  const events = useStore(selectEvents);
  const speed = useStore(selectSpeed);
  const scenarioName = useStore(selectScenarioName);
  const hostError = useStore(selectHostError);
  const lastError = useStore(selectLastError);
  const watching = useStore(selectIsWatching);
  const replay = useStore(selectReplay);

  // query results stay out of the global store (CONVENTIONS #9)
  const [scenarios, setScenarios] = useState<readonly ScenarioSummary[] | null>(null);
  const [scenario, setScenario] = useState('');
  const [busy, setBusy] = useState(false);
  // before the first start the speed select picks the initial speed; afterwards it changes the session's
  const [startSpeed, setStartSpeed] = useState<Speed>(60);
  // empty: the scenario's own duration
  const [until, setUntil] = useState('');
  // the user chose a scenario: neither the running one nor the last one is put in its place
  const [picked, setPicked] = useState(false);
  const untilId = useId();
  const scenarioId = useId();

  // the scenario, speed and duration last started here (settings.json), offered again once known
  const { state: settings } = useSettings(api);
  const last = settings?.settings.lastScenario;
  const [offered, setOffered] = useState(false);
  if (!offered && settings !== null && scenarios !== null) {
    setOffered(true);
    if (last && !picked && scenarios.some((x) => x.id === last.id)) {
      setScenario(last.id);
      setStartSpeed(last.speed);
      setUntil(last.until ?? '');
    }
  }

  useEffect(() => {
    if (connection !== 'open') return;
    let live = true;
    api.queries['scenarios.list']().then(
      (list) => {
        if (!live) return;
        setScenarios(list);
        setScenario((cur) => cur || list[0]?.id || '');
      },
      (err: unknown) => live && useStore.getState().setLastError(errorMessage(err)),
    );
    return () => {
      live = false;
    };
  }, [api, connection]);

  // Until the user picks one, the select shows the session's own scenario, so its description
  // matches what is running (set while rendering: React renders again at once).
  const runningId = useStore(selectScenarioId);
  if (!picked && runningId && scenario !== runningId && scenarios?.some((x) => x.id === runningId)) setScenario(runningId);

  const run = (call: () => Promise<SessionInfo>): void => {
    setBusy(true);
    void runSessionCommand(call).finally(() => setBusy(false));
  };

  /** Start, and once started keep the choice for the next time the console opens (a failure to keep it is no failure to start). */
  const startAndKeep = async (id: string, speed: Speed, runFor: string | undefined): Promise<SessionInfo> => {
    const info = await api.commands['session.start']({ scenario: id, speed, ...(runFor === undefined ? {} : { until: runFor }) });
    saveSettings(api, { lastScenario: { id, speed, ...(runFor === undefined ? {} : { until: runFor }) } }).catch(() => undefined);
    return info;
  };

  const offline = connection !== 'open';
  const idle = status === 'idle';
  const shownSpeed = idle ? startSpeed : speed;
  const description = scenarios?.find((s) => s.id === scenario)?.description;
  const untilArg = until.trim() === '' ? {} : { until: until.trim() };

  return (
    <div className="view">
      <h1>Simulator control</h1>
      {/* what the session is doing comes first: while it watches, the simulator's controls below are idle */}
      {watching && <WatchPanel />}
      {replay && <ReplayControls />}
      <section aria-labelledby="sim-controls" className="panel">
        <h2 id="sim-controls">Session</h2>
        <div className="controls">
          <label htmlFor={scenarioId}>Scenario</label>
          <select
            id={scenarioId}
            value={scenario}
            onChange={(e) => {
              setPicked(true);
              setScenario(e.target.value);
            }}
            disabled={!scenarios || scenarios.length === 0}
          >
            {!scenarios && <option value="">Loading…</option>}
            {scenarios?.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
          <label htmlFor={untilId}>Run for</label>
          <input
            id={untilId}
            type="text"
            className="sim-until"
            value={until}
            placeholder="e.g. 4h"
            title="how much simulated time, e.g. 4h or 90m; empty: the scenario’s own duration"
            onChange={(e) => setUntil(e.target.value)}
          />
          <button
            type="button"
            disabled={offline || busy || !scenario}
            onClick={() => run(() => startAndKeep(scenario, shownSpeed, untilArg.until))}
          >
            Start
          </button>
        </div>
        {watching && <p className="muted watch-note">Starting a simulation ends the watch of the live brokers.</p>}
        {replay && <p className="muted watch-note">Starting a simulation ends the replay.</p>}
        {description && <p className="muted">{description}</p>}
        <PaceControls disabled={busy} idleSpeed={{ value: startSpeed, onChange: setStartSpeed }} />
        <dl className="status" aria-live="polite">
          <dt>Status</dt>
          <dd>{STATUS_LABELS[status] ?? status}</dd>
          <dt>Scenario</dt>
          <dd>{watching ? 'none — watching live brokers' : (scenarioName ?? '—')}</dd>
          <dt>{watching ? 'Time (real)' : 'Simulated time'}</dt>
          <dd>{time.at(simTime)}</dd>
          <dt>Events</dt>
          <dd>
            {fmtCount(events)}
            {replay && <span className="muted"> of {fmtCount(replay.events)}</span>}
          </dd>
        </dl>
        {hostError && (
          <p role="alert" className="error">
            The session stopped: {hostError}
          </p>
        )}
        {lastError && (
          <p role="alert" className="error">
            {lastError}
          </p>
        )}
      </section>
      {!replay && <LiveControls />}
    </div>
  );
}
