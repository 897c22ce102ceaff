/**
 * The renderer's only door to the main process. Runs sandboxed with context isolation, so it is
 * bundled to one CommonJS file (dist/electron/preload.cjs, vite.preload.config.ts). It exposes two
 * named functions as `window.linesight` and never `ipcRenderer` itself or its events.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { CALL_CHANNEL, FRAME_CHANNEL } from './channels.js';

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
};

contextBridge.exposeInMainWorld('linesight', bridge);
