import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => ({
  app: { getPath: vi.fn(() => '/home/me/Documents') },
  BrowserWindow: vi.fn(),
  dialog: { showSaveDialog: vi.fn() },
  ipcMain: { handle: vi.fn<(channel: string, listener: unknown) => void>(), removeHandler: vi.fn<(channel: string) => void>() },
}));
vi.mock('electron', () => electron);

const { ForeignSenderError } = await import('../../electron/ipc.js');
const { BadPdfRequestError, PDF_OPTIONS, PDF_PARTITION, createPdfHandler, pdfWindowOptions, registerPdfIpc } = await import('../../electron/pdf.js');
const { EVIDENCE_FILE_NAME } = await import('../../engine/report/evidence.js');

const fromApp = { senderFrame: { url: 'app://linesight/index.html' } } as never;
const from = (url: string) => ({ senderFrame: { url } }) as never;

const PACK = join('/data', 'exports', 'evidence-session-3-20260302-060000.html');
const PDF = Buffer.from('%PDF-1.7 fake');

type Preventable = { preventDefault(): void };

/** A fake BrowserWindow: records its options, listeners, request filter and whether it was destroyed. */
function fakeWindow(opts: { print?: () => Promise<Buffer>; load?: () => Promise<void> } = {}) {
  const listeners = new Map<string, (e: Preventable) => void>();
  let onRequest: ((details: { url: string }, cb: (r: { cancel?: boolean }) => void) => void) | undefined;
  let permissions: ((c: unknown, p: string, cb: (granted: boolean) => void) => void) | undefined;
  let openHandler: (() => { action: string }) | undefined;
  let destroyed = false;
  const win = {
    options: undefined as unknown,
    webContents: {
      setWindowOpenHandler: vi.fn((h: () => { action: 'deny' }) => void (openHandler = h)),
      on: vi.fn((name: string, l: (e: Preventable) => void) => void listeners.set(name, l)),
      printToPDF: vi.fn(opts.print ?? (() => Promise.resolve(PDF))),
      session: {
        webRequest: { onBeforeRequest: vi.fn((l: typeof onRequest) => void (onRequest = l)) },
        setPermissionRequestHandler: vi.fn((h: typeof permissions) => void (permissions = h)),
      },
    },
    loadFile: vi.fn(opts.load ?? (() => Promise.resolve())),
    isDestroyed: () => destroyed,
    destroy: vi.fn(() => void (destroyed = true)),
  };
  /** whether a request to `url` is let through */
  const allows = (url: string) => {
    let cancel: boolean | undefined;
    onRequest!({ url }, (r) => (cancel = r.cancel));
    return cancel === false;
  };
  const prevented = (name: string) => {
    const preventDefault = vi.fn();
    listeners.get(name)?.({ preventDefault });
    return preventDefault.mock.calls.length > 0;
  };
  const permits = (permission: string) => {
    let granted: boolean | undefined;
    permissions!(null, permission, (g) => (granted = g));
    return granted;
  };
  return { win, allows, prevented, permits, opens: () => openHandler?.() };
}

function setup(opts: { canceled?: boolean; evidence?: unknown; print?: () => Promise<Buffer>; load?: () => Promise<void>; write?: () => Promise<void> } = {}) {
  const fake = fakeWindow(opts);
  const deps = {
    evidence: vi.fn((_session: number | undefined) => Promise.resolve('evidence' in opts ? opts.evidence : { path: PACK, rows: 10, bytes: 100, href: null })),
    createWindow: vi.fn((options: unknown) => {
      fake.win.options = options;
      return fake.win;
    }),
    showSaveDialog: vi.fn((_o: unknown) => Promise.resolve(opts.canceled ? { canceled: true, filePath: '' } : { canceled: false, filePath: '/home/me/Documents/pack.pdf' })),
    writeFile: vi.fn(opts.write ?? ((_path: string, _data: Uint8Array) => Promise.resolve())),
    defaultDir: () => '/home/me/Documents',
  };
  return { fake, deps, handler: createPdfHandler(deps) };
}

