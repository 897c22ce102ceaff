/**
 * The console's alerts: the recent ones (for the bell's list), how many are unseen (the bell's count
 * and the desktop app's badge), and the preferences. A small store of its own rather than a slice:
 * it changes when something new happens, not with every frame. `startAlerts` watches the frames in
 * the main store and feeds it (renderer/alerts/detect.ts says what is new).
 */
import { useSyncExternalStore } from 'react';
import type { Frame, LinesightApi, SessionInfo } from '../../engine/contract/index.js';
import { useStore, type Store } from '../store/store.js';
import { detectAlerts, type Alert, type SessionKind } from './detect.js';
import { notificationAccess, openHref, raise, requestNotificationAccess, setBadge, type NotificationAccess } from './notify.js';
import { notificationsFor, type AlertsBridge } from './outgoing.js';
import { loadAlertSettings, saveAlertSettings, type AlertSettings } from './settings.js';

/** How many alerts the bell lists, newest first. */
export const MAX_RECENT = 50;

export type AlertsSnapshot = {
  readonly recent: readonly (Alert & { readonly at: number })[];
  readonly unseen: number;
  readonly settings: AlertSettings;
  readonly access: NotificationAccess;
};

const storage = (): Storage | undefined => (typeof localStorage === 'undefined' ? undefined : localStorage);

let desktop: AlertsBridge | undefined;
let snapshot: AlertsSnapshot = { recent: [], unseen: 0, settings: loadAlertSettings(storage()), access: 'unsupported' };
const listeners = new Set<() => void>();

function publish(next: AlertsSnapshot): void {
  const badge = next.unseen !== snapshot.unseen;
  snapshot = next;
  if (badge) setBadge(next.unseen, desktop);
  for (const l of listeners) l();
}

const subscribe = (l: () => void): (() => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};

export const alertsSnapshot = (): AlertsSnapshot => snapshot;
export const useAlerts = (): AlertsSnapshot => useSyncExternalStore(subscribe, alertsSnapshot);

/** The user looked: the window gained focus, or the bell's list opened. */
export function markAlertsSeen(): void {
  if (snapshot.unseen !== 0) publish({ ...snapshot, unseen: 0 });
}

export function setAlertSettings(settings: AlertSettings): void {
  saveAlertSettings(storage(), settings);
  publish({ ...snapshot, settings });
}

/** The browser's permission prompt, from the "Allow notifications" button. */
export async function allowNotifications(): Promise<void> {
  const access = await requestNotificationAccess(desktop);
  publish({ ...snapshot, access });
}

/** New alerts of the kinds switched on: listed, counted, and raised as notifications unless in quiet mode. */
export function addAlerts(found: readonly Alert[], at: number = Date.now()): void {
  const alerts = found.filter((a) => snapshot.settings.kinds[a.kind]);
  if (alerts.length === 0) return;
  const added = [...alerts].reverse().map((a) => ({ ...a, at }));
  publish({ ...snapshot, recent: [...added, ...snapshot.recent].slice(0, MAX_RECENT), unseen: snapshot.unseen + alerts.length });
  raise(notificationsFor(alerts, snapshot.settings), desktop);
}

/** A session's kind as its status says: a replay, a watch of brokers (live), or a simulation. */
export const kindOfInfo = (info: SessionInfo): SessionKind => (info.replay ? 'replay' : info.watching !== null ? 'live' : 'simulation');

const selectFrame = (s: Store): Frame | null => s.frame;

/**
 * Watch the store's frames and raise what is new; `bridge` is the desktop app's (undefined in the
 * browser host). A session's kind comes from the last status reply when it names the frame's
 * session, else from `session.status`, asked once: until it is known nothing alerts (what the
 * frames show meanwhile counts as seen). Returns the function that stops.
 */
export function startAlerts(api: Pick<LinesightApi, 'queries'>, bridge: AlertsBridge | undefined): () => void {
  desktop = bridge;
  publish({ ...snapshot, access: notificationAccess(bridge) });
  const kinds = new Map<number, SessionKind>();
  const asked = new Set<number>();
  let prev: Frame | null = null;
  let seen: ReadonlySet<string> = new Set();

  const kindOf = (s: Store, session: number | null): SessionKind => {
    if (session === null) return 'unknown';
    if (s.info?.session === session) kinds.set(session, kindOfInfo(s.info));
    const known = kinds.get(session);
    if (known) return known;
    if (!asked.has(session)) {
      asked.add(session);
      api.queries['session.status']().then(
        (info) => {
          if (info.session !== null) kinds.set(info.session, kindOfInfo(info));
        },
        () => asked.delete(session),
      );
    }
    return 'unknown';
  };

  const onFrame = (s: Store): void => {
    const frame = selectFrame(s);
    if (frame === null || frame === prev) return;
    const found = detectAlerts(prev, frame, seen, kindOf(s, frame.session));
    prev = frame;
    seen = found.seen;
    addAlerts(found.alerts);
  };
  onFrame(useStore.getState());
  const offStore = useStore.subscribe((s, before) => {
    // after a lost connection the next frame is the first again: what it shows was not seen happen
    if (s.connection !== before.connection && s.connection !== 'open') prev = null;
    if (s.frame !== before.frame) onFrame(s);
  });
  const offClick = bridge?.onNotificationClick(openHref);
  window.addEventListener('focus', markAlertsSeen);
  return () => {
    offStore();
    offClick?.();
    window.removeEventListener('focus', markAlertsSeen);
  };
}
