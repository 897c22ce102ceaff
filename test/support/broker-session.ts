// Test helper: ask a broker whether it still keeps a session for a client id.
import mqtt from 'mqtt';

/**
 * Whether the broker at `url` still holds a session for `clientId`: resume it without a clean start,
 * read CONNACK's session-present flag, and leave nothing behind (MQTT 5 session expiry 0).
 */
export function sessionPresent(url: string, clientId: string): Promise<boolean> {
  return new Promise<boolean>((resolve, reject) => {
    const c = mqtt.connect(url, { clientId, clean: false, protocolVersion: 5, properties: { sessionExpiryInterval: 0 }, reconnectPeriod: 0 });
    c.once('error', reject);
    c.once('connect', (ack) => {
      resolve(ack.sessionPresent);
      c.end(true);
    });
  });
}