describe('linesight:pdf:evidence', () => {
  it('registers one invoke handler on its linesight: channel, and removes it', () => {
    const off = registerPdfIpc({ call: vi.fn() }, () => null);
    expect(electron.ipcMain.handle).toHaveBeenCalledWith('linesight:pdf:evidence', expect.any(Function));
    off();
    expect(electron.ipcMain.removeHandler).toHaveBeenCalledWith('linesight:pdf:evidence');
  });

  it('asks the engine for the session’s pack, prints it to A4 with backgrounds, and writes the PDF where the user chose', async () => {
    const { fake, deps, handler } = setup();
    expect(await handler(fromApp, 3)).toEqual({ saved: true, path: '/home/me/Documents/pack.pdf' });
    expect(deps.evidence).toHaveBeenCalledWith(3);
    expect(fake.win.loadFile).toHaveBeenCalledWith(PACK);
    expect(fake.win.webContents.printToPDF).toHaveBeenCalledWith({ printBackground: true, pageSize: 'A4' });
    expect(PDF_OPTIONS).toEqual({ printBackground: true, pageSize: 'A4' });
    expect(deps.showSaveDialog).toHaveBeenCalledWith(
      expect.objectContaining({ defaultPath: join('/home/me/Documents', 'evidence-session-3-20260302-060000.pdf'), filters: [{ name: 'PDF', extensions: ['pdf'] }] }),
    );
    expect(deps.writeFile).toHaveBeenCalledWith('/home/me/Documents/pack.pdf', PDF);
    expect(fake.win.destroy).toHaveBeenCalledOnce();
  });

  it('null asks for the current session', async () => {
    const { deps, handler } = setup();
    await handler(fromApp, null);
    await handler(fromApp, undefined);
    expect(deps.evidence.mock.calls).toEqual([[undefined], [undefined]]);
  });

  it('prints in a hidden window with no script, no preload, no Node, sandboxed, in its own in-memory session', async () => {
    const { fake, handler } = setup();
    await handler(fromApp, 3);
    expect(fake.win.options).toStrictEqual(pdfWindowOptions());
    const o = pdfWindowOptions();
    expect(o.show).toBe(false);
    expect(o.webPreferences).toMatchObject({
      javascript: false,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      partition: PDF_PARTITION,
    });
    expect(o.webPreferences).not.toHaveProperty('preload');
    expect(PDF_PARTITION).not.toMatch(/^persist:/);
  });

  it('lets the window load the pack and nothing else: no request, navigation, redirect, pop-up or permission', async () => {
    const { fake, handler } = setup();
    await handler(fromApp, 3);
    expect(fake.allows(pathToFileURL(PACK).href)).toBe(true);
    expect(fake.allows(`${pathToFileURL(PACK).href}#digest`)).toBe(true);
    for (const url of ['https://evil.example/x.png', 'http://127.0.0.1:4780/', pathToFileURL('/etc/passwd').href, pathToFileURL(PACK + '.css').href, 'app://linesight/index.html', 'ws://x/', 'not a url']) {
      expect(fake.allows(url), url).toBe(false);
    }
    for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect', 'will-attach-webview']) expect(fake.prevented(event), event).toBe(true);
    expect(fake.opens()).toEqual({ action: 'deny' });
    expect(fake.permits('media')).toBe(false);
  });

  it('writes nothing when the save dialog is cancelled, and still destroys the window', async () => {
    const { fake, deps, handler } = setup({ canceled: true });
    expect(await handler(fromApp, 3)).toEqual({ saved: false });
    expect(deps.writeFile).not.toHaveBeenCalled();
    expect(fake.win.destroy).toHaveBeenCalledOnce();
  });

  it.each([
    ['printing fails', { print: () => Promise.reject(new Error('printing failed')) }],
    ['loading fails', { load: () => Promise.reject(new Error('ERR_FILE_NOT_FOUND')) }],
  ])('destroys the window when %s, writes nothing, and says why', async (_what, opts) => {
    const { fake, deps, handler } = setup(opts);
    await expect(handler(fromApp, 3)).rejects.toThrow(/printing failed|ERR_FILE_NOT_FOUND/);
    expect(fake.win.destroy).toHaveBeenCalledOnce();
    expect(deps.showSaveDialog).not.toHaveBeenCalled();
    expect(deps.writeFile).not.toHaveBeenCalled();
  });

  it('passes on a failed write and a refusal of the engine', async () => {
    await expect(setup({ write: () => Promise.reject(new Error('EACCES')) }).handler(fromApp, 3)).rejects.toThrow('EACCES');
    const refused = setup();
    refused.deps.evidence.mockRejectedValueOnce(new Error('no session: call session.start first or name a session'));
    await expect(refused.handler(fromApp, null)).rejects.toThrow(/no session/);
    expect(refused.deps.createWindow).not.toHaveBeenCalled();
  });

  it.each([[{ path: '/etc/passwd' }], [{ path: 'evidence-session-3-20260302-060000.html' }], [{ path: 42 }], [null], ['x']])(
    'refuses an engine answer that is not an evidence pack (%j) without opening a window',
    async (evidence) => {
      const { deps, handler } = setup({ evidence });
      await expect(handler(fromApp, 3)).rejects.toThrow(/did not write an evidence pack/);
      expect(deps.createWindow).not.toHaveBeenCalled();
    },
  );

  it.each(['https://evil.example/', 'file:///home/me/page.html', 'app://linesight.evil/index.html', 'about:blank', ''])(
    'refuses a call from the frame %j without asking the engine',
    async (url) => {
      const { deps, handler } = setup();
      await expect(handler(from(url), 3)).rejects.toBeInstanceOf(ForeignSenderError);
      expect(deps.evidence).not.toHaveBeenCalled();
    },
  );

  it.each([[0], [-1], [1.5], [Number.NaN], ['3'], [{}], [[3]], [2 ** 53]])('refuses the session %j without asking the engine', async (session) => {
    const { deps, handler } = setup();
    await expect(handler(fromApp, session)).rejects.toBeInstanceOf(BadPdfRequestError);
    expect(deps.evidence).not.toHaveBeenCalled();
  });

  it('makes one PDF at a time', async () => {
    let release: (() => void) | undefined;
    // the first print waits until released; later ones finish at once
    const print = () => (release === undefined ? new Promise<Buffer>((done) => (release = () => done(PDF))) : Promise.resolve(PDF));
    const { deps, handler } = setup({ print });
    const first = handler(fromApp, 3);
    await vi.waitFor(() => expect(release).toBeTypeOf('function'));
    await expect(handler(fromApp, 3)).rejects.toThrow(/being made already/);
    release!();
    expect(await first).toEqual({ saved: true, path: '/home/me/Documents/pack.pdf' });
    // and another one afterwards
    expect(await handler(fromApp, 3)).toMatchObject({ saved: true });
    expect(deps.evidence).toHaveBeenCalledTimes(2);
  });

  it.each(['evidence-session-3-20260302-060000.html', 'evidence-session-12-20260302-060000-2.html'])('takes the pack %s, named as the engine names packs', async (name) => {
    expect(EVIDENCE_FILE_NAME.test(name)).toBe(true);
    const { fake, handler } = setup({ evidence: { path: join('/data', 'exports', name) } });
    await handler(fromApp, 3);
    expect(fake.win.loadFile).toHaveBeenCalledWith(join('/data', 'exports', name));
  });
});
