import { useEffect, useId, useState } from 'react';
import type { ScenarioSummary, Speed } from '../../../engine/contract/index.js';
import { useApi } from '../../api/api-context.js';
import { errorMessage } from '../../format.js';
import { routeHref } from '../../router.js';
import { nextArrival } from '../../store/bind-api.js';
import { selectConnection } from '../../store/selectors.js';
import { useStore } from '../../store/store.js';

/** An hour of plant time per second: fast enough that a gap opens within seconds, slow enough to watch. */
export const CARD_SPEED: Speed = 3600;

/** Start a scenario paused at its start, play it at `CARD_SPEED`, and open Sync gaps, where its gaps will show. */
async function startCard(api: ReturnType<typeof useApi>, id: string): Promise<void> {
  await api.commands['session.start']({ scenario: id, speed: CARD_SPEED });
  const info = await api.commands['session.play']();
  useStore.getState().setInfo(info, nextArrival());
  useStore.getState().setLastError(null);
  window.location.hash = routeHref('gaps');
}

/** One card per bundled scenario: its name, what to look for, and Start (fast, then Sync gaps). */
export function ScenarioCards() {
  const api = useApi();
  const connection = useStore(selectConnection);
  const [list, setList] = useState<readonly ScenarioSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const titleId = useId();

  useEffect(() => {
    if (connection !== 'open') return;
    let live = true;
    api.queries['scenarios.list']().then(
      (l) => live && setList(l),
      (err: unknown) => live && setError(errorMessage(err)),
    );
    return () => {
      live = false;
    };
  }, [api, connection]);

  const start = (id: string): void => {
    setBusy(id);
    setError(null);
    startCard(api, id).then(
      () => setBusy(null),
      (err: unknown) => {
        setBusy(null);
        setError(errorMessage(err));
      },
    );
  };

  return (
    <section aria-labelledby={titleId} className="panel scenario-cards">
      <h2 id={titleId}>Scenarios</h2>
      <p className="muted">Each runs at an hour of plant time per second; Start opens Sync gaps, where its gaps appear.</p>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {list === null && !error && <p className="muted">{connection === 'open' ? 'Loading…' : 'Waiting for the engine…'}</p>}
      <ul className="cards">
        {list?.map((s) => (
          <li key={s.id} className="card" aria-label={s.name}>
            <h3>{s.name}</h3>
            <p>{s.lookFor || s.description.split('. ')[0]}</p>
            <button type="button" disabled={busy !== null || connection !== 'open'} aria-label={`Start ${s.name}`} onClick={() => start(s.id)}>
              {busy === s.id ? 'Starting…' : 'Start'}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
