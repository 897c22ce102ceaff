import { isIP } from 'node:net';

/** How to run the embedded broker. Only `host`/`port` matter on a laptop with no plant network. */
export type EmbeddedBrokerOptions = {
  /** address to bind (default 127.0.0.1); beyond loopback needs `username` and `password` */
  readonly host?: string;
  /** TCP port (default 1883; 0 picks a free one) */
  readonly port?: number;
  /** with `password`: every client must log in with these */
  readonly username?: string;
  /** given at start (environment, prompt), never logged or stored */
  readonly password?: string;
  /** largest PUBLISH payload accepted, in bytes (default 256 KiB); a larger one closes that connection */
  readonly maxMessageBytes?: number;
  /** QoS 1/2 messages kept per persistent session before newer ones are dropped (default 10,000) */
  readonly maxQueuedMessages?: number;
  /** bytes of payload kept per persistent session before newer messages are dropped (default 64 MiB) */
  readonly maxQueuedBytes?: number;
  /** bytes waiting unread on one client's connection above which it is disconnected (default 8 MiB) */
  readonly maxOutgoingBytes?: number;
};

/** Options with every default filled in, as the worker thread receives them (plain data). */
export type BrokerSettings = {
  readonly host: string;
  readonly port: number;
  readonly credentials: { readonly username: string; readonly password: string } | undefined;
  readonly maxMessageBytes: number;
  readonly maxQueuedMessages: number;
  readonly maxQueuedBytes: number;
  readonly maxOutgoingBytes: number;
};

export const DEFAULT_BROKER_PORT = 1883;
export const DEFAULT_MAX_MESSAGE_BYTES = 256 * 1024;

/** Why the broker would not start: bad options, or the address/port could not be bound. */
export class EmbeddedBrokerError extends Error {
  override readonly name = 'EmbeddedBrokerError';
  constructor(
    /** `options`: refused before binding; `in-use`, `unavailable`, `denied`: the bind failed; `failed`: anything else */
    readonly code: 'options' | 'in-use' | 'unavailable' | 'denied' | 'failed',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Whether `host` names this machine's loopback interface only: what the embedded broker may bind
 * without a login, and all `linesight serve` binds.
 */
export function isLoopbackAddress(host: string): boolean {
  if (host === 'localhost') return true;
  const v = isIP(host);
  if (v === 4) return host.startsWith('127.');
  if (v === 6) return host === '::1' || host === '0:0:0:0:0:0:0:1';
  return false;
}

/** Fill in defaults and refuse what must not run; throws `EmbeddedBrokerError` with code `options`. */
export function settle(opts: EmbeddedBrokerOptions): BrokerSettings {
  const host = opts.host ?? '127.0.0.1';
  const port = opts.port ?? DEFAULT_BROKER_PORT;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new EmbeddedBrokerError('options', `port: expected 0 … 65535, got ${port}`);
  const hasUser = opts.username !== undefined && opts.username !== '';
  const hasPassword = opts.password !== undefined && opts.password !== '';
  if (hasUser !== hasPassword) {
    throw new EmbeddedBrokerError('options', hasUser ? `username ${opts.username} given without a password` : 'a password was given without a username');
  }
  // A broker reachable from the plant network with no login would let anyone inject orders.
  if (!isLoopbackAddress(host) && !hasUser) {
    throw new EmbeddedBrokerError('options', `host ${host} needs a username and password: a broker beyond loopback must not be open`);
  }
  return {
    host,
    port,
    credentials: hasUser ? { username: opts.username, password: opts.password! } : undefined,
    maxMessageBytes: positive('maxMessageBytes', opts.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES),
    maxQueuedMessages: positive('maxQueuedMessages', opts.maxQueuedMessages ?? 10_000),
    maxQueuedBytes: positive('maxQueuedBytes', opts.maxQueuedBytes ?? 64 * 1024 * 1024),
    maxOutgoingBytes: positive('maxOutgoingBytes', opts.maxOutgoingBytes ?? 8 * 1024 * 1024),
  };
}

function positive(name: string, n: number): number {
  if (!Number.isInteger(n) || n < 1) throw new EmbeddedBrokerError('options', `${name}: expected a positive integer, got ${n}`);
  return n;
}
