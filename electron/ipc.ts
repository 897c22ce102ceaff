/**
 * The main-process end of the renderer's API: one invoke channel for calls, one push channel for
 * frames. Every call is checked twice before it reaches the engine: the sender must be a frame of
 * the app origin, and the call itself goes through `dispatch`/`checkCall` (kind, own name, one JSON
 * object). The engine never runs on this thread (it runs in a utility process, engine-host.ts);
 * its state (running, stopped and why) is pushed on `linesight:engine`, and `linesight:engine:restart`
 * starts it again, the sender checked the same way.
 */
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { API_CALLS, type CallKind, type Commands, type LinesightApi, type Queries } from '../engine/contract/index.js';
import { dispatch, errorReply } from '../engine/api/dispatch.js';
import type { WireError } from '../engine/api/wire.js';
import type { EngineWorker } from '../engine/api/worker-host.js';
import { CALL_CHANNEL, ENGINE_RESTART_CHANNEL, ENGINE_STATE_CHANNEL, ENGINE_STATUS_CHANNEL, FRAME_CHANNEL } from './channels.js';
import type { EngineHost } from './engine-host.js';
import { isAppUrl } from './security.js';

export { CALL_CHANNEL, ENGINE_RESTART_CHANNEL, ENGINE_STATE_CHANNEL, ENGINE_STATUS_CHANNEL, FRAME_CHANNEL } from './channels.js';

/** What `linesight:call` answers: the result, or the refusal with the wire protocol's error codes. */
export type IpcReply = { readonly ok: true; readonly result: unknown } | { readonly ok: false; readonly error: WireError };

/** Thrown (the invoke rejects) when a call comes from anything but the app's own page. */
export class ForeignSenderError extends Error {
  constructor(url: string) {
    super(`linesight: refused an IPC call from ${url || 'an unknown frame'}`);
    this.name = 'ForeignSenderError';
  }
}

/** The contract's tables, one entry per call of `API_CALLS` forwarding to the engine; `dispatch` checks calls against them. */
function forwardingApi(engine: Pick<EngineWorker, 'call'>): Pick<LinesightApi, 'commands' | 'queries'> {
  const table = (kind: CallKind) =>
    Object.fromEntries(
      Object.entries(API_CALLS)
        .filter(([, call]) => call.kind === kind)
        .map(([name]) => [name, (args?: unknown) => engine.call(kind, name, args)]),
    );
  // complete by construction: each table holds every call of its kind
  return { commands: table('command') as Commands, queries: table('query') as Queries };
}

/** Throws `ForeignSenderError` unless the invoking frame is the app's page. */
export function checkSender(event: Pick<IpcMainInvokeEvent, 'senderFrame'>): void {
  const url = event.senderFrame?.url ?? '';
  if (!isAppUrl(url)) throw new ForeignSenderError(url);
}

/** The `linesight:call` handler: sender check (throws), then call check and forward (answers an `IpcReply`). */
export function createCallHandler(engine: Pick<EngineWorker, 'call'>) {
  const api = forwardingApi(engine);
  return async (event: Pick<IpcMainInvokeEvent, 'senderFrame'>, kind: unknown, name: unknown, args: unknown): Promise<IpcReply> => {
    checkSender(event);
    // IPC clones what JSON cannot carry (bigint, cycles): dispatch would quote such a kind or name
    // with JSON.stringify, which throws; refuse them here with words that cannot fail
    if (kind !== 'command' && kind !== 'query') return { ok: false, error: { code: 'bad-request', message: `kind must be 'command' or 'query', got ${describe(kind)}` } };
    if (typeof name !== 'string') return { ok: false, error: { code: 'bad-request', message: `name must be a string, got ${describe(name)}` } };
    try {
      return { ok: true, result: await dispatch(api, kind, name, args) };
    } catch (err) {
      const reply = errorReply(null, err);
      return reply.ok ? { ok: false, error: { code: 'failed', message: 'unexpected reply' } } : { ok: false, error: reply.error };
    }
  };
}

/** A value's kind for a message, without serializing it. */
function describe(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v;
}

/** Register the call handler; returns the function that removes it. */
export function registerIpc(engine: Pick<EngineWorker, 'call'>): () => void {
  ipcMain.handle(CALL_CHANNEL, createCallHandler(engine));
  return () => ipcMain.removeHandler(CALL_CHANNEL);
}

/** Push the engine's frames to `contents` while it shows the app; returns the function that stops. */
export function attachFrames(engine: Pick<EngineWorker, 'onFrame'>, contents: WebContents): () => void {
  const off = engine.onFrame((frame) => {
    if (contents.isDestroyed() || !isAppUrl(contents.getURL())) return;
    contents.send(FRAME_CHANNEL, frame);
  });
  contents.once('destroyed', off);
  return off;
}

/** Register `linesight:engine:status` and `linesight:engine:restart` (sender checked); returns the function that removes them. */
export function registerEngineIpc(engine: Pick<EngineHost, 'state' | 'restart'>): () => void {
  ipcMain.handle(ENGINE_STATUS_CHANNEL, (event: IpcMainInvokeEvent) => {
    checkSender(event);
    return engine.state();
  });
  ipcMain.handle(ENGINE_RESTART_CHANNEL, (event: IpcMainInvokeEvent) => {
    checkSender(event);
    return engine.restart();
  });
  return () => {
    ipcMain.removeHandler(ENGINE_STATUS_CHANNEL);
    ipcMain.removeHandler(ENGINE_RESTART_CHANNEL);
  };
}

/** Push the engine's state changes to `contents` while it shows the app; returns the function that stops. */
export function attachEngineState(engine: Pick<EngineHost, 'onState'>, contents: WebContents): () => void {
  const off = engine.onState((state) => {
    if (contents.isDestroyed() || !isAppUrl(contents.getURL())) return;
    contents.send(ENGINE_STATE_CHANNEL, state);
  });
  contents.once('destroyed', off);
  return off;
}
