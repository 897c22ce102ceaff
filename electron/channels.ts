/**
 * IPC channel names shared by the main process (ipc.ts) and the preload. Kept free of imports so the
 * sandboxed preload bundle stays tiny. Every channel is prefixed `linesight:`.
 */

/** renderer → main, `ipcRenderer.invoke(CALL_CHANNEL, kind, name, args)`; answered with an `IpcReply` */
export const CALL_CHANNEL = 'linesight:call';
/** main → renderer, `webContents.send(FRAME_CHANNEL, frame)` */
export const FRAME_CHANNEL = 'linesight:frame';
