/**
 * The desktop shell's main process: one instance, the engine on a worker thread with its journal in
 * the user-data folder, remembered broker passwords sealed by the OS key store, one hardened window
 * showing the built UI from `app://linesight/`. Like `linesight serve`, it refuses a journal on a
 * network share unless started with `--allow-network-journal` (or LINESIGHT_ALLOW_NETWORK_JOURNAL=1).
 * Loaded by Electron from dist/electron/main.js (package.json "main"); `npm start` runs it when the
 * Electron runtime is installed (electron/launch.mjs).
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, safeStorage, session } from 'electron';
import { startEngineWorker, type EngineWorker } from '../engine/api/worker-host.js';
import { allowNetworkJournalFrom, ALLOW_NETWORK_JOURNAL_ENV, checkJournalLocation, JournalLocationError } from '../engine/journal/journal-location.js';
import { attachFrames, registerIpc } from './ipc.js';
import { createSecretStore } from './secrets.js';
import { registerSecretsIpc } from './secrets-ipc.js';
import { APP_ENTRY, hardenContents, registerAppProtocol, registerAppScheme, windowOptions } from './security.js';

/** dist/ as seen from dist/electron/main.js */
const distRoot = fileURLToPath(new URL('../', import.meta.url));
const rendererRoot = join(distRoot, 'renderer');
const preloadPath = join(distRoot, 'electron', 'preload.cjs');

let mainWindow: BrowserWindow | null = null;
let engine: EngineWorker | null = null;

async function onReady(): Promise<void> {
  registerAppProtocol(rendererRoot);
  // The UI needs no camera, notifications, geolocation …
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));

  // the desktop app remembers things (client ids, mappings files) in Electron's userData folder
  const journalPath = join(app.getPath('userData'), 'linesight.db');
  // a read-only folder or a network share (a roaming profile redirected to a server) is refused before anything starts
  checkAppJournal(journalPath, allowNetworkJournalFrom(process.argv, process.env));
  engine = await startEngineWorker({ journalPath, configDir: app.getPath('userData') });
  await engine.call('command', 'session.start', { scenario: 'baseline' }); // paused at its start
  registerIpc(engine);
  // Remembered broker passwords, encrypted by the OS key store; safeStorage needs `ready` (on Linux
  // its backend is 'unknown' before), and the store refuses to remember on basic_text.
  registerSecretsIpc(createSecretStore(safeStorage, join(app.getPath('userData'), 'secrets.json')));

  const win = new BrowserWindow(windowOptions(preloadPath));
  mainWindow = win;
  attachFrames(engine, win.webContents);
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
    void closing.close().finally(() => app.quit());
  });
  app.whenReady().then(onReady).catch(fail);
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
