/**
 * Calls `LinesightApi` by name, for transports that carry requests as data (worker thread,
 * WebSocket). Everything from outside is checked here: the kind, that the name is an own key of
 * `commands`/`queries` (never `toString`, `__proto__` …), and that the argument is one JSON object.
 */
import type { LinesightApi } from '../contract/index.js';
export type { CallKind } from '../contract/index.js';
import type { ReplyMessage, RequestId, WireError } from './wire.js';

/** A request refused before it reached the engine; `code` goes on the wire. */
export class DispatchError extends Error {
  constructor(
    readonly code: WireError['code'],
    message: string,
  ) {
    super(message);
    this.name = 'DispatchError';
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Check a call's kind, name and argument; returns the argument to pass (undefined for none). */
export function checkCall(api: Pick<LinesightApi, 'commands' | 'queries'>, kind: unknown, name: unknown, args: unknown): unknown {
  if (kind !== 'command' && kind !== 'query') throw new DispatchError('bad-request', `kind must be 'command' or 'query', got ${JSON.stringify(kind)}`);
  if (typeof name !== 'string') throw new DispatchError('bad-request', `name must be a string, got ${JSON.stringify(name)}`);
  const table = kind === 'command' ? api.commands : api.queries;
  if (!Object.prototype.hasOwnProperty.call(table, name) || typeof (table as Record<string, unknown>)[name] !== 'function') {
    const known = Object.keys(table).join(', ');
    throw new DispatchError('unknown-name', `unknown ${kind} "${name}" (known: ${known})`);
  }
  if (args === undefined || args === null) return undefined;
  if (!isRecord(args)) throw new DispatchError('bad-request', `args of ${name} must be an object, got ${Array.isArray(args) ? 'an array' : typeof args}`);
  return args;
}

/** Run one command or query by name; rejects with a `DispatchError` for a malformed call. */
export async function dispatch(api: Pick<LinesightApi, 'commands' | 'queries'>, kind: unknown, name: unknown, args: unknown): Promise<unknown> {
  const checked = checkCall(api, kind, name, args);
  const table = (kind === 'command' ? api.commands : api.queries) as unknown as Record<string, (a: unknown) => Promise<unknown>>;
  return table[name as string]!(checked);
}

/** A request parsed from one text message of the wire protocol, or the reply that refuses it. */
export type Parsed =
  | { readonly ok: true; readonly id: RequestId; readonly kind: unknown; readonly name: unknown; readonly args: unknown }
  | { readonly ok: false; readonly reply: ReplyMessage };

/** Parse one text message: valid JSON, an object, with a usable id (kind/name/args are checked by `dispatch`). */
export function parseRequest(text: string): Parsed {
  let msg: unknown;
  try {
    msg = JSON.parse(text);
  } catch (err) {
    return { ok: false, reply: errorReply(null, new DispatchError('bad-request', `message is not valid JSON: ${(err as Error).message}`)) };
  }
  if (!isRecord(msg)) return { ok: false, reply: errorReply(null, new DispatchError('bad-request', 'message must be a JSON object')) };
  const id = msg.id;
  if (!((typeof id === 'string' && id.length <= 200) || (typeof id === 'number' && Number.isFinite(id)))) {
    return { ok: false, reply: errorReply(null, new DispatchError('bad-request', 'message needs an id (a string or a finite number)')) };
  }
  return { ok: true, id, kind: msg.kind, name: msg.name, args: msg.args };
}

/** The failure reply for any error thrown while handling request `id`. */
export function errorReply(id: RequestId | null, err: unknown): ReplyMessage {
  const code: WireError['code'] = err instanceof DispatchError ? err.code : 'failed';
  const message = err instanceof Error ? err.message : String(err);
  return { id, ok: false, error: { code, message } };
}
