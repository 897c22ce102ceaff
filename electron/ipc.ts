/**
 * The main-process end of the renderer's API: one invoke channel for calls, one push channel for
 * frames. Every call is checked twice before it reaches the engine worker: the sender must be a
 * frame of the app origin, and the call itself goes through `dispatch`/`checkCall` (kind, own name,
 * one JSON object). The engine never runs on this thread.
 */
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import type { CommandName, Commands, LinesightApi, Queries, QueryName } from '../engine/api/contract.js';
import { dispatch, errorReply } from '../engine/api/dispatch.js';
import type { WireError } from '../engine/api/wire.js';
import type { EngineWorker } from '../engine/api/worker-host.js';
import { CALL_CHANNEL, FRAME_CHANNEL } from './channels.js';
import { isAppUrl } from './security.js';

export { CALL_CHANNEL, FRAME_CHANNEL } from './channels.js';

/** What `linesight:call` answers: the result, or the refusal with the wire protocol's error codes. */
export type IpcReply = { readonly ok: true; readonly result: unknown } | { readonly ok: false; readonly error: WireError };

/** Thrown (the invoke rejects) when a call comes from anything but the app's own page. */
export class ForeignSenderError extends Error {
  constructor(url: string) {
    super(`linesight: refused an IPC call from ${url || 'an unknown frame'}`);
    this.name = 'ForeignSenderError';
  }
}

/** The contract's tables, each entry forwarding to the worker; `dispatch` checks calls against them. */
function forwardingApi(engine: Pick<EngineWorker, 'call'>): Pick<LinesightApi, 'commands' | 'queries'> {
  const command = <N extends CommandName>(name: N): Commands[N] =>
    ((args?: unknown) => engine.call('command', name, args)) as Commands[N];
  const query = <N extends QueryName>(name: N): Queries[N] => ((args?: unknown) => engine.call('query', name, args)) as Queries[N];
  return {
    commands: {
      'session.start': command('session.start'),
      'session.watch': command('session.watch'),
      'session.play': command('session.play'),
      'session.pause': command('session.pause'),
      'session.step': command('session.step'),
      'session.setSpeed': command('session.setSpeed'),
      'operator.toggleFault': command('operator.toggleFault'),
      'operator.setControl': command('operator.setControl'),
      'operator.inject': command('operator.inject'),
      'exceptions.retry': command('exceptions.retry'),
      'exceptions.resend': command('exceptions.resend'),
      'exceptions.discard': command('exceptions.discard'),
      'reversals.request': command('reversals.request'),
      'events.export': command('events.export'),
      'broker.start': command('broker.start'),
      'broker.stop': command('broker.stop'),
      'connections.forget': command('connections.forget'),
      'mappings.save': command('mappings.save'),
      'sessions.label': command('sessions.label'),
      'sessions.delete': command('sessions.delete'),
      'reports.reconcile': command('reports.reconcile'),
      'session.replay': command('session.replay'),
      'session.seek': command('session.seek'),
    } satisfies Commands,
    queries: {
      'scenarios.list': query('scenarios.list'),
      'session.status': query('session.status'),
      'session.frame': query('session.frame'),
      'events.page': query('events.page'),
      'lineage.forOrder': query('lineage.forOrder'),
      'lineage.search': query('lineage.search'),
      'genealogy.forLot': query('genealogy.forLot'),
      'exceptions.list': query('exceptions.list'),
      'exceptions.preview': query('exceptions.preview'),
      'reversals.preview': query('reversals.preview'),
      'gaps.list': query('gaps.list'),
      'reconciliation.run': query('reconciliation.run'),
      'events.templates': query('events.templates'),
      'events.validate': query('events.validate'),
      'session.settings': query('session.settings'),
      'broker.status': query('broker.status'),
      'mappings.load': query('mappings.load'),
      'mappings.check': query('mappings.check'),
      'sessions.list': query('sessions.list'),
      'sessions.compare': query('sessions.compare'),
      'lineage.compare': query('lineage.compare'),
    } satisfies Queries,
  };
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
