/**
 * What one frame's alerts send out: the notifications the preferences allow (a flood summed up),
 * and the desktop app's alert functions if the preload has them. Free of the DOM (like
 * api/bridge.ts), so its tests run under Node; renderer/alerts/notify.ts delivers them.
 */
import type { LinesightBridge } from '../api/bridge.js';
import { CONNECTIONS_HREF, EXCEPTIONS_HREF, GAPS_HREF, JOURNAL_HREF, type Alert, type AlertKind } from './detect.js';
import { notifies, type AlertSettings } from './settings.js';

/** What the desktop app's main process accepts (electron/notifications.ts checks it again). */
export type DesktopNotification = { readonly kind: AlertKind; readonly title: string; readonly body: string; readonly href: string };

/** One notification to raise: what the desktop app takes, and a tag unique per alert (the alert's key). */
export type Outgoing = DesktopNotification & { readonly tag: string };

/** `window.linesight.{notify, setBadgeCount, onNotificationClick}` in the desktop shell. */
export type AlertsBridge = {
  notify(notification: DesktopNotification): Promise<unknown>;
  setBadgeCount(count: number): Promise<unknown>;
  /** called with the href of a clicked notification; returns the function that unsubscribes */
  onNotificationClick(callback: (href: unknown) => void): () => void;
};

/** The desktop app's alert functions in the preload's bridge, or undefined (browser host, or an older preload). */
export function alertsBridgeOf(bridge: LinesightBridge | undefined): AlertsBridge | undefined {
  const b = bridge as Partial<Record<keyof AlertsBridge, unknown>> | undefined;
  if (!b) return undefined;
  return typeof b.notify === 'function' && typeof b.setBadgeCount === 'function' && typeof b.onNotificationClick === 'function' ? (b as AlertsBridge) : undefined;
}

/** At most this many notifications for one frame's alerts; the rest are told as one "N more alerts". */
export const MAX_NOTIFICATIONS_AT_ONCE = 4;

const LIST_HREF: Record<AlertKind, string> = { gap: GAPS_HREF, 'dead-letter': EXCEPTIONS_HREF, 'broker-lost': CONNECTIONS_HREF, journal: JOURNAL_HREF };

/** The notifications one frame's alerts raise under `settings`: the kinds switched on, none in quiet mode, a flood summed up. */
export function notificationsFor(alerts: readonly Alert[], settings: AlertSettings): Outgoing[] {
  const wanted = alerts.filter((a) => notifies(settings, a.kind));
  const pick = ({ kind, title, body, href, key }: Alert): Outgoing => ({ kind, title, body, href, tag: key });
  if (wanted.length <= MAX_NOTIFICATIONS_AT_ONCE) return wanted.map(pick);
  const shown = wanted.slice(0, MAX_NOTIFICATIONS_AT_ONCE - 1);
  const rest = wanted.slice(MAX_NOTIFICATIONS_AT_ONCE - 1);
  const first = rest[0]!;
  const sameKind = rest.every((a) => a.kind === first.kind);
  return [
    ...shown.map(pick),
    {
      kind: first.kind,
      title: `${rest.length} more alerts`,
      body: rest
        .slice(0, 3)
        .map((a) => a.title)
        .join('; '),
      href: sameKind ? LIST_HREF[first.kind] : GAPS_HREF,
      tag: `more:${first.key}`,
    },
  ];
}
