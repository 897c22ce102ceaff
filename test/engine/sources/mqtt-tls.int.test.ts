import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalApi, type LocalApi } from '../../../engine/index.js';
import { topicOf } from '../../../engine/sources/mqtt/ingest.js';
import { startMosquitto, type Broker } from '../../support/mosquitto.js';
import { plantTraffic, withoutOrigin } from '../../support/plant-traffic.js';
import { makeCertificates, type TestCertificates } from '../../support/test-certificates.js';
import { waitFor } from '../session/fake-clock.js';

/** mqtts:// against a real Mosquitto that requires a client certificate from our own CA. */
let dir: string;
let certs: TestCertificates;
let broker: Broker;
let url: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'linesight-tls-'));
  certs = makeCertificates(dir);
  broker = await startMosquitto({ persistence: false, tls: { cafile: certs.ca, certfile: certs.serverCert, keyfile: certs.serverKey, requireCertificate: true } });
  url = broker.url.replace('mqtt://', 'mqtts://');
}, 60_000);
afterAll(async () => {
  await broker?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function watching(api: LocalApi, tls: { ca?: string; cert?: string; key?: string }) {
  await api.commands['session.watch']({ brokers: [{ url, name: 'tls-line', tls }] });
  return async () => (await api.queries['session.status']()).watching![0]!;
}

describe('a TLS broker connection', () => {
  it('trusts the given CA, presents the client certificate, and journals what arrives', async () => {
    const api = createLocalApi({ journalPath: join(dir, 'ok.db') });
    try {
      const status = await watching(api, { ca: certs.ca, cert: certs.clientCert, key: certs.clientKey });
      await waitFor(async () => (await status()).state === 'connected', 20_000);
      const pub = await mqtt.connectAsync(url, { ca: readFileSync(certs.ca), cert: readFileSync(certs.clientCert), key: readFileSync(certs.clientKey) });
      const traffic = plantTraffic('2h').slice(0, 20);
      for (const e of traffic) await pub.publishAsync(topicOf(e), JSON.stringify(withoutOrigin(e)), { qos: 1 });
      await pub.endAsync();
      await waitFor(async () => (await api.queries['session.status']()).events === traffic.length, 20_000);
    } finally {
      await api.close();
    }
  }, 40_000);

  it('refuses a broker whose certificate another CA signed, and says why', async () => {
    const api = createLocalApi({ journalPath: join(dir, 'other-ca.db') });
    try {
      const status = await watching(api, { ca: certs.otherCa, cert: certs.clientCert, key: certs.clientKey });
      await waitFor(async () => (await status()).lastError !== null, 20_000);
      expect((await status()).state).not.toBe('connected');
      expect((await status()).lastError).toMatch(/certificate/i);
    } finally {
      await api.close();
    }
  }, 40_000);

  it('says which TLS file it cannot read', async () => {
    const api = createLocalApi({ journalPath: join(dir, 'missing.db') });
    try {
      await expect(watching(api, { ca: join(dir, 'no-such-ca.pem') })).rejects.toThrow(/cannot read the TLS ca file .*no-such-ca\.pem/);
    } finally {
      await api.close();
    }
  });
});
