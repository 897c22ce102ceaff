/**
 * The renderer's only door to the main process. Runs sandboxed with context isolation, so it is
 * bundled to one CommonJS file (dist/electron/preload.cjs, vite.preload.config.ts). It exposes named
 * functions as `window.linesight` — `call`, `onFrame`, `secrets.{status,get,remember,forget}`,
 * `pdf.saveEvidence`, `engine.{onState,restart}`, and `notify`, `setBadgeCount` and `onNotificationClick`
 * (alerts as OS notifications, electron/notifications.ts) — and never `ipcRenderer` itself or its events.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  BADGE_CHANNEL,
  CALL_CHANNEL,
  ENGINE_RESTART_CHANNEL,
  ENGINE_STATE_CHANNEL,
  ENGINE_STATUS_CHANNEL,
  FRAME_CHANNEL,
  NOTIFICATION_CLICK_CHANNEL,
  NOTIFY_CHANNEL,
  PDF_EVIDENCE_CHANNEL,
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
  /** The desktop app's PDF of an evidence pack (electron/pdf.ts checks the argument). */
  pdf: {
    /** a session id, or null/undefined for the current session → `{ saved: true, path }` or `{ saved: false }` (cancelled) */
    saveEvidence(session: unknown): Promise<unknown> {
      return ipcRenderer.invoke(PDF_EVIDENCE_CHANNEL, session ?? null);
    },
  },
  /** The engine's process (electron/engine-host.ts): whether it runs, why it stopped, and its restart. */
  engine: {
    /**
     * Called with the engine's state now, then on each change: `{ state: 'running' | 'starting' }` or
     * `{ state: 'stopped', reason }`. Returns the function that unsubscribes.
     */
    onState(callback: (state: unknown) => void): () => void {
      if (typeof callback !== 'function') throw new TypeError('engine.onState needs a function');
      let active = true;
      let pushed = false;
      const listener = (_event: IpcRendererEvent, state: unknown) => {
        pushed = true;
        callback(state);
      };
      ipcRenderer.on(ENGINE_STATE_CHANNEL, listener);
      // the state now, unless a change arrived first (it is newer)
      void ipcRenderer.invoke(ENGINE_STATUS_CHANNEL).then(
        (state: unknown) => {
          if (active && !pushed) callback(state);
        },
        () => undefined,
      );
      return () => {
        active = false;
        ipcRenderer.removeListener(ENGINE_STATE_CHANNEL, listener);
      };
    },
    /** Start a new engine process after one stopped → its state after (`running`, or `stopped` with why). */
    restart(): Promise<unknown> {
      return ipcRenderer.invoke(ENGINE_RESTART_CHANNEL);
    },
  },
  /** Raise an OS notification `{ kind, title, body, href }` (electron/notifications.ts checks every field) → `{ shown }`. */
  notify(notification: unknown): Promise<unknown> {
    return ipcRenderer.invoke(NOTIFY_CHANNEL, notification);
  },
  /** The dock/taskbar badge: how many alerts are unseen (0 clears it) → `{ set }`, false where the OS has none. */
  setBadgeCount(count: unknown): Promise<unknown> {
    return ipcRenderer.invoke(BADGE_CHANNEL, count);
  },
  /** Called with the href of each notification clicked (the window is already forward); returns the function that unsubscribes. */
  onNotificationClick(callback: (href: unknown) => void): () => void {
    if (typeof callback !== 'function') throw new TypeError('onNotificationClick needs a function');
    const listener = (_event: IpcRendererEvent, href: unknown) => callback(href);
    ipcRenderer.on(NOTIFICATION_CLICK_CHANNEL, listener);
    return () => {
      ipcRenderer.removeListener(NOTIFICATION_CLICK_CHANNEL, listener);
    };
  },
};

contextBridge.exposeInMainWorld('linesight', bridge);
