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
