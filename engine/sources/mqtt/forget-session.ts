import mqtt from 'mqtt';
import type { BrokerConfig } from '../../contract/index.js';
import { clientOptions } from './client-options.js';
import { displayUrl } from './broker-connection.js';

/**
 * End the session a connection keeps on its broker: connect under its client id with a clean start
 * (MQTT 5: and a session expiry of 0), then disconnect. The broker drops the session and whatever
 * it queued for it. Resolves once the broker accepted the connection; rejects with the reason.
 */
export async function forgetBrokerSession(cfg: BrokerConfig & { readonly clientId: string }, timeoutMs = 10_000): Promise<void> {
  const url = displayUrl(cfg.url);
  const options = clientOptions(cfg, { clientId: cfg.clientId, persistent: false, expirySeconds: 0, sessionExpiry: null }, url);
  const client = await mqtt.connectAsync(cfg.url, { ...options, connectTimeout: timeoutMs }).catch((err: unknown) => {
    throw new Error(`cannot reach ${url} to end the session of client id ${cfg.clientId}: ${(err as Error).message}`);
  });
  await client.endAsync();
}
