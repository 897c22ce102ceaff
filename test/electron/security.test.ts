import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => ({
  net: { fetch: vi.fn((url: string) => Promise.resolve(new Response(`file ${url}`))) },
  protocol: { handle: vi.fn(), registerSchemesAsPrivileged: vi.fn() },
}));
vi.mock('electron', () => electron);

const { APP_ENTRY, appProtocolHandler, hardenContents, isAppUrl, registerAppScheme, resolveAppPath, webPreferences, windowOptions } =
  await import('../../electron/security.js');

const root = mkdtempSync(join(tmpdir(), 'linesight-app-'));
const ui = join(root, 'renderer');
mkdirSync(join(ui, 'assets'), { recursive: true });
writeFileSync(join(ui, 'index.html'), '<!doctype html>');
writeFileSync(join(ui, 'assets', 'app.js'), '');
writeFileSync(join(root, 'secret.txt'), 'outside the UI');
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('window options', () => {
  it('are exactly the hardened set', () => {
    expect(webPreferences('/app/preload.cjs')).toStrictEqual({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      preload: '/app/preload.cjs',
    });
    expect(windowOptions('/app/preload.cjs').webPreferences).toStrictEqual(webPreferences('/app/preload.cjs'));
  });

  it('loads the UI from the app scheme, not file://', () => {
    expect(APP_ENTRY).toBe('app://linesight/index.html');
    registerAppScheme();
    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
  });
});

type Listener = (event: { url?: string; preventDefault(): void }) => void;

function fakeContents() {
  const listeners = new Map<string, Listener>();
  let openHandler: ((details: { url: string }) => unknown) | undefined;
  const contents = {
    setWindowOpenHandler: (h: (details: { url: string }) => unknown) => void (openHandler = h),
    on: (name: string, l: Listener) => void listeners.set(name, l),
  };
  hardenContents(contents as never);
  const fire = (name: string, url: string) => {
    const preventDefault = vi.fn();
    listeners.get(name)!({ url, preventDefault });
    return preventDefault.mock.calls.length > 0;
  };
  return { open: (url: string) => openHandler!({ url }), fire };
}

describe('hardenContents', () => {
  it('denies window.open, even to the app itself', () => {
    const c = fakeContents();
    expect(c.open('https://example.com/')).toEqual({ action: 'deny' });
    expect(c.open('app://linesight/index.html')).toEqual({ action: 'deny' });
  });

  it('prevents navigation and redirects away from the app origin', () => {
    const c = fakeContents();
    for (const name of ['will-navigate', 'will-redirect']) {
      expect(c.fire(name, 'https://example.com/')).toBe(true);
      expect(c.fire(name, 'file:///etc/passwd')).toBe(true);
      expect(c.fire(name, 'app://elsewhere/index.html')).toBe(true);
      expect(c.fire(name, 'app://user@linesight/index.html')).toBe(true);
      expect(c.fire(name, 'not a url')).toBe(true);
      expect(c.fire(name, 'app://linesight/index.html#/lineage')).toBe(false);
    }
  });

  it('refuses to attach a webview', () => {
    expect(fakeContents().fire('will-attach-webview', '')).toBe(true);
  });

  it('isAppUrl accepts only app://linesight', () => {
    expect(isAppUrl('app://linesight/')).toBe(true);
    expect(isAppUrl('app://linesight.evil/')).toBe(false);
    expect(isAppUrl('http://linesight/')).toBe(false);
  });
});

describe('app:// protocol', () => {
  it('maps app URLs into the UI folder', () => {
    expect(resolveAppPath(ui, 'app://linesight/')).toBe(join(ui, 'index.html'));
    expect(resolveAppPath(ui, 'app://linesight/index.html')).toBe(join(ui, 'index.html'));
    expect(resolveAppPath(ui, 'app://linesight/assets/app.js?v=1')).toBe(join(ui, 'assets', 'app.js'));
  });

  it.each([
    'app://linesight/..%2fsecret.txt',
    'app://linesight/assets/..%2f..%2fsecret.txt',
    'app://linesight/%2e%2e%2fsecret.txt',
    'app://linesight/..%5csecret.txt',
    'app://linesight/index.html%00.js',
    'app://linesight/%E0%A4%A',
    'app://other/index.html',
    'file:///etc/passwd',
  ])('refuses %s', (url) => {
    expect(resolveAppPath(ui, url)).toBeNull();
  });

  it('a dot-dot URL never leaves the UI folder', () => {
    // the URL parser resolves plain dot segments itself, so this names renderer/secret.txt
    expect(resolveAppPath(ui, 'app://linesight/../../secret.txt')).toBe(join(ui, 'secret.txt'));
  });

  it('the handler serves files and answers 404 to traversal without touching the file system', async () => {
    const handle = appProtocolHandler(ui);
    electron.net.fetch.mockClear();
    const ok = await handle(new Request('app://linesight/index.html'));
    expect(ok.status).toBe(200);
    expect(electron.net.fetch).toHaveBeenCalledWith(pathToFileURL(join(ui, 'index.html')).toString());

    electron.net.fetch.mockClear();
    for (const url of ['app://linesight/..%2fsecret.txt', 'app://linesight/assets', 'app://linesight/missing.js']) {
      expect((await handle(new Request(url))).status).toBe(404);
    }
    expect((await handle(new Request('app://linesight/index.html', { method: 'POST', body: 'x' }))).status).toBe(405);
    expect(electron.net.fetch).not.toHaveBeenCalled();
  });
});
