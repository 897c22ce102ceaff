/**
 * The desktop shell's security settings in one place (CONVENTIONS.md #7, Electron's security
 * checklist): hardened window options, no pop-ups, no navigation away from the app, and the UI
 * served from `app://linesight/` (a privileged custom scheme) rather than `file://`.
 */
import { existsSync, statSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { net, protocol, type BrowserWindowConstructorOptions, type WebContents, type WebPreferences } from 'electron';

export const APP_SCHEME = 'app';
export const APP_HOST = 'linesight';
/** The page the window loads. */
export const APP_ENTRY = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** True for a URL of the app itself (`app://linesight/…`); anything unparsable is foreign. */
export function isAppUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && u.username === '' && u.password === '';
  } catch {
    return false;
  }
}

/** Web preferences every window of the app has, stated explicitly rather than relying on defaults. */
export function isolatedPreferences() {
  return {
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
  } satisfies WebPreferences;
}

/** The renderer's web preferences: isolated, with the preload as its only door to the main process. */
export function webPreferences(preloadPath: string): WebPreferences {
  return { ...isolatedPreferences(), preload: preloadPath };
}

/** Options of the main window; it is shown once its first paint is ready. */
export function windowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    title: 'Linesight',
    show: false,
    webPreferences: webPreferences(preloadPath),
  };
}

/** Deny every `window.open` and every navigation or redirect away from the app origin. */
export function hardenContents(contents: WebContents): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** Declare `app:` a standard, secure scheme (relative URLs, `'self'` in the CSP, fetch). Call before `ready`. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/**
 * The file under `root` that an `app://linesight/…` URL names, or null: another host, a malformed
 * escape, a NUL or backslash, or a path that resolves outside `root` (`..`, encoded or not).
 * `/` means `index.html`.
 */
export function resolveAppPath(root: string, url: string): string | null {
  if (!isAppUrl(url)) return null;
  let path: string;
  try {
    path = decodeURIComponent(new URL(url).pathname);
  } catch {
    return null;
  }
  if (path.includes('\0') || path.includes('\\')) return null;
  if (path === '/' || path === '') path = '/index.html';
  const base = resolve(root);
  const file = resolve(base, `.${path}`);
  if (!file.startsWith(base + sep)) return null;
  return file;
}

/** The `protocol.handle` handler serving the built renderer at `root`: 404 for anything else. */
export function appProtocolHandler(root: string): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response('method not allowed', { status: 405 });
    const file = resolveAppPath(root, request.url);
    if (file === null || !existsSync(file) || !statSync(file).isFile()) return new Response('not found', { status: 404 });
    return net.fetch(pathToFileURL(file).toString());
  };
}

/** Serve `root` (dist/renderer) on `app://linesight/`. Call after `ready`. */
export function registerAppProtocol(root: string): void {
  protocol.handle(APP_SCHEME, appProtocolHandler(root));
}
