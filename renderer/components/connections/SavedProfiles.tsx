import { useId, useRef, useState } from 'react';
import type { ConnectionProfile, ProfilesExport } from '../../../engine/contract/index.js';
import { useApi } from '../../api/api-context.js';
import { errorMessage } from '../../format.js';
import { SavedFile } from '../SavedFile.js';
import { saveSettings, settingsChanged, useSettings } from '../preferences/settings-store.js';
import { importSummary, withProfile } from './connection-profile.js';

type Props = {
  /** put the profile into the form, to edit or watch */
  readonly onUse: (profile: ConnectionProfile) => void;
};

type Outcome = { readonly kind: 'ok' | 'error'; readonly lines: readonly string[] } | { readonly kind: 'export'; readonly result: ProfilesExport };

/**
 * The connection profiles this computer keeps (settings.json, never a password): use one in the
 * form, delete one (with undo), export them all as a connections file a team can share — it is
 * what `linesight serve --connections` reads — or import such a file.
 */
export function SavedProfiles({ onUse }: Props) {
  const api = useApi();
  const { state, error: loadError } = useSettings(api);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [deleted, setDeleted] = useState<{ readonly profile: ConnectionProfile; readonly at: number } | null>(null);
  const file = useRef<HTMLInputElement>(null);
  const titleId = useId();
  const profiles = state?.settings.connections ?? [];

  const run = (work: () => Promise<Outcome | null>): void => {
    setBusy(true);
    setOutcome(null);
    work()
      .then(setOutcome, (err: unknown) => setOutcome({ kind: 'error', lines: [errorMessage(err)] }))
      .finally(() => setBusy(false));
  };

  const remove = (p: ConnectionProfile): void =>
    run(async () => {
      const at = profiles.findIndex((x) => x.name === p.name);
      await saveSettings(api, { connections: profiles.filter((x) => x.name !== p.name) });
      setDeleted({ profile: p, at });
      return null;
    });
  const undo = (): void => {
    if (!deleted) return;
    const { profile, at } = deleted;
    setDeleted(null);
    run(async () => {
      // back where it was, unless a profile of its name was saved meanwhile
      const back = profiles.some((p) => p.name === profile.name) ? withProfile(profiles, profile).list : [...profiles.slice(0, at), profile, ...profiles.slice(at)];
      await saveSettings(api, { connections: back });
      return { kind: 'ok', lines: [`Profile “${profile.name}” is back.`] };
    });
  };
  const exportAll = (): void => run(async () => ({ kind: 'export', result: await api.commands['settings.exportProfiles']() }));
  const importFile = (f: File): void =>
    run(async () => {
      const result = await api.commands['settings.importProfiles']({ text: await f.text(), fileName: f.name });
      settingsChanged(result.settings);
      return { kind: result.added.length + result.replaced.length > 0 ? 'ok' : 'error', lines: importSummary(result) };
    });

  return (
    <section className="cx-profiles" aria-labelledby={titleId}>
      <h3 id={titleId}>Saved profiles</h3>
      {state === null ? (
        <p className="muted">{loadError === null ? 'Reading the saved profiles…' : `The saved profiles cannot be read: ${loadError}`}</p>
      ) : profiles.length === 0 ? (
        <p className="muted">None yet: fill a connection in below and press “Save as profile”, or import a connections file.</p>
      ) : (
        <ul className="cx-profile-list" aria-label="Saved connection profiles">
          {profiles.map((p) => (
            <li key={p.name}>
              <span className="cx-profile-name">{p.name}</span>
              <code className="cx-profile-url">{p.url}</code>
              {p.publish && <span className="cx-profile-flag">may publish</span>}
              <span className="cx-profile-actions">
                <button type="button" onClick={() => onUse(p)} aria-label={`Use profile ${p.name}`}>
                  Use
                </button>
                <button type="button" disabled={busy} onClick={() => remove(p)} aria-label={`Delete profile ${p.name}`}>
                  Delete
                </button>
              </span>
            </li>
          ))}
        </ul>
      )}
      <div className="controls">
        <button type="button" disabled={busy || profiles.length === 0} onClick={exportAll}>
          Export profiles
        </button>
        <button type="button" disabled={busy || state === null} onClick={() => file.current?.click()}>
          Import profiles…
        </button>
        <input
          ref={file}
          type="file"
          className="cx-file"
          accept=".yaml,.yml,.json,application/yaml,application/json"
          aria-label="Connections file to import"
          tabIndex={-1}
          onChange={(e) => {
            const f = e.target.files?.[0];
            e.target.value = '';
            if (f) importFile(f);
          }}
        />
        <span className="muted cx-hint">a connections file, as linesight serve --connections reads; passwords are never written to it</span>
      </div>
      <div aria-live="polite">
        {deleted && (
          <p className="cx-tight">
            Deleted profile “{deleted.profile.name}”.{' '}
            <button type="button" onClick={undo}>
              Undo
            </button>
          </p>
        )}
        {outcome?.kind === 'export' && (
          <>
            <p className="cx-ok">
              <SavedFile result={outcome.result}>
                {outcome.result.rows === 1 ? '1 profile' : `${outcome.result.rows} profiles`} written to
              </SavedFile>
            </p>
            {outcome.result.notes.map((n) => (
              <p key={n} className="cx-warn">
                {n}
              </p>
            ))}
          </>
        )}
        {outcome && outcome.kind !== 'export' && (
          <ul className={outcome.kind === 'ok' ? 'cx-import-result' : 'cx-import-result error'} role={outcome.kind === 'error' ? 'alert' : undefined}>
            {outcome.lines.map((l) => (
              <li key={l}>{l}</li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
