import { useEffect, useId, useRef, useState } from 'react';
import { useApi } from '../../api/api-context.js';
import { errorMessage } from '../../format.js';
import { nextArrival } from '../../store/bind-api.js';
import { selectConnection, selectIsWatching, selectSession } from '../../store/selectors.js';
import { useStore } from '../../store/store.js';
import { ConnectionFields } from './ConnectionFields.js';
import {
  blankDraft,
  draftProblems,
  duplicateNames,
  toBrokerConfig,
  typedProblems,
  withoutPasswords,
  type ConnectionDraft,
} from './connection-draft.js';

/**
 * What was typed, kept while the console is open so leaving the view loses nothing — except the
 * passwords, which are asked each time.
 */
let remembered: readonly ConnectionDraft[] | null = null;

/** Set up one or more brokers, then watch them all (`session.watch`), which ends the current session. */
export function WatchForm() {
  const api = useApi();
  const connection = useStore(selectConnection);
  const watching = useStore(selectIsWatching);
  const [drafts, setDrafts] = useState<readonly ConnectionDraft[]>(() => remembered ?? [blankDraft()]);
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // what the last start said, and the journal session it opened (shown only while that session is current)
  const [started, setStarted] = useState<{ readonly text: string; readonly session: number | null } | null>(null);
  const session = useStore(selectSession);
  const titleId = useId();
  const noteId = useId();
  const latest = useRef(drafts);
  latest.current = drafts;
  useEffect(() => () => void (remembered = withoutPasswords(latest.current)), []);

  const dups = duplicateNames(drafts);
  const problemsOf = (d: ConnectionDraft): string[] => (tried ? draftProblems(d) : typedProblems(d));
  const blocked = drafts.some((d) => draftProblems(d).length > 0) || dups.length > 0;

  const update = (i: number, d: ConnectionDraft): void => {
    setDrafts((all) => all.map((x, j) => (j === i ? d : x)));
    setStarted(null);
  };

  const start = (): void => {
    setTried(true);
    setStarted(null);
    if (blocked) {
      setError('Nothing was started: fix the problems shown with the connections above.');
      return;
    }
    setBusy(true);
    setError(null);
    const brokers = drafts.map(toBrokerConfig);
    api.commands['session.watch']({ brokers }).then(
      (info) => {
        useStore.getState().setInfo(info, nextArrival());
        useStore.getState().setLastError(null);
        setStarted({
          text: brokers.length === 1 ? 'Watching the broker: its state is shown above.' : `Watching ${brokers.length} brokers: their state is shown above.`,
          session: info.session,
        });
        setTried(false);
      },
      (err: unknown) => setError(`The engine refused the watch: ${errorMessage(err)}`),
    ).finally(() => setBusy(false));
  };

  return (
    <section className="panel cx-watch" aria-labelledby={titleId}>
      <h2 id={titleId}>Watch a broker</h2>
      <p className="muted">
        Listen to the plant’s middleware: what its broker carries under the subscriptions is journaled and monitored. Nothing is
        published unless you allow it for a connection.
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          start();
        }}
      >
        {drafts.map((d, i) => (
          <ConnectionFields
            key={d.key}
            draft={d}
            index={i + 1}
            count={drafts.length}
            problems={problemsOf(d)}
            onChange={(next) => update(i, next)}
            onRemove={() => setDrafts((all) => all.filter((x) => x.key !== d.key))}
          />
        ))}
        {dups.length > 0 && (
          <p className="error">
            Two connections would both be called {dups.map((n) => `“${n}”`).join(', ')}: give them different names (each keeps its own
            outbox and mappings).
          </p>
        )}
        <div className="controls">
          <button type="button" onClick={() => setDrafts((all) => [...all, blankDraft()])}>
            Add connection
          </button>
          <button type="submit" disabled={busy || connection !== 'open'} aria-describedby={noteId}>
            {busy ? 'Starting…' : 'Start watching'}
          </button>
          <span id={noteId} className="muted">
            {watching
              ? 'Ends the current watch and starts a new session with these connections.'
              : 'Ends the current session (a running simulation stops) and starts a new one watching these connections.'}
          </span>
        </div>
        <div aria-live="polite">
          {error && (
            <p role="alert" className="error">
              {error}
            </p>
          )}
          {started && started.session === session && <p className="cx-ok">{started.text}</p>}
        </div>
      </form>
    </section>
  );
}
