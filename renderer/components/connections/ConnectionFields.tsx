import { useId } from 'react';
import { subscriptionWarning, type ConnectionDraft } from './connection-draft.js';
import { MoreFields } from './MoreFields.js';
import type { KeyStore } from './remembered-passwords.js';

type Props = {
  readonly draft: ConnectionDraft;
  /** 1-based, for the legend when there are several */
  readonly index: number;
  readonly count: number;
  /** problems found when "Start watching" was last pressed (shown until the inputs change) */
  readonly problems: readonly string[];
  /** whether this console can remember passwords (desktop app with an OS key store) */
  readonly keyStore: KeyStore;
  readonly onChange: (draft: ConnectionDraft) => void;
  readonly onRemove: () => void;
  /** keep this connection as a profile (settings.json, without the password) */
  readonly onSaveProfile: () => void;
  /** what the last "Save as profile" said: saved, or why not */
  readonly profileNote: { readonly ok: boolean; readonly lines: readonly string[] } | null;
};

/** One broker to watch: where it is, what to subscribe to, how to log in, and whether Linesight may publish to it. */
export function ConnectionFields({ draft, index, count, problems, keyStore, onChange, onRemove, onSaveProfile, profileNote }: Props) {
  const id = useId();
  const set = (patch: Partial<ConnectionDraft>): void => onChange({ ...draft, ...patch });
  const warning = subscriptionWarning(draft);
  const f = (name: string): string => `${id}-${name}`;
  const legend = count > 1 ? `Connection ${index}` : 'Connection';
  const canRemember = keyStore === 'available' && draft.username.trim() !== '';
  return (
    <fieldset className="cx-conn" aria-describedby={problems.length > 0 ? f('problems') : undefined}>
      <legend>{legend}</legend>
      <div className="cx-grid">
        <div className="cx-field cx-wide">
          <label htmlFor={f('url')}>Broker URL</label>
          <input
            id={f('url')}
            type="text"
            inputMode="url"
            spellCheck={false}
            autoComplete="off"
            placeholder="mqtt://192.168.10.5:1883"
            aria-describedby={f('url-hint')}
            value={draft.url}
            onChange={(e) => set({ url: e.target.value })}
          />
          <span id={f('url-hint')} className="muted cx-hint">
            mqtt://, mqtts://, ws:// or wss://
          </span>
        </div>
        <div className="cx-field">
          <label htmlFor={f('name')}>
            Name <span className="muted">(optional)</span>
          </label>
          <input id={f('name')} type="text" placeholder="e.g. line-2-gateway" aria-describedby={f('name-hint')} value={draft.name} onChange={(e) => set({ name: e.target.value })} />
          <span id={f('name-hint')} className="muted cx-hint">
            default: the URL
          </span>
        </div>
        <div className="cx-field">
          <label htmlFor={f('version')}>MQTT version</label>
          <select id={f('version')} value={draft.version} onChange={(e) => set({ version: e.target.value === '4' ? '4' : '5' })}>
            <option value="5">5</option>
            <option value="4">3.1.1</option>
          </select>
        </div>
        <div className="cx-field">
          <label htmlFor={f('subs')}>Subscriptions</label>
          <textarea
            id={f('subs')}
            rows={3}
            spellCheck={false}
            aria-describedby={f('subs-hint')}
            value={draft.subscriptions}
            onChange={(e) => set({ subscriptions: e.target.value })}
          />
          <span id={f('subs-hint')} className="muted cx-hint">
            one topic filter per line
          </span>
          {warning && <span className="cx-warn">{warning}</span>}
        </div>
        <div className="cx-field">
          <label htmlFor={f('user')}>
            User name <span className="muted">(optional)</span>
          </label>
          <input id={f('user')} type="text" autoComplete="off" value={draft.username} onChange={(e) => set({ username: e.target.value })} />
        </div>
        <div className="cx-field">
          <label htmlFor={f('pass')}>Password</label>
          <input
            id={f('pass')}
            type="password"
            autoComplete="off"
            aria-describedby={f('pass-hint')}
            value={draft.password}
            onChange={(e) => set({ password: e.target.value })}
          />
          <span id={f('pass-hint')} className="muted cx-hint">
            {passwordHint(keyStore, canRemember, draft.remember)}
          </span>
          {canRemember && (
            <label className="cx-check">
              <input type="checkbox" checked={draft.remember} onChange={(e) => set({ remember: e.target.checked })} /> Remember this
              password (OS key store)
            </label>
          )}
        </div>
        <div className="cx-field cx-wide">
          <label htmlFor={f('map')}>
            Mappings file <span className="muted">(optional)</span>
          </label>
          <input
            id={f('map')}
            type="text"
            spellCheck={false}
            placeholder="line-2.mappings.yaml"
            aria-describedby={f('map-hint')}
            value={draft.mappings}
            onChange={(e) => set({ mappings: e.target.value })}
          />
          <span id={f('map-hint')} className="muted cx-hint">
            for traffic outside linesight/v1/… (generic JSON, UMH, Sparkplug B); a file name, kept in the mappings folder of
            Linesight&apos;s config directory (a file elsewhere must be named in a connections file)
          </span>
        </div>
        <div className="cx-field cx-wide">
          <label htmlFor={f('lines')}>
            Lines <span className="muted">(optional)</span>
          </label>
          <input
            id={f('lines')}
            type="text"
            spellCheck={false}
            placeholder="US01/L1, US01/L2"
            aria-describedby={f('lines-hint')}
            value={draft.lines}
            onChange={(e) => set({ lines: e.target.value })}
          />
          <span id={f('lines-hint')} className="muted cx-hint">
            PLANT/LINE of each line this broker carries: shown on the plant overview from the start, idle until it works (others appear
            when they first send)
          </span>
        </div>
      </div>
      <MoreFields draft={draft} id={f('more')} set={set} />
      <div className="cx-publish">
        <label className="cx-check">
          <input type="checkbox" checked={draft.allowPublish} onChange={(e) => set({ allowPublish: e.target.checked })} /> Allow
          publishing test events
        </label>
        {!draft.allowPublish && <span className="muted cx-hint">Off: subscribe-only, Linesight never publishes to this broker.</span>}
        {draft.allowPublish && (
          <div className="cx-field">
            <label htmlFor={f('allow')}>Topic prefixes Linesight may publish under</label>
            <textarea
              id={f('allow')}
              rows={2}
              spellCheck={false}
              placeholder="linesight/v1/US01/L2/"
              aria-describedby={f('allow-hint')}
              value={draft.allow}
              onChange={(e) => set({ allow: e.target.value })}
            />
            <span id={f('allow-hint')} className="muted cx-hint">
              one per line, no wildcards; the injector refuses any topic outside them
            </span>
          </div>
        )}
      </div>
      {problems.length > 0 && (
        <ul id={f('problems')} className="problems" aria-label={`Problems with ${legend.toLowerCase()}`}>
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      <div className="controls cx-conn-actions">
        <button type="button" onClick={onSaveProfile} aria-describedby={profileNote ? f('saved') : undefined}>
          Save as profile
        </button>
        {count > 1 && (
          <button type="button" onClick={onRemove}>
            Remove {legend.toLowerCase()}
          </button>
        )}
      </div>
      {profileNote && (
        <div id={f('saved')} aria-live="polite" className={profileNote.ok ? 'cx-ok' : 'problems'} role={profileNote.ok ? undefined : 'alert'}>
          {profileNote.lines.map((l) => (
            <p key={l} className="cx-tight">
              {l}
            </p>
          ))}
        </div>
      )}
    </fieldset>
  );
}

/** What happens to the password, said under its field. */
function passwordHint(keyStore: KeyStore, canRemember: boolean, remember: boolean): string {
  if (canRemember && remember) return 'kept encrypted by the OS key store; left empty, the remembered one is used; untick to forget it';
  if (canRemember) return 'asked each time unless you tick “Remember” below';
  if (keyStore === 'unavailable') return 'asked each time, never stored: this system has no key store Linesight can use';
  return 'asked each time, never stored';
}
