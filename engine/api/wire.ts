/**
 * The WebSocket wire protocol of the browser host (`linesight serve`, endpoint `/api`): plain JSON
 * text messages mirroring `LinesightApi`. Types only, so the renderer can `import type` them.
 *
 * client → server  `{ id, kind: 'command' | 'query', name, args }`
 * server → client  `{ id, ok: true, result }` or `{ id, ok: false, error }` (one per request, same id)
 * server → client  `{ kind: 'frame', frame }` pushed to every connected client as the engine produces them
 */
import type { CommandName, Frame, QueryName } from '../contract/index.js';

/** What the client picks to correlate a reply with its request. */
export type RequestId = string | number;

/** A command or query call. `args` is the one JSON object argument (omit or null for none). */
export type RequestMessage =
  | { readonly id: RequestId; readonly kind: 'command'; readonly name: CommandName; readonly args?: unknown }
  | { readonly id: RequestId; readonly kind: 'query'; readonly name: QueryName; readonly args?: unknown };

/**
 * Why a request failed. `bad-request`: the message was not valid JSON or not a well-formed request
 * (then `id` of the reply is the request's id if it had a usable one, else null); `unknown-name`:
 * no such command/query; `failed`: the engine refused or failed the call (message says why).
 */
export type WireError = { readonly code: 'bad-request' | 'unknown-name' | 'failed'; readonly message: string };

export type ReplyMessage =
  | { readonly id: RequestId | null; readonly ok: true; readonly result: unknown }
  | { readonly id: RequestId | null; readonly ok: false; readonly error: WireError };

export type FrameMessage = { readonly kind: 'frame'; readonly frame: Frame };

/** Everything the server sends; replies have `ok`, pushes have `kind`. */
export type ServerMessage = ReplyMessage | FrameMessage;
