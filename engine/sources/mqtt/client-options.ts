import { readFileSync } from 'node:fs';
import type { IClientOptions } from 'mqtt';
import type { BrokerConfig } from '../../contract/index.js';

/** The default MQTT 5 session expiry of a persistent session: an hour of queueing on the broker at most. */
export const DEFAULT_SESSION_EXPIRY_SECONDS = 3600;

/** Who a connection is on its broker, and what the broker keeps for it. */
export type SessionPolicy = {
  readonly clientId: string;
  /** whether the broker keeps a session (and queues for it) while we are away */
  readonly persistent: boolean;
  /** MQTT 5 session expiry asked for (0 when nothing is kept) */
  readonly expirySeconds: number;
  /** as shown: seconds, `'broker'` (3.1.1: the broker's own limit), or null (nothing kept) */
  readonly sessionExpiry: number | 'broker' | null;
};

/**
 * A session is kept on the broker only for a watch under a stable (configured or derived) client
 * id, unless the config asks for none; a publish-only connection, or one without a stable id,
 * starts clean and leaves nothing behind.
 */
export function sessionPolicy(cfg: BrokerConfig, subscribe: boolean): SessionPolicy {
  const v5 = (cfg.protocolVersion ?? 5) === 5;
  const persistent = subscribe && cfg.clientId !== undefined && !(v5 ? cfg.sessionExpirySeconds === 0 : cfg.clean === true);
  const clientId = cfg.clientId ?? `linesight-${process.pid}-${Math.random().toString(16).slice(2, 8)}`;
  const expirySeconds = persistent && v5 ? (cfg.sessionExpirySeconds ?? DEFAULT_SESSION_EXPIRY_SECONDS) : 0;
  return { clientId, persistent, expirySeconds, sessionExpiry: !persistent ? null : v5 ? expirySeconds : 'broker' };
}

const noLog = (): void => undefined;

/** mqtt.js options for a connection: its identity and session, TLS material read from its files, our own reconnects. */
export function clientOptions(cfg: BrokerConfig, session: SessionPolicy, url: string): IClientOptions {
  const v5 = (cfg.protocolVersion ?? 5) === 5;
  const tls = cfg.tls;
  const read = (what: string, path: string | undefined) => {
    if (path === undefined) return {};
    try {
      return { [what]: readFileSync(path) };
    } catch (err) {
      throw new Error(`${url}: cannot read the TLS ${what} file ${path}: ${(err as Error).message}`, { cause: err });
    }
  };
  return {
    protocolVersion: cfg.protocolVersion ?? 5,
    clientId: session.clientId,
    // MQTT 5: clean start off resumes the session, kept for sessionExpiryInterval; 3.1.1 keeps it unless clean
    clean: !session.persistent,
    keepalive: cfg.keepalive ?? 30,
    reconnectPeriod: 0, // the connection's own backoff
    queueQoSZero: false,
    // mqtt.js logs through `debug` several times per packet, and a disabled `debug` still costs a
    // call with its arguments each time (about a microsecond per message at our rates). Keep its
    // logger whenever DEBUG asks for any output, so `DEBUG=mqttjs*` works as documented.
    ...(process.env.DEBUG ? {} : { log: noLog }),
    ...(cfg.username === undefined ? {} : { username: cfg.username }),
    ...(cfg.password === undefined ? {} : { password: cfg.password }),
    ...(tls === undefined ? {} : { ...read('ca', tls.ca), ...read('cert', tls.cert), ...read('key', tls.key), rejectUnauthorized: tls.rejectUnauthorized ?? true }),
    ...(v5 ? { properties: { sessionExpiryInterval: session.expirySeconds, receiveMaximum: cfg.receiveMaximum ?? 500 } } : {}),
  };
}
