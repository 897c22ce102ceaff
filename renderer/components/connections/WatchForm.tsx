import { useEffect, useId, useRef, useState } from 'react';
import { useApi } from '../../api/api-context.js';
import { secretsBridge } from '../../api/ipc.js';
import { errorMessage } from '../../format.js';
import { nextArrival } from '../../store/bind-api.js';
import { selectConnection, selectIsWatching, selectSession } from '../../store/selectors.js';
import { useStore } from '../../store/store.js';
import { saveSettings, useSettings } from '../preferences/settings-store.js';
import { ConnectionFields } from './ConnectionFields.js';
import { draftFromProfile, placeDraft, profileFromDraft, withProfile } from './connection-profile.js';
import {
  blankDraft,
  draftProblems,
  duplicateNames,
  toBrokerConfig,
  typedProblems,
  withoutPasswords,
  type ConnectionDraft,
} from './connection-draft.js';
import { fillRemembered, keepPasswords, keyStoreOf, type KeyStore } from './remembered-passwords.js';
import { SavedProfiles } from './SavedProfiles.js';

/**
 * What was typed, kept while the console is open so leaving the view loses nothing — except the
 * passwords, which are asked each time (or, in the desktop app, read from the OS key store).
 */
let remembered: readonly ConnectionDraft[] | null = null;

/** Set up one or more brokers, then watch them all (`session.watch`), which ends the current session. */
export function WatchForm() {
  const api = useApi();
  const connection = useStore(selectConnection);
  const watching = useStore(selectIsWatching);
  const [drafts, setDrafts] = useState<readonly ConnectionDraft[]>(() => remembered ?? [blankDraft()]);
  // the desktop app's key store (undefined in the browser host), and whether it can remember here
  const [secrets] = useState(() => secretsBridge());
  const [keyStore, setKeyStore] = useState<KeyStore>(secrets ? 'checking' : 'absent');
  // what went wrong remembering or forgetting passwords (the watch itself went ahead)
  const [keyNotes, setKeyNotes] = useState<readonly string[]>([]);
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // what the last start said, and the journal session it opened (shown only while that session is current)
  const [started, setStarted] = useState<{ readonly text: string; readonly session: number | null } | null>(null);
  const session = useStore(selectSession);
  // "Save as profile": what it said, per connection (by draft key)
  const [profileNotes, setProfileNotes] = useState<Readonly<Record<number, { readonly ok: boolean; readonly lines: readonly string[] }>>>({});
  const { state: settings } = useSettings(api);
  const titleId = useId();
  const noteId = useId();
  const latest = useRef(drafts);
  useEffect(() => {
    latest.current = drafts;
  }, [drafts]);
  useEffect(() => () => void (remembered = withoutPasswords(latest.current)), []);
  useEffect(() => {
    let live = true;
    void keyStoreOf(secrets).then((k) => live && setKeyStore(k));
    return () => void (live = false);
  }, [secrets]);

  const dups = duplicateNames(drafts);
  const problemsOf = (d: ConnectionDraft): string[] => (tried ? draftProblems(d) : typedProblems(d));
  const blocked = drafts.some((d) => draftProblems(d).length > 0) || dups.length > 0;

  const update = (i: number, d: ConnectionDraft): void => {
    setDrafts((all) => all.map((x, j) => (j === i ? d : x)));
    setStarted(null);
    // what "Save as profile" said is about the inputs as they were
    setProfileNotes((notes) => {
      if (!(d.key in notes)) return notes;
      const { [d.key]: _said, ...rest } = notes;
      return rest;
    });
  };

  /** Keep one connection as a profile (never its password): a new one, or over the one of its name. */
  const saveProfile = (d: ConnectionDraft): void => {
    const note = (ok: boolean, lines: readonly string[]): void => setProfileNotes((n) => ({ ...n, [d.key]: { ok, lines } }));
    const made = profileFromDraft(d);
    if (!made.ok) return note(false, ['Not saved as a profile:', ...made.problems]);
    if (settings === null) return note(false, ['Not saved as a profile: the saved profiles have not been read yet']);
    const { list, replaced } = withProfile(settings.settings.connections, made.profile);
    saveSettings(api, { connections: list }).then(
      () => note(true, [`${replaced ? 'Updated' : 'Saved'} profile “${made.profile.name}”${d.password === '' ? '' : ' (without its password: that is never stored here)'}.`]),
      (err: unknown) => note(false, [`Not saved as a profile: ${errorMessage(err)}`]),
    );
  };

  const start = (): void => {
    setTried(true);
    setStarted(null);
    setKeyNotes([]);
    if (blocked) {
      setError('Nothing was started: fix the problems shown with the connections above.');
      return;
    }
    setBusy(true);
    setError(null);
    void watch(keyStore === 'available' ? secrets : undefined).finally(() => setBusy(false));
  };

  /** Fill empty passwords from the key store, watch, then keep or forget each password as its box says. */
  const watch = async (keys: typeof secrets): Promise<void> => {
    const filled = keys ? await fillRemembered(drafts, keys) : drafts;
    const found = new Map(filled.filter((d, i) => d !== drafts[i]).map((d) => [d.key, d.password]));
    if (found.size > 0) {
      // show that the remembered password is used (unless something was typed meanwhile)
      setDrafts((all) => all.map((x) => (found.has(x.key) && x.password === '' ? { ...x, password: found.get(x.key)!, remember: true } : x)));
    }
    const brokers = filled.map(toBrokerConfig);
    let info: Awaited<ReturnType<(typeof api.commands)['session.watch']>>;
    try {
      info = await api.commands['session.watch']({ brokers });
    } catch (err) {
      setError(`The engine refused the watch: ${errorMessage(err)}`);
      return;
    }
    useStore.getState().setInfo(info, nextArrival());
    useStore.getState().setLastError(null);
    setStarted({
      text: brokers.length === 1 ? 'Watching the broker: its state is shown above.' : `Watching ${brokers.length} brokers: their state is shown above.`,
      session: info.session,
    });
    setTried(false);
    if (keys) setKeyNotes(await keepPasswords(filled, keys));
  };

  return (
    <section className="panel cx-watch" aria-labelledby={titleId}>
      <h2 id={titleId}>Watch a broker</h2>
      <p className="muted">
        Listen to the plant’s middleware: what its broker carries under the subscriptions is journaled and monitored. Nothing is
        published unless you allow it for a connection.
      </p>
      <SavedProfiles
        onUse={(p) => {
          setDrafts((all) => placeDraft(all, draftFromProfile(p)));
          setStarted(null);
        }}
      />
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
            keyStore={keyStore}
            onChange={(next) => update(i, next)}
            onRemove={() => setDrafts((all) => all.filter((x) => x.key !== d.key))}
            onSaveProfile={() => saveProfile(d)}
            profileNote={profileNotes[d.key] ?? null}
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
          {keyNotes.map((note) => (
            <p key={note} className="cx-warn">
              {note}
            </p>
          ))}
        </div>
      </form>
    </section>
  );
}
