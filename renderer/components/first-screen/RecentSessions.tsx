import { useEffect, useId, useState } from 'react';
import type { SessionSummary } from '../../../engine/contract/index.js';
import { useApi } from '../../api/api-context.js';
import { selectConnection } from '../../store/selectors.js';
import { useStore } from '../../store/store.js';

const RECENT = 5;

/** The last few recorded sessions (with events), each pointing to Sessions, where it replays or reports. */
export function RecentSessions() {
  const api = useApi();
  const connection = useStore(selectConnection);
  const [list, setList] = useState<readonly SessionSummary[] | null>(null);
  const titleId = useId();

  useEffect(() => {
    if (connection !== 'open') return;
    let live = true;
    api.queries['sessions.list']().then(
      (l) => live && setList([...l].filter((s) => s.events > 0).sort((a, b) => b.id - a.id).slice(0, RECENT)),
      () => live && setList([]),
    );
    return () => {
      live = false;
    };
  }, [api, connection]);

  return (
    <section aria-labelledby={titleId} className="panel recent-sessions">
      <h2 id={titleId}>Recent sessions</h2>
      {list !== null && list.length === 0 && <p className="muted">None recorded yet.</p>}
      {list !== null && list.length > 0 && (
        <ul>
          {list.map((s) => (
            <li key={s.id}>
              <a href="#/sessions">{s.name ?? `#${s.id} ${s.scenario}`}</a>
              <span className="muted">
                {' '}
                {s.events.toLocaleString('en-US')} events{s.gaps !== null ? `, ${s.gaps} open gaps` : ''}
              </span>
            </li>
          ))}
        </ul>
      )}
      <p>
        <a href="#/sessions">All sessions</a> — replay one, compare two, or download a report.
      </p>
    </section>
  );
}
