/**
 * IPC channel names shared by the main process (ipc.ts) and the preload. Kept free of imports so the
 * sandboxed preload bundle stays tiny. Every channel is prefixed `linesight:`.
 */

/** renderer → main, `ipcRenderer.invoke(CALL_CHANNEL, kind, name, args)`; answered with an `IpcReply` */
export const CALL_CHANNEL = 'linesight:call';
/** main → renderer, `webContents.send(FRAME_CHANNEL, frame)` */
export const FRAME_CHANNEL = 'linesight:frame';

/**
 * renderer → main, the desktop secret store (electron/secrets-ipc.ts): remembered broker passwords.
 * `status()` → `{ canRemember }`; `get(name)` → password or null; `remember(name, password)`; `forget(name)`.
 */
export const SECRETS_STATUS_CHANNEL = 'linesight:secrets:status';
export const SECRETS_GET_CHANNEL = 'linesight:secrets:get';
export const SECRETS_REMEMBER_CHANNEL = 'linesight:secrets:remember';
export const SECRETS_FORGET_CHANNEL = 'linesight:secrets:forget';

/**
 * renderer → main, the desktop app's "Save as PDF" of an evidence pack (electron/pdf.ts):
 * `invoke(PDF_EVIDENCE_CHANNEL, session)` (a session id, or null for the current one) →
 * `{ saved: true, path }`, or `{ saved: false }` when the save dialog was cancelled.
 */
export const PDF_EVIDENCE_CHANNEL = 'linesight:pdf:evidence';

/**
 * The engine's process (electron/engine-host.ts). main → renderer, `webContents.send(ENGINE_STATE_CHANNEL, state)`
 * on each change: `{ state: 'running' }`, `{ state: 'starting' }` or `{ state: 'stopped', reason }`.
 */
export const ENGINE_STATE_CHANNEL = 'linesight:engine';
/** renderer → main, `invoke(ENGINE_STATUS_CHANNEL)` → the engine's state now (what `linesight:engine` last said). */
export const ENGINE_STATUS_CHANNEL = 'linesight:engine:status';
/** renderer → main, `invoke(ENGINE_RESTART_CHANNEL)`: start a new engine process after one stopped → the state after. */
export const ENGINE_RESTART_CHANNEL = 'linesight:engine:restart';

/**
 * Alerts (electron/notifications.ts): the page is refused every permission, so the main process
 * raises its OS notifications. renderer → main, `invoke(NOTIFY_CHANNEL, { kind, title, body, href })`
 * → `{ shown }`; `invoke(BADGE_CHANNEL, count)` sets the dock/taskbar badge to the unseen count.
 * main → renderer, `webContents.send(NOTIFICATION_CLICK_CHANNEL, href)` when one is clicked.
 */
export const NOTIFY_CHANNEL = 'linesight:notify';
export const BADGE_CHANNEL = 'linesight:notify:badge';
export const NOTIFICATION_CLICK_CHANNEL = 'linesight:notify:click';
