import type { IncomingMessage, Server } from 'node:http';
import { WebSocket, WebSocketServer } from 'ws';
import { DispatchError, errorReply, parseRequest, type EngineWorker, type FrameMessage, type ReplyMessage } from '../../engine/index.js';
import { hostAllowed } from './host-check.js';

/** Largest message a client may send (requests are small JSON objects). */
const MAX_PAYLOAD = 1024 * 1024;
/** A client this far behind gets no more intermediate frames until it catches up (final frames always go). */
const MAX_BUFFERED = 8 * 1024 * 1024;
/**
 * Deepest args a request may nest. JSON.parse reads 10,000 levels in a 20 kB message; JSON.stringify
 * cannot write them back (a reply echoing them threw out of the reply callback, an unhandled
 * rejection that ends the process), and no call of the API takes more than a few levels.
 */
const MAX_ARGS_DEPTH = 64;

/** Whether `v` nests objects or arrays deeper than `levels`; stops at the limit, so it never overflows. */
function deeperThan(v: unknown, levels: number): boolean {
  if (typeof v !== 'object' || v === null) return false;
  if (levels === 0) return true;
  return Object.values(v).some((x) => deeperThan(x, levels - 1));
}

/** The reply as text; a result that cannot be written as JSON becomes a `failed` reply instead of an exception. */
function encode(msg: ReplyMessage): string {
  try {
    return JSON.stringify(msg);
  } catch (err) {
    return JSON.stringify({ id: msg.id, ok: false, error: { code: 'failed', message: `the reply could not be written as JSON: ${(err as Error).message}` } } satisfies ReplyMessage);
  }
}

/**
 * A page may talk to the API only when it was served by this server: an `Origin` (sent by every
 * browser) must name the same host:port as the request's `Host` — which `hostAllowed` has already
 * confined to this server's loopback names. No `Origin`: a non-browser client.
 */
export function sameOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  try {
    const u = new URL(origin);
    return (u.protocol === 'http:' || u.protocol === 'https:') && req.headers.host !== undefined && u.host === req.headers.host.toLowerCase();
  } catch {
    return false;
  }
}

/**
 * The `/api` WebSocket endpoint (protocol: engine/api/wire.ts): each text message is one request,
 * answered once with the same id; every engine frame is pushed to every client. Malformed messages
 * are answered with an error and the connection stays open.
 */
export function attachApiEndpoint(server: Server, engine: EngineWorker): { close(): void } {
  const wss = new WebSocketServer({
    server,
    path: '/api',
    maxPayload: MAX_PAYLOAD,
    // refused (403) unless both hold: our own loopback name, and a page we served
    verifyClient: (info: { req: IncomingMessage }, done: (ok: boolean, code?: number, message?: string) => void) => {
      const ok = hostAllowed(info.req) && sameOrigin(info.req);
      done(ok, ok ? undefined : 403, ok ? undefined : 'Forbidden');
    },
  });
  // The WebSocket server re-emits the HTTP server's errors (e.g. EADDRINUSE); the HTTP server's own
  // listener reports them, so here they only must not become an uncaught 'error' event.
  wss.on('error', () => {});
  const send = (ws: WebSocket, msg: ReplyMessage) => {
    if (ws.readyState === WebSocket.OPEN) ws.send(encode(msg));
  };

  wss.on('connection', (ws) => {
    ws.on('error', () => ws.terminate());
    ws.on('message', (data, isBinary) => {
      if (isBinary) {
        send(ws, errorReply(null, new DispatchError('bad-request', 'binary messages are not part of the protocol; send JSON text')));
        return;
      }
      const parsed = parseRequest(Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.concat(Array.isArray(data) ? data : [Buffer.from(data)]).toString('utf8'));
      if (!parsed.ok) {
        send(ws, parsed.reply);
        return;
      }
      const { id } = parsed;
      // before anything quotes kind or name back: JSON.stringify of a 10,000-level kind throws
      if (deeperThan([parsed.kind, parsed.name, parsed.args], MAX_ARGS_DEPTH + 1)) {
        send(ws, { id, ok: false, error: { code: 'bad-request', message: `a request may nest at most ${MAX_ARGS_DEPTH} levels` } });
        return;
      }
      const kind = parsed.kind === 'command' || parsed.kind === 'query' ? parsed.kind : null;
      if (kind === null) {
        send(ws, { id, ok: false, error: { code: 'bad-request', message: `kind must be 'command' or 'query', got ${JSON.stringify(parsed.kind)}` } });
        return;
      }
      if (typeof parsed.name !== 'string') {
        send(ws, { id, ok: false, error: { code: 'bad-request', message: `name must be a string, got ${JSON.stringify(parsed.name)}` } });
        return;
      }
      engine.call(kind, parsed.name, parsed.args).then(
        (result) => send(ws, { id, ok: true, result: result ?? null }),
        (err: unknown) => send(ws, errorReply(id, err)),
      );
    });
  });

  const unsubscribe = engine.onFrame((frame) => {
    if (wss.clients.size === 0) return;
    const text = JSON.stringify({ kind: 'frame', frame } satisfies FrameMessage);
    for (const ws of wss.clients) {
      if (ws.readyState !== WebSocket.OPEN) continue;
      if (!frame.final && ws.bufferedAmount > MAX_BUFFERED) continue;
      ws.send(text);
    }
  });

  return {
    close() {
      unsubscribe();
      for (const ws of wss.clients) ws.close(1001, 'server shutting down');
      wss.close();
    },
  };
}
