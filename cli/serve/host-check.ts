import type { IncomingMessage, ServerResponse } from 'node:http';

/** The names this server answers to: loopback only, whatever address it is bound to. */
const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'] as const;

/**
 * Whether a request's `Host` names this server: `127.0.0.1:PORT`, `localhost:PORT` or
 * `[::1]:PORT`, where PORT is the port the request came in on. A page on another name that was
 * re-pointed at 127.0.0.1 (DNS rebinding) sends its own name here, and an `Origin` to match it, so
 * comparing the two proves nothing: the name itself must be ours.
 */
export function hostAllowed(req: IncomingMessage): boolean {
  const host = req.headers.host?.toLowerCase();
  const port = req.socket.localPort;
  if (host === undefined || port === undefined) return false;
  return LOOPBACK_NAMES.some((name) => host === `${name}:${port}` || (port === 80 && host === name));
}

/** Answer 403, saying why in a line (never the API or a file). */
export function refuseHost(res: ServerResponse): void {
  const text = 'forbidden: this server answers to 127.0.0.1, localhost or [::1] with its port only\n';
  res.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-store' });
  res.end(text);
}
