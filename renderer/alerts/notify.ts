/**
 * Delivering alerts outside the page. In the desktop app the main process raises OS notifications
 * and sets the dock/taskbar badge (`window.linesight.notify`, electron/notifications.ts: the page
 * itself is refused every permission); in the browser host, the Notification API once the user
 * allowed it — asked only from the "Allow notifications" button, never on load. Clicking a
 * notification brings the window forward and opens the alert's item (`location.hash = href`).
 */
import type { AlertsBridge, Outgoing } from './outgoing.js';

/** Whether this page may raise notifications: the desktop app always may (the main process does). */
export type NotificationAccess = 'desktop' | 'granted' | 'default' | 'denied' | 'unsupported';

type BrowserNotifications = typeof globalThis.Notification | undefined;
const browserNotifications = (): BrowserNotifications => (typeof Notification === 'undefined' ? undefined : Notification);

export function notificationAccess(desktop: AlertsBridge | undefined): NotificationAccess {
  if (desktop) return 'desktop';
  const N = browserNotifications();
  return N ? N.permission : 'unsupported';
}

/** The browser's permission prompt (from a click only); resolves to the access after. */
export async function requestNotificationAccess(desktop: AlertsBridge | undefined): Promise<NotificationAccess> {
  const N = browserNotifications();
  if (desktop || !N) return notificationAccess(desktop);
  return N.requestPermission();
}

/** Open an alert's item: the window forward, the route in the hash. */
export function openHref(href: unknown): void {
  if (typeof href !== 'string' || !/^#\/[A-Za-z0-9/_%.-]*$/.test(href)) return;
  window.focus();
  window.location.hash = href;
}

/** Raise `notifications` where this page can; nothing where it may not (yet). */
export function raise(notifications: readonly Outgoing[], desktop: AlertsBridge | undefined): void {
  if (desktop) {
    for (const { kind, title, body, href } of notifications) void desktop.notify({ kind, title, body, href }).catch(() => undefined);
    return;
  }
  const N = browserNotifications();
  if (!N || N.permission !== 'granted') return;
  for (const n of notifications) {
    try {
      const shown = new N(n.title, { body: n.body, tag: n.tag });
      shown.onclick = () => {
        openHref(n.href);
        shown.close();
      };
    } catch {
      // some browsers allow notifications only from a service worker: the bell still lists the alert
    }
  }
}

/** The dock/taskbar badge of the desktop app (the browser host shows the count on the bell only). */
export function setBadge(count: number, desktop: AlertsBridge | undefined): void {
  if (desktop) void desktop.setBadgeCount(count).catch(() => undefined);
}
