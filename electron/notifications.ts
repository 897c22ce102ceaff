/**
 * Alerts as OS notifications, raised by the main process: the page is refused every permission
 * (main.ts), so the renderer asks here. `linesight:notify` shows one (`{ kind, title, body, href }`),
 * `linesight:notify:badge` sets the dock/taskbar badge to the unseen count, and a click on a
 * notification brings the window forward and sends its href back on `linesight:notify:click`, where
 * the renderer opens the item. Each invoke checks its sender like `linesight:call` and every argument:
 * the kind from a fixed list, title and body within their lengths, the href a route of the app
 * (`#/…`, nothing that could leave it). The logic takes Electron's Notification and app as parameters
 * (`NotificationDeps`) so tests drive it with fakes; `registerNotificationsIpc` hands it the real ones.
 */
import { app, ipcMain, Notification, type BrowserWindow, type IpcMainInvokeEvent, type NotificationConstructorOptions } from 'electron';
import { BADGE_CHANNEL, NOTIFICATION_CLICK_CHANNEL, NOTIFY_CHANNEL } from './channels.js';
import { checkSender } from './ipc.js';
import { isAppUrl } from './security.js';

/** What the renderer may raise (renderer/alerts/detect.ts `ALERT_KINDS`). */
export const NOTIFICATION_KINDS = ['gap', 'dead-letter', 'broker-lost', 'journal'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
export const MAX_TITLE_LENGTH = 120;
export const MAX_BODY_LENGTH = 400;
export const MAX_HREF_LENGTH = 300;
/** A route of the app, percent-encoded: no scheme, no host, no query, nothing but a hash path. */
export const HREF_PATTERN = /^#\/[A-Za-z0-9/_%.-]*$/;
export const MAX_BADGE = 9999;
/** Notifications kept referenced until clicked or closed (an unreferenced one may lose its click handler); older ones are closed. */
export const MAX_KEPT = 20;

/** Thrown (the invoke rejects) for arguments of the wrong type or size. */
export class BadNotificationError extends TypeError {
  constructor(message: string) {
    super(`linesight: ${message}`);
    this.name = 'BadNotificationError';
  }
}

export type NotificationRequest = { readonly kind: NotificationKind; readonly title: string; readonly body: string; readonly href: string };

/** The part of an Electron `Notification` used here. */
export type NotificationLike = {
  on(event: 'click' | 'close', listener: () => void): unknown;
  show(): void;
  close(): void;
};

/** Electron's pieces, as parameters. */
export type NotificationDeps = {
  /** Electron's `Notification`: whether the OS shows them, and a new one */
  readonly Notification: { isSupported(): boolean; create(options: NotificationConstructorOptions): NotificationLike };
  readonly app: { setBadgeCount(count?: number): boolean };
  /** the app's window now (null once closed) */
  window(): Pick<BrowserWindow, 'isMinimized' | 'restore' | 'show' | 'focus' | 'isDestroyed'> & { readonly webContents: Pick<BrowserWindow['webContents'], 'send' | 'getURL' | 'isDestroyed'> } | null;
};

type Sender = Pick<IpcMainInvokeEvent, 'senderFrame'>;

const text = (value: unknown, what: string, max: number, empty: boolean): string => {
  if (typeof value !== 'string' || (!empty && value.trim() === '') || value.length > max) {
    throw new BadNotificationError(`a notification's ${what} is a ${empty ? '' : 'non-empty '}string of at most ${max} characters`);
  }
  return value;
};

/** The request, checked field by field; extra fields are refused too. */
export function notificationOf(value: unknown): NotificationRequest {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new BadNotificationError('a notification is an object { kind, title, body, href }');
  const v = value as Record<string, unknown>;
  const extra = Object.keys(v).filter((k) => !['kind', 'title', 'body', 'href'].includes(k));
  if (extra.length > 0) throw new BadNotificationError(`a notification has only kind, title, body and href (not ${extra.slice(0, 3).join(', ')})`);
  const kind = v['kind'];
  if (typeof kind !== 'string' || !(NOTIFICATION_KINDS as readonly string[]).includes(kind)) {
    throw new BadNotificationError(`a notification's kind is one of ${NOTIFICATION_KINDS.join(', ')}`);
  }
  const href = text(v['href'], 'href', MAX_HREF_LENGTH, false);
  if (!HREF_PATTERN.test(href)) throw new BadNotificationError("a notification's href is a route of the app (#/…)");
  return { kind: kind as NotificationKind, title: text(v['title'], 'title', MAX_TITLE_LENGTH, false), body: text(v['body'], 'body', MAX_BODY_LENGTH, true), href };
}

function badgeOf(value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw new BadNotificationError('a badge count is a whole number ≥ 0');
  return Math.min(value, MAX_BADGE);
}

/** The two handlers by channel, and what a click does; Electron-free so tests call them with fakes. */
export function createNotificationHandlers(deps: NotificationDeps) {
  const kept = new Set<NotificationLike>();

  /** Bring the window forward and tell its page which item to open. */
  const open = (href: string): void => {
    const win = deps.window();
    if (!win || win.isDestroyed()) return;
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
    const contents = win.webContents;
    if (!contents.isDestroyed() && isAppUrl(contents.getURL())) contents.send(NOTIFICATION_CLICK_CHANNEL, href);
  };

  return {
    [NOTIFY_CHANNEL]: (event: Sender, request: unknown): { readonly shown: boolean } => {
      checkSender(event);
      const { title, body, href } = notificationOf(request);
      if (!deps.Notification.isSupported()) return { shown: false };
      const n = deps.Notification.create({ title, body });
      const forget = (): void => void kept.delete(n);
      n.on('click', () => {
        forget();
        open(href);
      });
      n.on('close', forget);
      kept.add(n);
      // keep a few: the oldest is taken back from the OS's list rather than kept forever
      if (kept.size > MAX_KEPT) {
        const oldest = kept.values().next().value;
        if (oldest) {
          kept.delete(oldest);
          oldest.close();
        }
      }
      n.show();
      return { shown: true };
    },
    [BADGE_CHANNEL]: (event: Sender, count: unknown): { readonly set: boolean } => {
      checkSender(event);
      // false where the OS has no badge (most Linux desktops)
      return { set: deps.app.setBadgeCount(badgeOf(count)) };
    },
  } as const;
}

/** Register the handlers (after `ready`) with Electron's Notification and app; returns the function that removes them. */
export function registerNotificationsIpc(window: NotificationDeps['window']): () => void {
  const handlers = createNotificationHandlers({
    // read when a notification is raised, not before
    Notification: { isSupported: () => Notification.isSupported(), create: (options) => new Notification(options) },
    app: { setBadgeCount: (count) => app.setBadgeCount(count) },
    window,
  });
  const channels = Object.keys(handlers) as (keyof typeof handlers)[];
  for (const channel of channels) ipcMain.handle(channel, handlers[channel] as (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown);
  return () => {
    for (const channel of channels) ipcMain.removeHandler(channel);
  };
}
