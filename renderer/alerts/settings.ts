/**
 * Alert preferences: which kinds alert at all, and quiet mode (no OS or browser notification;
 * the bell still lists and counts). Kept in this browser's localStorage under one key,
 * `linesight.alerts`, for now — they could move to the host's settings file with the view preferences.
 */
import { ALERT_KINDS, type AlertKind } from './detect.js';

export type AlertSettings = {
  /** per kind: alert at all (listed and counted by the bell, and a notification unless quiet) */
  readonly kinds: Readonly<Record<AlertKind, boolean>>;
  /** no notifications at all; the bell's list and count go on */
  readonly quiet: boolean;
};

export const ALERTS_KEY = 'linesight.alerts';

export const DEFAULT_ALERT_SETTINGS: AlertSettings = {
  kinds: { gap: true, 'dead-letter': true, 'broker-lost': true, journal: true },
  quiet: false,
};

/** Settings from stored JSON: anything unreadable or missing takes its default. */
export function parseAlertSettings(text: string | null): AlertSettings {
  if (text === null) return DEFAULT_ALERT_SETTINGS;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return DEFAULT_ALERT_SETTINGS;
  }
  if (typeof raw !== 'object' || raw === null) return DEFAULT_ALERT_SETTINGS;
  const r = raw as { kinds?: unknown; quiet?: unknown };
  const stored = typeof r.kinds === 'object' && r.kinds !== null ? (r.kinds as Record<string, unknown>) : {};
  const kinds = Object.fromEntries(ALERT_KINDS.map((k) => [k, typeof stored[k] === 'boolean' ? stored[k] : DEFAULT_ALERT_SETTINGS.kinds[k]])) as Record<AlertKind, boolean>;
  return { kinds, quiet: typeof r.quiet === 'boolean' ? r.quiet : DEFAULT_ALERT_SETTINGS.quiet };
}

/** Whether an alert of `kind` raises a notification under `settings`. */
export const notifies = (settings: AlertSettings, kind: AlertKind): boolean => !settings.quiet && settings.kinds[kind];

export function loadAlertSettings(storage: { getItem(key: string): string | null } | undefined): AlertSettings {
  try {
    return parseAlertSettings(storage?.getItem(ALERTS_KEY) ?? null);
  } catch {
    // storage switched off
    return DEFAULT_ALERT_SETTINGS;
  }
}

export function saveAlertSettings(storage: { setItem(key: string, value: string): void } | undefined, settings: AlertSettings): void {
  try {
    storage?.setItem(ALERTS_KEY, JSON.stringify(settings));
  } catch {
    // storage switched off: kept for this page only
  }
}
