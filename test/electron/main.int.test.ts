/**
 * The desktop main process under Node, with a fake `electron` module: the compiled dist/electron/main.js
 * starts, spawns the engine's utility process — a real Node child running dist/engine/api/engine-process.js
 * (support/fake-utility-process.ts) — and opens its window hardened; then the engine process crashes,
 * the window is told why, a restart brings a new process up on the same journal, and quitting closes it.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';

type Handler = (event: unknown, ...args: unknown[]) => unknown;
type Listener = (...args: unknown[]) => void;

const fake = await vi.hoisted(async () => {
  const { fakeUtilityProcess } = await import('./support/fake-utility-process.js');
  const fs = await import('node:fs');
  const os = await import('node:os');
  const path = await import('node:path');
  const join = (...parts: string[]) => path.join(...parts);
  const userData = fs.mkdtempSync(join(os.tmpdir(), 'linesight-main-'));
  // what an earlier run left: the scenario last started and where the window was closed
  const saved = {
    version: 2,
    connections: [],
    view: { theme: 'system', time: 'plant', numbers: 'locale' },
    lastScenario: { id: 'idempotency-off', speed: 60 },
    window: { x: 200, y: 120, width: 1100, height: 720, maximized: false },
  };
  fs.writeFileSync(join(userData, 'settings.json'), JSON.stringify(saved));
  const appListeners = new Map<string, Listener>();
  const handlers = new Map<string, Handler>();
  let loaded!: () => void;
  let failed!: (message: string) => void;
  const windowLoaded = new Promise<void>((resolve, reject) => {
    loaded = resolve;
    failed = (message) => reject(new Error(`main process failed to start: ${message}`));
  });
  let quitted!: () => void;
  const quit = new Promise<void>((resolve) => (quitted = resolve));

  /** the main window's contents: what it was sent, on which channel */
  const sent: [string, unknown][] = [];
  const windows: { options: unknown; listeners: Map<string, Listener> }[] = [];
  class BrowserWindow {
    readonly listeners = new Map<string, Listener>();
    readonly webContents = {
      send: (channel: string, payload: unknown) => void sent.push([channel, payload]),
      getURL: () => 'app://linesight/index.html',
      isDestroyed: () => false,
      once: () => undefined,
      on: () => undefined,
    };
    constructor(readonly options: unknown) {
      windows.push(this);
    }
    once() {}
    on(event: string, l: Listener) {
      this.listeners.set(event, l);
    }
    show() {}
    maximize() {}
    isMaximized() {
      return false;
    }
    getNormalBounds() {
      return { x: 40, y: 30, width: 1280, height: 800 };
    }
    loadURL(url: string) {
      if (url === 'app://linesight/index.html') loaded();
      return Promise.resolve();
    }
  }

  const electron = {
    app: {
      requestSingleInstanceLock: () => true,
      whenReady: () => Promise.resolve(),
      getPath: (name: string) => (name === 'userData' ? userData : join(userData, name)),
      on: (event: string, l: Listener) => void appListeners.set(event, l),
      quit: () => quitted(),
      exit: () => undefined,
    },
    BrowserWindow,
    dialog: { showErrorBox: (_title: string, message: string) => failed(message) },
    ipcMain: {
      handle: (channel: string, h: Handler) => void handlers.set(channel, h),
      removeHandler: (channel: string) => void handlers.delete(channel),
    },
    net: { fetch: () => Promise.reject(new Error('no network in tests')) },
    protocol: { registerSchemesAsPrivileged: () => undefined, handle: () => undefined },
    safeStorage: { isEncryptionAvailable: () => false, getSelectedStorageBackend: () => 'basic_text' },
    session: { defaultSession: { setPermissionRequestHandler: () => undefined } },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }] },
    utilityProcess: fakeUtilityProcess(),
  };
  return { electron, userData, appListeners, handlers, sent, windows, windowLoaded, quit };
});
vi.mock('electron', () => fake.electron);

const { windowOptions } = await import('../../electron/security.js');
const { openJournal } = await import('../../engine/journal/open-journal.js');
const { listSessions } = await import('../../engine/journal/list-sessions.js');

const root = join(import.meta.dirname, '..', '..');
const dist = join(root, 'dist');
const utility = fake.electron.utilityProcess;
const fromApp = { senderFrame: { url: 'app://linesight/index.html' } };

afterAll(async () => {
  await utility.killAll();
  rmSync(fake.userData, { recursive: true, force: true });
});

/** `window.linesight.call(kind, name, args)` as the renderer makes it: through the registered `linesight:call` handler. */
const call = (kind: string, name: string, args: unknown = null) => fake.handlers.get('linesight:call')!(fromApp, kind, name, args) as Promise<{ ok: boolean; result?: unknown; error?: { message: string } }>;
/** What the window was sent on `channel`, in order. */
const sentOn = (channel: string) => fake.sent.filter(([c]) => c === channel).map(([, p]) => p);
/** The engine calls a child was sent, as `kind name`. */
const callsTo = (i: number) =>
  utility.children[i]!.sent.filter((m) => (m as { op: string }).op === 'call').map((m) => `${(m as { kind: string }).kind} ${(m as { name: string }).name}`);

