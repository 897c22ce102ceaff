/**
 * The renderer's only door to the main process. Runs sandboxed with context isolation, so it is
 * bundled to one CommonJS file (dist/electron/preload.cjs, vite.preload.config.ts). It exposes named
 * functions as `window.linesight` — `call`, `onFrame` and `secrets.{status,get,remember,forget}` —
 * and never `ipcRenderer` itself or its events.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  CALL_CHANNEL,
  FRAME_CHANNEL,
  SECRETS_FORGET_CHANNEL,
  SECRETS_GET_CHANNEL,
  SECRETS_REMEMBER_CHANNEL,
  SECRETS_STATUS_CHANNEL,
} from './channels.js';

const bridge = {
  /** One command or query; resolves to `{ ok, result }` or `{ ok: false, error }` (see electron/ipc.ts). */
  call(kind: unknown, name: unknown, args: unknown): Promise<unknown> {
    return ipcRenderer.invoke(CALL_CHANNEL, kind, name, args ?? null);
  },
  /** Subscribe to frames; returns the function that unsubscribes. */
  onFrame(callback: (frame: unknown) => void): () => void {
    if (typeof callback !== 'function') throw new TypeError('onFrame needs a function');
    const listener = (_event: IpcRendererEvent, frame: unknown) => callback(frame);
    ipcRenderer.on(FRAME_CHANNEL, listener);
    return () => {
      ipcRenderer.removeListener(FRAME_CHANNEL, listener);
    };
  },
  /** Remembered broker passwords, sealed by the OS key store (electron/secrets-ipc.ts checks every argument). */
  secrets: {
    /** `{ canRemember }`: false where no OS key store protects a password (then ask each time) */
    status(): Promise<unknown> {
      return ipcRenderer.invoke(SECRETS_STATUS_CHANNEL);
    },
    /** the remembered password of a connection, or null */
    get(name: unknown): Promise<unknown> {
      return ipcRenderer.invoke(SECRETS_GET_CHANNEL, name);
    },
    remember(name: unknown, password: unknown): Promise<unknown> {
      return ipcRenderer.invoke(SECRETS_REMEMBER_CHANNEL, name, password);
    },
    forget(name: unknown): Promise<unknown> {
      return ipcRenderer.invoke(SECRETS_FORGET_CHANNEL, name);
    },
  },
};

contextBridge.exposeInMainWorld('linesight', bridge);
