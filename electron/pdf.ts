/**
 * "Save as PDF" of an evidence pack, in the desktop app: `linesight:pdf:evidence` asks the engine
 * for the pack (`reports.evidence`, a self-contained HTML file in the exports folder), prints it in
 * a hidden, locked-down window (no script, no preload, no Node, its own in-memory session that
 * loads that one file and nothing else) with `webContents.printToPDF`, then asks where to save the
 * PDF. The logic takes its Electron pieces as parameters (`PdfDeps`) so tests drive it with fakes;
 * `registerPdfIpc` hands it the real ones.
 */
import { writeFile } from 'node:fs/promises';
import { basename, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  type BrowserWindowConstructorOptions,
  type IpcMainInvokeEvent,
  type PrintToPDFOptions,
  type SaveDialogOptions,
} from 'electron';
import type { EngineWorker } from '../engine/api/worker-host.js';
import { PDF_EVIDENCE_CHANNEL } from './channels.js';
import { checkSender } from './ipc.js';
import { isolatedPreferences } from './security.js';

/** The in-memory session (no `persist:`) of the printing window: its request filter touches nothing of the app's. */
export const PDF_PARTITION = 'linesight-pdf';

/** A4 with the page's own colours (the report's pills and table shading are backgrounds). */
export const PDF_OPTIONS: PrintToPDFOptions = { printBackground: true, pageSize: 'A4' };

/** What the engine names an evidence pack it wrote (`EVIDENCE_FILE_NAME` in engine/report/evidence.ts). */
const EVIDENCE_NAME = /^evidence-session-\d+-\d{8}-\d{6}(?:-\d+)?\.html$/;

/** Thrown (the invoke rejects) for arguments of the wrong type, or a second PDF while one is made. */
export class BadPdfRequestError extends TypeError {
  constructor(message: string) {
    super(`linesight: ${message}`);
    this.name = 'BadPdfRequestError';
  }
}

type Preventable = { preventDefault(): void };
type Listener = (event: Preventable) => void;

/** The parts of a window's `webContents` the printing uses. */
export type PdfContents = {
  setWindowOpenHandler(handler: () => { action: 'deny' }): void;
  on(event: 'will-navigate', listener: Listener): unknown;
  on(event: 'will-frame-navigate', listener: Listener): unknown;
  on(event: 'will-redirect', listener: Listener): unknown;
  on(event: 'will-attach-webview', listener: Listener): unknown;
  printToPDF(options: PrintToPDFOptions): Promise<Buffer>;
  readonly session: {
    readonly webRequest: {
      onBeforeRequest(listener: (details: { url: string }, callback: (response: { cancel?: boolean }) => void) => void): void;
    };
    setPermissionRequestHandler(handler: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void): void;
  };
};

/** The parts of a `BrowserWindow` the printing uses. */
export type PdfWindow = {
  readonly webContents: PdfContents;
  loadFile(path: string): Promise<void>;
  isDestroyed(): boolean;
  destroy(): void;
};

/** Electron's pieces, injected. */
export type PdfDeps = {
  /** `reports.evidence` of the engine (undefined: the current session); answers its ExportResult */
  readonly evidence: (session: number | undefined) => Promise<unknown>;
  readonly createWindow: (options: BrowserWindowConstructorOptions) => PdfWindow;
  readonly showSaveDialog: (options: SaveDialogOptions) => Promise<{ readonly canceled: boolean; readonly filePath?: string }>;
  readonly writeFile: (path: string, data: Uint8Array) => Promise<void>;
  /** the folder the save dialog opens in (the user's documents) */
  readonly defaultDir: () => string;
};

/** What `linesight:pdf:evidence` answers: where the PDF went, or that the save dialog was cancelled. */
export type PdfSaved = { readonly saved: true; readonly path: string } | { readonly saved: false };

/** The printing window: hidden, no script, no preload, no Node, sandboxed, in its own in-memory session. */
export function pdfWindowOptions(): BrowserWindowConstructorOptions {
  return {
    show: false,
    width: 1024,
    height: 1400,
    webPreferences: {
      ...isolatedPreferences(),
      javascript: false,
      plugins: false,
      webgl: false,
      devTools: false,
      spellcheck: false,
      disableDialogs: true,
      partition: PDF_PARTITION,
    },
  };
}

