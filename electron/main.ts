/**
 * The desktop shell's main process: one instance, the engine in a utility process with its journal in
 * the user-data folder (a crash of it leaves the window up, saying why, with a restart), remembered
 * broker passwords sealed by the OS key store, one hardened window showing the built UI from
 * `app://linesight/`. Like `linesight serve`, it refuses a journal on a network share unless started
 * with `--allow-network-journal` (or LINESIGHT_ALLOW_NETWORK_JOURNAL=1). Loaded by Electron from
 * dist/electron/main.js (package.json "main"); `npm start` runs it when the Electron runtime is
 * installed (electron/launch.mjs).
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, safeStorage, screen, session, utilityProcess } from 'electron';
import type { SettingsState } from '../engine/contract/index.js';
import type { EngineWorker } from '../engine/api/worker-host.js';
import { allowNetworkJournalFrom, ALLOW_NETWORK_JOURNAL_ENV, checkJournalLocation, JournalLocationError } from '../engine/journal/journal-location.js';
import { startEngineHost, type EngineHost } from './engine-host.js';
import { startEngineProcess } from './engine-process.js';
import { attachEngineState, attachFrames, registerEngineIpc, registerIpc } from './ipc.js';
import { registerNotificationsIpc } from './notifications.js';
import { registerPdfIpc } from './pdf.js';
import { createSecretStore } from './secrets.js';
import { registerSecretsIpc } from './secrets-ipc.js';
import { APP_ENTRY, hardenContents, registerAppProtocol, registerAppScheme, windowOptions } from './security.js';
import { windowBoundsFrom, windowStateOf } from './window-state.js';

/** dist/ as seen from dist/electron/main.js */
const distRoot = fileURLToPath(new URL('../', import.meta.url));
const rendererRoot = join(distRoot, 'renderer');
const preloadPath = join(distRoot, 'electron', 'preload.cjs');

let mainWindow: BrowserWindow | null = null;
let engine: EngineHost | null = null;
/** the window's place being saved as it closes: the engine closes after it */
let savingWindow: Promise<unknown> = Promise.resolve();

async function onReady(): Promise<void> {
  registerAppProtocol(rendererRoot);
  // The UI needs no camera, notifications, geolocation …
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));

  // the desktop app remembers things (client ids, mappings files) in Electron's userData folder
  const journalPath = join(app.getPath('userData'), 'linesight.db');
  // a read-only folder or a network share (a roaming profile redirected to a server) is refused before anything starts
  checkAppJournal(journalPath, allowNetworkJournalFrom(process.argv, process.env));
  const init = { journalPath, configDir: app.getPath('userData') };
  engine = await startEngineHost({
    start: () => startEngineProcess({ utilityProcess, init }),
    // each engine process, the first and any restarted one, starts the app's session paused at its start
    prepare: startAppSession,
  });
  registerIpc(engine);
  // the engine's state (running, stopped and why) and its restart, for the window's banner
  registerEngineIpc(engine);
  // Remembered broker passwords, encrypted by the OS key store; safeStorage needs `ready` (on Linux
  // its backend is 'unknown' before), and the store refuses to remember on basic_text.
  registerSecretsIpc(createSecretStore(safeStorage, join(app.getPath('userData'), 'secrets.json')));
  // "Save as PDF" of an evidence pack: printed in a hidden locked-down window, saved where the user says
  registerPdfIpc(engine, () => mainWindow);
  // alerts as OS notifications and the badge count (the page itself is refused the permission above)
  registerNotificationsIpc(() => mainWindow);

  // where the window was closed last time, if a display still shows it
  const { settings } = (await engine.call('query', 'settings.get', null)) as SettingsState;
  const { maximized, ...bounds } = windowBoundsFrom(settings.window, screen.getAllDisplays());
  const win = new BrowserWindow({ ...windowOptions(preloadPath), ...bounds });
  if (maximized) win.maximize();
  mainWindow = win;
  win.on('close', () => {
    const state = windowStateOf(win.getNormalBounds(), win.isMaximized());
    savingWindow = engine?.call('command', 'settings.save', { window: state }).catch(() => undefined) ?? savingWindow;
  });
  attachFrames(engine, win.webContents);
  attachEngineState(engine, win.webContents);
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => (mainWindow = null));
  await win.loadURL(APP_ENTRY);
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  registerAppScheme();
  app.on('web-contents-created', (_event, contents) => hardenContents(contents));
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', (event) => {
    if (!engine) return;
    // Close the journal cleanly before the process goes away, then quit for real.
    event.preventDefault();
    const closing = engine;
    engine = null;
    void savingWindow.then(() => closing.close()).finally(() => app.quit());
  });
  app.whenReady().then(onReady).catch(fail);
}

/**
 * The app's session when an engine process starts: the scenario last started from the console
 * (settings.json's `lastScenario`), paused at its start — else, or when it no longer starts (a
 * scenario file since moved), the baseline.
 */
async function startAppSession(e: Pick<EngineWorker, 'call'>): Promise<void> {
  const { settings } = (await e.call('query', 'settings.get', null)) as SettingsState;
  const last = settings.lastScenario;
  if (last !== undefined) {
    const args = { scenario: last.id, speed: last.speed, ...(last.seed === undefined ? {} : { seed: last.seed }), ...(last.until === undefined ? {} : { until: last.until }) };
    try {
      await e.call('command', 'session.start', args);
      return;
    } catch (err) {
      console.error(`linesight: the last scenario (${last.id}) did not start, so the baseline does: ${(err as Error).message}`);
    }
  }
  await e.call('command', 'session.start', { scenario: 'baseline' });
}

/** `serve`'s location check, its way out said the app's way (the app has no --journal). */
function checkAppJournal(journalPath: string, allowNetwork: boolean): void {
  try {
    checkJournalLocation(journalPath, { allowNetwork });
  } catch (err) {
    if (!(err instanceof JournalLocationError)) throw err;
    const way =
      err.problem.kind === 'network'
        ? `Start Linesight with --allow-network-journal (or ${ALLOW_NETWORK_JOURNAL_ENV}=1) to accept the risk, or keep its user-data folder on a local disk`
        : 'Make its user-data folder writable';
    throw new Error(`${err.problem.reason}. ${way}.`, { cause: err });
  }
}

function fail(err: unknown): void {
  const message = err instanceof Error ? err.message : String(err);
  dialog.showErrorBox('Linesight could not start', message);
  app.exit(3);
}
