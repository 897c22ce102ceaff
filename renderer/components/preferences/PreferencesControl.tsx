import { useEffect, useId, useRef, useState } from 'react';
import type { ViewPreferences } from '../../../engine/contract/index.js';
import { useApi } from '../../api/api-context.js';
import { errorMessage } from '../../format.js';
import { applyTheme, dismissNotice, saveSettings, useSettings } from './settings-store.js';
import './preferences.css';
import { useDisclosure } from '../use-disclosure.js';

type Choice<K extends keyof ViewPreferences> = { readonly value: ViewPreferences[K]; readonly label: string; readonly hint?: string };

const THEMES: readonly Choice<'theme'>[] = [
  { value: 'system', label: 'System', hint: 'as the operating system is set' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];
const TIMES: readonly Choice<'time'>[] = [
  { value: 'plant', label: 'Plant time', hint: 'in the plant’s time zone' },
  { value: 'utc', label: 'UTC' },
];
// a function, not a constant: formatting loads ICU data (~10 ms here), paid when the panel shows, not when the console loads
const numberChoices = (): readonly Choice<'numbers'>[] => [
  { value: 'locale', label: (12345).toLocaleString(), hint: 'grouped the way this computer’s language does' },
  { value: 'plain', label: '12345', hint: 'no grouping' },
];

/**
 * "Preferences ▾" at the end of the header: theme, how times and numbers are shown — kept by the
 * host in its settings file, so the next start looks the same. It opens by itself when the host has
 * something to say about that file once (set aside as corrupt, upgraded, too new to change).
 * A disclosure like the role control: Escape or a click elsewhere closes it.
 */
export function PreferencesControl() {
  const api = useApi();
  const { state, error: loadError } = useSettings(api);
  const notice = state?.notice ?? null;
  // a notice stays in view until it is dismissed or the panel is closed on purpose
  const { open, setOpen, trigger, rootProps } = useDisclosure(notice !== null);
  const [error, setError] = useState<string | null>(null);
  const panelId = useId();
  const titleId = useId();

  // a notice about the settings file opens the panel by itself, once per notice
  const shown = useRef<string | null>(null);
  useEffect(() => {
    if (notice !== null && shown.current !== notice) {
      shown.current = notice;
      setOpen(true);
    }
  }, [notice, setOpen]);


  const choose = <K extends keyof ViewPreferences>(key: K, value: ViewPreferences[K]): void => {
    setError(null);
    // the theme changes at once, even where the file cannot be written
    if (key === 'theme') applyTheme(value as ViewPreferences['theme']);
    saveSettings(api, { view: { [key]: value } }).catch((err: unknown) => setError(`Not kept for the next start: ${errorMessage(err)}`));
  };

  const view = state?.settings.view;
  const group = <K extends keyof ViewPreferences>(key: K, legend: string, choices: readonly Choice<K>[]) => (
    <fieldset className="prefs-group">
      <legend>{legend}</legend>
      {choices.map((c) => (
        <label key={String(c.value)} className="prefs-choice" title={c.hint}>
          <input type="radio" name={`${panelId}-${key}`} value={String(c.value)} checked={view?.[key] === c.value} disabled={!view} onChange={() => choose(key, c.value)} />
          {c.label}
        </label>
      ))}
    </fieldset>
  );

  return (
    <div {...rootProps} className="prefs">
      <button
        ref={trigger}
        type="button"
        className={`prefs-trigger${notice !== null ? ' prefs-attention' : ''}`}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen(!open)}
      >
        Preferences
        {notice !== null && <span className="prefs-flag"> · note</span>}
        <span aria-hidden="true" className="prefs-caret">
          ▾
        </span>
      </button>
      <div id={panelId} className="panel prefs-panel" role="group" aria-labelledby={titleId} hidden={!open}>
        <p id={titleId} className="prefs-title">
          Preferences
        </p>
        {notice !== null && (
          <div className="prefs-notice" role="alert">
            {notice.split('\n').map((line) => (
              <p key={line}>{line}</p>
            ))}
            <button type="button" onClick={() => void dismissNotice(api).catch((err: unknown) => setError(errorMessage(err)))}>
              Understood
            </button>
          </div>
        )}
        {state === null && <p className="muted">{loadError === null ? 'Asking the host…' : `Cannot read the settings: ${loadError}`}</p>}
        {group('theme', 'Theme', THEMES)}
        {group('time', 'Times', TIMES)}
        {group('numbers', 'Numbers', numberChoices())}
        <p className="muted prefs-where">Times: plant time is each plant’s own zone (a watch without a plant model shows UTC); the exact UTC instant stays in tooltips. Numbers follow your system’s locale, or plain without grouping.</p>
        <p className="muted prefs-where">
          {state?.readOnly
            ? 'Used for now only: the settings file belongs to a newer Linesight and is not changed.'
            : 'Kept by this computer’s Linesight with your connection profiles and last scenario — never a password.'}
        </p>
        {error !== null && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
      </div>
    </div>
  );
}