/** True when `url` is `file` itself (a query or fragment aside). */
function isTheFile(url: string, file: string): boolean {
  try {
    return new URL(url).protocol === 'file:' && resolve(fileURLToPath(url)) === resolve(file);
  } catch {
    return false;
  }
}

/**
 * Lock the printing window down beyond its options: no pop-up, no navigation or redirect at all
 * (the file is loaded by `loadFile`, which these events do not see), no permission, and no request
 * but the file itself — the pack fetches nothing, and this makes sure of it.
 */
export function lockDown(contents: PdfContents, file: string): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  const refuse: Listener = (event) => event.preventDefault();
  contents.on('will-navigate', refuse);
  contents.on('will-frame-navigate', refuse);
  contents.on('will-redirect', refuse);
  contents.on('will-attach-webview', refuse);
  contents.session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  contents.session.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isTheFile(details.url, file) }));
}

/** Print `file` (an evidence pack) to PDF in a hidden locked-down window, destroyed afterwards whatever happens. */
export async function printFileToPdf(createWindow: PdfDeps['createWindow'], file: string): Promise<Buffer> {
  const win = createWindow(pdfWindowOptions());
  try {
    lockDown(win.webContents, file);
    await win.loadFile(file);
    return await win.webContents.printToPDF(PDF_OPTIONS);
  } finally {
    if (!win.isDestroyed()) win.destroy();
  }
}

/** The session argument: a session id, or null/undefined for the current session. */
function sessionOf(value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) throw new BadPdfRequestError('a session is a positive whole number, or null for the current session');
  return value;
}

/** The evidence pack's path from the engine's answer, checked: an absolute path named as the engine names packs. */
function packPath(result: unknown): string {
  const path = typeof result === 'object' && result !== null ? (result as { path?: unknown }).path : undefined;
  if (typeof path !== 'string' || !isAbsolute(path) || !EVIDENCE_NAME.test(basename(path))) throw new Error('linesight: the engine did not write an evidence pack');
  return path;
}

/** The `linesight:pdf:evidence` handler: sender and argument checks, then pack → PDF → save dialog → file. One at a time. */
export function createPdfHandler(deps: PdfDeps) {
  let busy = false;
  return async (event: Pick<IpcMainInvokeEvent, 'senderFrame'>, session: unknown): Promise<PdfSaved> => {
    checkSender(event);
    const id = sessionOf(session);
    if (busy) throw new BadPdfRequestError('a PDF is being made already');
    busy = true;
    try {
      const html = packPath(await deps.evidence(id));
      const pdf = await printFileToPdf(deps.createWindow, html);
      const chosen = await deps.showSaveDialog({
        title: 'Save the evidence pack as PDF',
        defaultPath: join(deps.defaultDir(), basename(html).replace(/\.html$/, '.pdf')),
        filters: [{ name: 'PDF', extensions: ['pdf'] }],
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      });
      if (chosen.canceled || !chosen.filePath) return { saved: false };
      await deps.writeFile(chosen.filePath, pdf);
      return { saved: true, path: chosen.filePath };
    } finally {
      busy = false;
    }
  };
}

/** Register `linesight:pdf:evidence` with Electron's pieces (after `ready`); returns the function that removes it. */
export function registerPdfIpc(engine: Pick<EngineWorker, 'call'>, parent: () => BrowserWindow | null): () => void {
  const handler = createPdfHandler({
    evidence: (session) => engine.call('command', 'reports.evidence', session === undefined ? {} : { session }),
    createWindow: (options) => new BrowserWindow(options),
    showSaveDialog: (options) => {
      const win = parent();
      return win === null ? dialog.showSaveDialog(options) : dialog.showSaveDialog(win, options);
    },
    writeFile: (path, data) => writeFile(path, data),
    defaultDir: () => app.getPath('documents'),
  });
  ipcMain.handle(PDF_EVIDENCE_CHANNEL, handler);
  return () => ipcMain.removeHandler(PDF_EVIDENCE_CHANNEL);
}