describe.skipIf(process.platform === 'win32')('the desktop main process (fake electron, real engine process)', () => {
  it('spawns the engine process, opens the hardened window and starts the session in the engine', async () => {
    await import(pathToFileURL(join(dist, 'electron', 'main.js')).href);
    await fake.windowLoaded;

    expect(utility.children).toHaveLength(1);
    const engine = utility.children[0]!;
    expect(engine.modulePath).toBe(join(dist, 'engine', 'api', 'engine-process.js'));
    expect(engine.options).toMatchObject({ serviceName: 'Linesight engine' });
    // the first message says which journal; the first call starts the app's session, paused
    expect(engine.sent[0]).toEqual({ op: 'init', init: expect.objectContaining({ journalPath: join(fake.userData, 'linesight.db'), configDir: fake.userData }) });
    // the session is the scenario last started from the console, at its speed (settings.json)
    expect(engine.sent.slice(1, 3)).toMatchObject([
      { op: 'call', kind: 'query', name: 'settings.get' },
      { op: 'call', kind: 'command', name: 'session.start', args: { scenario: 'idempotency-off', speed: 60 } },
    ]);

    expect(fake.windows).toHaveLength(1);
    const options = fake.windows[0]!.options as ReturnType<typeof windowOptions>;
    // hardened as always, where it was closed last time
    expect(options).toEqual({ ...windowOptions(join(dist, 'electron', 'preload.cjs')), x: 200, y: 120, width: 1100, height: 720 });
    expect(options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, preload: join(dist, 'electron', 'preload.cjs') });

    expect(await call('query', 'session.status')).toMatchObject({ ok: true, result: { status: 'paused' } });
    expect(await fake.handlers.get('linesight:engine:status')!(fromApp)).toEqual({ state: 'running' });
  });

  it('a crash of the engine process fails the pending calls with the reason and tells the window', async () => {
    const engine = utility.children[0]!;
    // stopped, the process can answer nothing: the call below is pending when the process dies
    engine.child.kill('SIGSTOP');
    const pending = call('query', 'session.status');
    engine.child.kill('SIGKILL');
    await engine.exited;

    const reply = await pending;
    expect(reply.ok).toBe(false);
    expect(reply.error!.message).toBe('the engine stopped: its process ended unexpectedly (exit code 9)');
    expect(sentOn('linesight:engine')).toEqual([{ state: 'stopped', reason: 'its process ended unexpectedly (exit code 9)' }]);
    expect(await fake.handlers.get('linesight:engine:status')!(fromApp)).toEqual({ state: 'stopped', reason: 'its process ended unexpectedly (exit code 9)' });
    // later calls are refused the same way, without a process to ask
    expect((await call('query', 'session.status')).error!.message).toMatch(/^the engine stopped: its process ended unexpectedly/);
    expect(utility.children).toHaveLength(1);
  });

  it('refuses a restart asked by a frame that is not the app', () => {
    expect(() => fake.handlers.get('linesight:engine:restart')!({ senderFrame: { url: 'https://evil.example/' } })).toThrow(/refused/);
    expect(utility.children).toHaveLength(1);
  });

  it('a restart starts a new engine process on the same journal; calls and frames work again', async () => {
    expect(await fake.handlers.get('linesight:engine:restart')!(fromApp)).toEqual({ state: 'running' });
    expect(utility.children).toHaveLength(2);
    const second = utility.children[1]!;
    expect(second.modulePath).toBe(utility.children[0]!.modulePath);
    expect(second.sent[0]).toEqual(utility.children[0]!.sent[0]); // the same init: the same journal
    expect(sentOn('linesight:engine').slice(1)).toEqual([{ state: 'starting' }, { state: 'running' }]);

    const status = await call('query', 'session.status');
    expect(status).toMatchObject({ ok: true, result: { status: 'paused' } });
    // the window's frame subscription carries over to the new process
    const framesBefore = sentOn('linesight:frame').length;
    expect(await call('command', 'session.step', { events: 5 })).toMatchObject({ ok: true });
    await vi.waitFor(() => expect(sentOn('linesight:frame').length).toBeGreaterThan(framesBefore));
    expect(callsTo(1).slice(0, 3)).toEqual(['query settings.get', 'command session.start', 'query session.status']);

    // the session the crashed process left open reads as interrupted; the new one runs
    const listed = (await call('query', 'sessions.list')).result as { id: number; endedAt: string | null; interrupted?: unknown }[];
    const sessions = [...listed].sort((a, b) => a.id - b.id);
    expect(sessions).toHaveLength(2);
    expect(sessions[0]).toMatchObject({ endedAt: null, interrupted: expect.anything() });
    expect(sessions[1]!.interrupted).toBeUndefined();
  });

  it('quitting closes the engine cleanly before the app goes', async () => {
    const second = utility.children[1]!;
    // the window says where it was as it closes; the engine saves it before it closes
    fake.windows[0]!.listeners.get('close')!();
    const preventDefault = vi.fn();
    fake.appListeners.get('will-quit')!({ preventDefault });
    expect(preventDefault).toHaveBeenCalled();
    await fake.quit;
    await second.exited;
    expect(second.sent.at(-1)).toEqual({ op: 'close' });
    // the engine ended its session before the process went: nothing left open but the crashed one
    const journal = openJournal(join(fake.userData, 'linesight.db'), { readonly: true });
    try {
      const sessions = listSessions(journal.db);
      expect(sessions.map((s) => [s.endedAt === null, s.interrupted === true])).toEqual([
        [true, true],
        [false, false],
      ]);
    } finally {
      journal.close();
    }
    expect(utility.children).toHaveLength(2);
    const settings = JSON.parse(readFileSync(join(fake.userData, 'settings.json'), 'utf8')) as { window: unknown; lastScenario: unknown };
    expect(settings.window).toEqual({ x: 40, y: 30, width: 1280, height: 800, maximized: false });
    expect(settings.lastScenario).toEqual({ id: 'idempotency-off', speed: 60 });
  });
});
