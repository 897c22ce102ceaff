import { describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => ({ ipcMain: { handle: vi.fn<(channel: string, listener: unknown) => void>(), removeHandler: vi.fn<(channel: string) => void>() } }));
vi.mock('electron', () => electron);

const { ForeignSenderError } = await import('../../electron/ipc.js');
const { BadNotificationError, MAX_BODY_LENGTH, MAX_KEPT, MAX_TITLE_LENGTH, createNotificationHandlers, registerNotificationsIpc } = await import('../../electron/notifications.js');

const fromApp = { senderFrame: { url: 'app://linesight/index.html' } } as never;
const from = (url: string) => ({ senderFrame: { url } }) as never;
const NOTIFY = 'linesight:notify';
const BADGE = 'linesight:notify:badge';

/** Electron's Notification, app and window, faked: what was shown, the badge, what the page was sent. */
function fakes({ supported = true, url = 'app://linesight/index.html' } = {}) {
  type Fake = { options: { title?: string; body?: string }; listeners: Map<string, () => void>; shown: boolean; closed: boolean; click(): void };
  const made: Fake[] = [];
  const badge: number[] = [];
  const sent: [string, unknown][] = [];
  const win = {
    minimized: true,
    calls: [] as string[],
    isDestroyed: () => false,
    isMinimized: () => win.minimized,
    restore: () => void (win.calls.push('restore'), (win.minimized = false)),
    show: () => void win.calls.push('show'),
    focus: () => void win.calls.push('focus'),
    webContents: { isDestroyed: () => false, getURL: () => url, send: (channel: string, payload: unknown) => void sent.push([channel, payload]) },
  };
  const Notification = {
    isSupported: () => supported,
    create: (options: Fake['options']) => {
      const n: Fake = {
        options,
        listeners: new Map(),
        shown: false,
        closed: false,
        click: () => n.listeners.get('click')?.(),
      };
      made.push(n);
      return {
        on: (event: 'click' | 'close', l: () => void) => n.listeners.set(event, l),
        show: () => void (n.shown = true),
        close: () => void (n.closed = true),
      };
    },
  };
  const app = { setBadgeCount: (n?: number) => (badge.push(n ?? -1), true) };
  const handlers = createNotificationHandlers({ Notification, app, window: () => win });
  return { handlers, made, badge, sent, win };
}

const ok = { kind: 'gap', title: 'Sync gap: duplicate-posting on DE01/L1', body: 'Order 4711: posted twice', href: '#/lineage/4711' };

describe('alerts as OS notifications (electron/notifications.ts)', () => {
  it('registers linesight:notify and linesight:notify:badge, and removes them', () => {
    const off = registerNotificationsIpc(() => null);
    expect(electron.ipcMain.handle.mock.calls.map((c) => c[0]).sort()).toEqual([NOTIFY, BADGE].sort());
    off();
    expect(electron.ipcMain.removeHandler.mock.calls.map((c) => c[0]).sort()).toEqual([NOTIFY, BADGE].sort());
  });

  it('shows a notification with the title and body, and a click brings the window forward and sends its href to the page', () => {
    const { handlers, made, sent, win } = fakes();
    expect(handlers[NOTIFY](fromApp, ok)).toEqual({ shown: true });
    expect(made).toHaveLength(1);
    expect(made[0]!.options).toEqual({ title: ok.title, body: ok.body });
    expect(made[0]!.shown).toBe(true);
    expect(sent).toEqual([]);
    made[0]!.click();
    expect(win.calls).toEqual(['restore', 'show', 'focus']);
    expect(sent).toEqual([['linesight:notify:click', '#/lineage/4711']]);
  });

  it('sends nothing to a window that no longer shows the app', () => {
    const { handlers, made, sent } = fakes({ url: 'https://elsewhere.example/' });
    handlers[NOTIFY](fromApp, ok);
    made[0]!.click();
    expect(sent).toEqual([]);
  });

  it('shows nothing where the OS has no notifications', () => {
    const { handlers, made } = fakes({ supported: false });
    expect(handlers[NOTIFY](fromApp, ok)).toEqual({ shown: false });
    expect(made).toEqual([]);
  });

  it('refuses a sender other than the app page, before anything is shown', () => {
    const { handlers, made, badge } = fakes();
    expect(() => handlers[NOTIFY](from('https://evil.example/'), ok)).toThrow(ForeignSenderError);
    expect(() => handlers[BADGE](from('file:///tmp/x.html'), 3)).toThrow(ForeignSenderError);
    expect(made).toEqual([]);
    expect(badge).toEqual([]);
  });

  it('checks every argument: kind from the list, title and body lengths, an href that stays in the app', () => {
    const { handlers, made } = fakes();
    const bad: unknown[] = [
      null,
      'gap',
      [ok],
      { ...ok, kind: 'anything' },
      { ...ok, kind: undefined },
      { ...ok, title: '' },
      { ...ok, title: 'x'.repeat(MAX_TITLE_LENGTH + 1) },
      { ...ok, body: 'x'.repeat(MAX_BODY_LENGTH + 1) },
      { ...ok, body: 7 },
      { ...ok, href: 'https://evil.example/' },
      { ...ok, href: 'javascript:alert(1)' },
      { ...ok, href: '#/lineage/a?b=c' },
      { ...ok, href: '#/../../x y' },
      { ...ok, href: '/#/gaps' },
      { ...ok, extra: true },
    ];
    for (const request of bad) expect(() => handlers[NOTIFY](fromApp, request), JSON.stringify(request)).toThrow(BadNotificationError);
    expect(made).toEqual([]);
    expect(handlers[NOTIFY](fromApp, { ...ok, body: '' })).toEqual({ shown: true });
  });

  it('sets the badge to the unseen count, capped, and refuses anything but a whole number ≥ 0', () => {
    const { handlers, badge } = fakes();
    expect(handlers[BADGE](fromApp, 3)).toEqual({ set: true });
    handlers[BADGE](fromApp, 0);
    handlers[BADGE](fromApp, 1e9);
    expect(badge).toEqual([3, 0, 9999]);
    for (const count of [-1, 1.5, '3', null, Number.NaN]) expect(() => handlers[BADGE](fromApp, count)).toThrow(BadNotificationError);
  });

  it('keeps the newest notifications referenced and closes the oldest beyond its limit', () => {
    const { handlers, made } = fakes();
    for (let i = 0; i < MAX_KEPT + 2; i++) handlers[NOTIFY](fromApp, ok);
    expect(made.filter((n) => n.closed)).toEqual([made[0], made[1]]);
  });
});
