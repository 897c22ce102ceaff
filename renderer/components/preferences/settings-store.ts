/**
 * The settings the host keeps (`settings.get` / `settings.save`), shared by the views that use
 * them: the header's preferences, the watch form's profiles, the simulator's last scenario. A small
 * store of its own rather than a slice: settings change when the user changes them, not with
 * frames, and no view needs them in the same render as live data. The theme is applied to `<html>`
 * as `data-theme` (and remembered by the browser for the next page load's first paint).
 */
import { useEffect, useSyncExternalStore } from 'react';
import type { LinesightApi, Settings, SettingsPatch, SettingsState, Theme, ViewPreferences } from '../../../engine/contract/index.js';
import { errorMessage } from '../../format.js';
import { selectConnection } from '../../store/selectors.js';
import { useStore } from '../../store/store.js';

/** What the console knows of the settings: null until the host answered. */
export type SettingsSnapshot = { readonly state: SettingsState | null; readonly error: string | null };

const DEFAULT_VIEW: ViewPreferences = { theme: 'system', time: 'plant', numbers: 'locale' };
/** The theme as last applied, for the next page load's first paint (before the host answers). */
const THEME_KEY = 'linesight.theme';

let snapshot: SettingsSnapshot = { state: null, error: null };
const listeners = new Set<() => void>();
let loading: Promise<void> | null = null;
/** Saves asked for so far. */
let saves = 0;

function publish(next: SettingsSnapshot): void {
  snapshot = next;
  if (next.state) applyTheme(next.state.settings.view.theme);
  for (const l of listeners) l();
}

const subscribe = (l: () => void): (() => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};

/** `light`/`dark` set `data-theme` on `<html>`, which styles.css honours over the system's; `system` removes it. */
export function applyTheme(theme: Theme): void {
  if (typeof document === 'undefined') return;
  const root = document.documentElement;
  if (theme === 'system') delete root.dataset.theme;
  else root.dataset.theme = theme;
  try {
    localStorage.setItem(THEME_KEY, theme);
  } catch {
    // storage off: the host's answer applies it a moment later
  }
}

// the first paint in the theme chosen last time, not the system's
try {
  const kept = typeof localStorage === 'undefined' ? null : localStorage.getItem(THEME_KEY);
  if (kept === 'light' || kept === 'dark') applyTheme(kept);
} catch {
  // storage off
}

/** Ask the host (again); concurrent callers share one request. */
export function loadSettings(api: Pick<LinesightApi, 'queries'>): Promise<void> {
  const before = saves;
  loading ??= api.queries['settings.get']().then(
    // a save asked for meanwhile answers with newer settings (and may show a choice already)
    (state) => publish(saves === before ? { state, error: null } : { state: snapshot.state && { ...snapshot.state, notice: state.notice, readOnly: state.readOnly }, error: null }),
    (err: unknown) => publish({ ...snapshot, error: errorMessage(err) }),
  ).finally(() => {
    loading = null;
  });
  return loading;
}

/**
 * Save a change; the store follows the host's answer. A change of view preferences shows at once,
 * and stays for now if the host refuses to keep it. Rejects with the host's reason (e.g. a read-only file).
 */
export async function saveSettings(api: Pick<LinesightApi, 'commands'>, patch: SettingsPatch): Promise<Settings> {
  const shown = snapshot.state;
  if (patch.view && shown) publish({ ...snapshot, state: { ...shown, settings: { ...shown.settings, view: { ...shown.settings.view, ...patch.view } } } });
  const mine = ++saves;
  const settings = await api.commands['settings.save'](patch);
  // the host answers saves in order: an answer overtaken by a later save would undo what that one shows already
  if (mine === saves) publish({ state: { ...(snapshot.state ?? { notice: null, readOnly: false }), settings }, error: null });
  return settings;
}

/** Put settings the host answered with some other call (an import) into the store. */
export function settingsChanged(settings: Settings): void {
  publish({ state: { ...(snapshot.state ?? { notice: null, readOnly: false }), settings }, error: null });
}

/** The notice was shown: the host stops saying it. */
export async function dismissNotice(api: Pick<LinesightApi, 'commands'>): Promise<void> {
  publish({ state: await api.commands['settings.dismissNotice'](), error: null });
}

/** The settings, loaded from the host whenever the connection (re)opens. */
export function useSettings(api: Pick<LinesightApi, 'queries'>): SettingsSnapshot {
  const connection = useStore(selectConnection);
  useEffect(() => {
    if (connection === 'open') void loadSettings(api);
  }, [api, connection]);
  return useSyncExternalStore(subscribe, () => snapshot);
}

/** The view preferences (the defaults until the host answered): how to show times and numbers. */
export function usePreferences(): ViewPreferences {
  return useSyncExternalStore(subscribe, () => snapshot.state?.settings.view ?? DEFAULT_VIEW);
}
