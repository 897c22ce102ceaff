import { readFileSync } from 'node:fs';
import mqtt from 'mqtt';
import { displayUrl, type BrokerConfig } from './broker-connection.js';

/**
 * End the session a connection keeps on its broker: connect under its client id with a clean start
 * (MQTT 5: and a session expiry of 0), then disconnect. The broker drops the session and whatever
 * it queued for it. Resolves once the broker accepted the connection; rejects with the reason.
 */
export async function forgetBrokerSession(cfg: BrokerConfig & { readonly clientId: string }, timeoutMs = 10_000): Promise<void> {
  const v5 = (cfg.protocolVersion ?? 5) === 5;
  const tls = cfg.tls;
  const file = (path: string | undefined) => (path === undefined ? undefined : readFileSync(path));
  const client = await mqtt
    .connectAsync(cfg.url, {
      protocolVersion: cfg.protocolVersion ?? 5,
      clientId: cfg.clientId,
      clean: true,
      reconnectPeriod: 0,
      connectTimeout: timeoutMs,
      ...(cfg.username === undefined ? {} : { username: cfg.username }),
      ...(cfg.password === undefined ? {} : { password: cfg.password }),
      ...(tls === undefined ? {} : { ca: file(tls.ca), cert: file(tls.cert), key: file(tls.key), rejectUnauthorized: tls.rejectUnauthorized ?? true }),
      ...(v5 ? { properties: { sessionExpiryInterval: 0 } } : {}),
    })
    .catch((err: unknown) => {
      throw new Error(`cannot reach ${displayUrl(cfg.url)} to end the session of client id ${cfg.clientId}: ${(err as Error).message}`);
    });
  await client.endAsync();
}
