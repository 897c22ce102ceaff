import { describe, expect, it, vi } from 'vitest';
import type { SecretStore } from '../../electron/secrets.js';

const electron = vi.hoisted(() => ({ ipcMain: { handle: vi.fn<(channel: string, listener: unknown) => void>(), removeHandler: vi.fn<(channel: string) => void>() } }));
vi.mock('electron', () => electron);

const { ForeignSenderError } = await import('../../electron/ipc.js');
const { BadSecretRequestError, MAX_NAME_LENGTH, MAX_PASSWORD_LENGTH, createSecretHandlers, registerSecretsIpc } = await import(
  '../../electron/secrets-ipc.js'
);

const fromApp = { senderFrame: { url: 'app://linesight/index.html' } } as never;
const from = (url: string) => ({ senderFrame: { url } }) as never;

const CHANNELS = ['linesight:secrets:status', 'linesight:secrets:get', 'linesight:secrets:remember', 'linesight:secrets:forget'] as const;

/** An in-memory store; `canRemember: false` behaves like basic_text (refuses to remember). */
function fakeStore(canRemember = true) {
  const kept = new Map<string, string>();
  const store = {
    canRemember: vi.fn(() => canRemember),
    get: vi.fn((name: string) => (canRemember ? (kept.get(name) ?? null) : null)),
    remember: vi.fn((name: string, password: string) => {
      if (!canRemember) throw new Error('passwords cannot be remembered here: no OS secret store protects them');
      kept.set(name, password);
    }),
    forget: vi.fn((name: string) => void kept.delete(name)),
  } satisfies SecretStore;
  return { store, kept };
}

describe('linesight:secrets:*', () => {
  it('registers one invoke handler per channel, all prefixed linesight:, and removes them', () => {
    const off = registerSecretsIpc(fakeStore().store);
    const registered = electron.ipcMain.handle.mock.calls.map((c) => c[0]);
    expect(registered.sort()).toEqual([...CHANNELS].sort());
    for (const c of electron.ipcMain.handle.mock.calls) expect(typeof c[1]).toBe('function');
    off();
    expect(electron.ipcMain.removeHandler.mock.calls.map((c) => c[0]).sort()).toEqual([...CHANNELS].sort());
  });

  it('answers the status, remembers, gets and forgets for the app page', () => {
    const { store, kept } = fakeStore();
    const h = createSecretHandlers(store);
    expect(h['linesight:secrets:status'](fromApp)).toEqual({ canRemember: true });
    expect(h['linesight:secrets:get'](fromApp, 'line9-edge')).toBeNull();
    h['linesight:secrets:remember'](fromApp, 'line9-edge', 'hunter2');
    expect(kept.get('line9-edge')).toBe('hunter2');
    expect(h['linesight:secrets:get'](fromApp, 'line9-edge')).toBe('hunter2');
    h['linesight:secrets:forget'](fromApp, 'line9-edge');
    expect(h['linesight:secrets:get'](fromApp, 'line9-edge')).toBeNull();
  });

  it('on basic_text says it cannot remember, and refuses to without storing anything', () => {
    const { store, kept } = fakeStore(false);
    const h = createSecretHandlers(store);
    expect(h['linesight:secrets:status'](fromApp)).toEqual({ canRemember: false });
    expect(() => h['linesight:secrets:remember'](fromApp, 'line9-edge', 'hunter2')).toThrow(/cannot be remembered/);
    expect(kept.size).toBe(0);
    expect(h['linesight:secrets:get'](fromApp, 'line9-edge')).toBeNull();
  });

  it.each(['https://evil.example/', 'file:///home/me/page.html', 'app://linesight.evil/index.html', 'about:blank', ''])(
    'refuses every secrets call from the frame %j without touching the store',
    (url) => {
      const { store } = fakeStore();
      const h = createSecretHandlers(store);
      expect(() => h['linesight:secrets:status'](from(url))).toThrow(ForeignSenderError);
      expect(() => h['linesight:secrets:get'](from(url), 'line9-edge')).toThrow(ForeignSenderError);
      expect(() => h['linesight:secrets:remember'](from(url), 'line9-edge', 'hunter2')).toThrow(ForeignSenderError);
      expect(() => h['linesight:secrets:forget'](from(url), 'line9-edge')).toThrow(ForeignSenderError);
      for (const fn of Object.values(store)) expect(fn).not.toHaveBeenCalled();
    },
  );

  it('refuses a call whose frame is gone', () => {
    const { store } = fakeStore();
    expect(() => createSecretHandlers(store)['linesight:secrets:get']({ senderFrame: null }, 'x')).toThrow(/refused/);
    expect(store.get).not.toHaveBeenCalled();
  });

  it.each([[undefined], [null], [42], [''], ['   '], [{ toString: () => 'x' }], [['a']], ['n'.repeat(MAX_NAME_LENGTH + 1)]])(
    'refuses the connection name %j',
    (name) => {
      const { store } = fakeStore();
      const h = createSecretHandlers(store);
      expect(() => h['linesight:secrets:get'](fromApp, name)).toThrow(BadSecretRequestError);
      expect(() => h['linesight:secrets:remember'](fromApp, name, 'hunter2')).toThrow(BadSecretRequestError);
      expect(() => h['linesight:secrets:forget'](fromApp, name)).toThrow(BadSecretRequestError);
      expect(store.get).not.toHaveBeenCalled();
      expect(store.remember).not.toHaveBeenCalled();
      expect(store.forget).not.toHaveBeenCalled();
    },
  );

  it('takes a name of exactly the maximum length', () => {
    const { store, kept } = fakeStore();
    createSecretHandlers(store)['linesight:secrets:remember'](fromApp, 'n'.repeat(MAX_NAME_LENGTH), 'pw');
    expect(kept.has('n'.repeat(MAX_NAME_LENGTH))).toBe(true);
  });

  it.each([[undefined], [null], [''], [1234], [{ password: 'x' }], ['p'.repeat(MAX_PASSWORD_LENGTH + 1)]])('refuses the password %j', (password) => {
    const { store } = fakeStore();
    expect(() => createSecretHandlers(store)['linesight:secrets:remember'](fromApp, 'line9-edge', password)).toThrow(BadSecretRequestError);
    expect(store.remember).not.toHaveBeenCalled();
  });

  it('never names the password in a refusal', () => {
    const { store } = fakeStore(false);
    const h = createSecretHandlers(store);
    for (const password of ['correct horse battery staple', 'x'.repeat(MAX_PASSWORD_LENGTH + 1)]) {
      try {
        h['linesight:secrets:remember'](fromApp, 'line9-edge', password);
        expect.unreachable();
      } catch (err) {
        expect(String(err)).not.toContain(password.slice(0, 20));
      }
    }
  });
});
