import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLocalApi, type ConnectionStatus, type LocalApi } from '../../../engine/index.js';
import { openJournal } from '../../../engine/journal/index.js';
import { topicOf } from '../../../engine/sources/mqtt/ingest.js';
import { sessionPresent } from '../../support/broker-session.js';
import { startMosquitto, type Broker } from '../../support/mosquitto.js';
import { startTakeoverBroker } from '../../support/takeover-broker.js';
import { plantTraffic, withoutOrigin } from '../../support/plant-traffic.js';
import { waitFor } from '../session/fake-clock.js';

/**
 * A watch keeps its session on the plant broker under a stable client id: a restart resumes it (so
 * nothing is orphaned), another client under the same id is reported instead of fought over, and
 * "forget" ends the session on the broker.
 */
let broker: Broker;
let dir: string;
const apis: LocalApi[] = [];

beforeAll(async () => {
  broker = await startMosquitto();
}, 30_000);
afterAll(async () => {
  await broker?.stop();
});
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'linesight-identity-'));
});
afterEach(async () => {
  for (const a of apis.splice(0)) await a.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A console on this test's journal and config directory, as a restart of the same installation sees them. */
function open(): LocalApi {
  const api = createLocalApi({ journalPath: join(dir, 'journal.db'), configDir: join(dir, 'config') });
  apis.push(api);
  return api;
}
const connection = async (api: LocalApi): Promise<ConnectionStatus> => (await api.queries['session.status']()).watching![0]!;
const events = (): number => {
  const j = openJournal(join(dir, 'journal.db'), { readonly: true });
  try {
    return j.db.prepare("SELECT COUNT(*) FROM events WHERE type NOT LIKE 'operator.%'").pluck().get() as number;
  } finally {
    j.close();
  }
};

describe('a watch’s identity on the plant broker', () => {
  it('connects under a stable id of 23 characters with a 1 h session, and a restart resumes that session: what was published meanwhile arrives', async () => {
    const first = open();
    await first.commands['session.watch']({ brokers: [{ url: broker.url, name: 'plant' }] });
    await waitFor(async () => (await connection(first)).state === 'connected');
    const { clientId, sessionExpiry } = await connection(first);
    expect(clientId).toMatch(/^[0-9A-Za-z]{23}$/);
    expect(sessionExpiry).toBe(3600);
    await first.close();
    apis.splice(0);

    // published while Linesight is away: the broker queues it for the session it kept
    const pub = await mqtt.connectAsync(broker.url, { clientId: `pub-${Date.now()}`, protocolVersion: 4 });
    const e = plantTraffic('1h')[0]!;
    await pub.publishAsync(topicOf(e), JSON.stringify(withoutOrigin(e)), { qos: 1 });
    await pub.endAsync();

    const again = open();
    await again.commands['session.watch']({ brokers: [{ url: broker.url, name: 'plant' }] });
    await waitFor(async () => (await connection(again)).state === 'connected');
    expect((await connection(again)).clientId).toBe(clientId);
    await waitFor(() => events() === 1, 10_000);
    // nothing but the resumed session is possible-gap free
    expect((await connection(again)).possibleGaps).toEqual([]);
  }, 30_000);

  it('says so when the broker hands its id to another client (MQTT 5 reason 0x8E), and does not take it back', async () => {
    const fake = await startTakeoverBroker();
    try {
      const api = open();
      await api.commands['session.watch']({ brokers: [{ url: fake.url, name: 'plant', clientId: 'lsTakenOver' }] });
      await waitFor(async () => (await connection(api)).state === 'connected');
      fake.takeOver();
      await waitFor(async () => (await connection(api)).state === 'in-use', 10_000);
      expect((await connection(api)).lastError).toMatch(/another client .* client id lsTakenOver .*0x8E.*not reconnecting/);
      // longer than the first backoff step: a reconnect would have shown by now
      await new Promise((r) => setTimeout(r, 2500));
      expect(fake.connects()).toBe(1);
      expect((await connection(api)).state).toBe('in-use');
    } finally {
      await fake.stop();
    }
  }, 30_000);

  it('stops fighting a client that keeps taking its id where the broker gives no reason (Mosquitto 2.0), and says so', async () => {
    const api = open();
    await api.commands['session.watch']({ brokers: [{ url: broker.url, name: 'plant', clientId: 'lsTwin', protocolVersion: 4 }] });
    await waitFor(async () => (await connection(api)).state === 'connected');
    // another client under the same id that, like us, reconnects whenever it is pushed off
    const twin = mqtt.connect(broker.url, { clientId: 'lsTwin', protocolVersion: 4, clean: false, reconnectPeriod: 300 });
    try {
      await waitFor(async () => (await connection(api)).state === 'in-use', 20_000);
      expect((await connection(api)).lastError).toMatch(/closed this connection 3 times .*client id lsTwin.*Not fighting it: looking again in 30s/);
      await waitFor(() => twin.connected, 5_000);
      let dropped = 0;
      twin.on('close', () => dropped++);
      await new Promise((r) => setTimeout(r, 2500));
      expect(dropped).toBe(0);
    } finally {
      await twin.endAsync(true);
    }
  }, 40_000);

  it('refuses to connect a second console of this installation under the same id, saying which', async () => {
    const a = open();
    await a.commands['session.watch']({ brokers: [{ url: broker.url, name: 'plant' }] });
    await waitFor(async () => (await connection(a)).state === 'connected');
    const b = createLocalApi({ journalPath: join(dir, 'other.db'), configDir: join(dir, 'config') });
    apis.push(b);
    await b.commands['session.watch']({ brokers: [{ url: broker.url, name: 'plant' }] });
    const st = await connection(b);
    expect(st.state).toBe('in-use');
    expect(st.lastError).toMatch(/already used by another connection of this Linesight.*not connecting/);
    expect((await connection(a)).state).toBe('connected');
  }, 30_000);

  it('keeps no session for a publish-only connection, and "forget" ends a watch’s session on the broker', async () => {
    const sim = open();
    await sim.commands['session.start']({ scenario: 'baseline', publish: { url: broker.url, name: 'sim-out', publish: { allow: ['linesight/v1/'] } } });
    await waitFor(async () => (await sim.queries['session.status']()).publishing?.state === 'connected');
    const out = (await sim.queries['session.status']()).publishing!;
    expect(out.sessionExpiry).toBeNull();
    expect(out.clientId).toMatch(/^[0-9A-Za-z]{23}$/);
    await sim.close();
    apis.splice(0);
    expect(await sessionPresent(broker.url, out.clientId)).toBe(false);

    const api = open();
    await api.commands['session.watch']({ brokers: [{ url: broker.url, name: 'plant' }] });
    await waitFor(async () => (await connection(api)).state === 'connected');
    const { clientId } = await connection(api);
    const info = await api.commands['connections.forget']({ connection: 'plant' });
    expect(info.watching![0]!.state).toBe('closed');
    expect(await sessionPresent(broker.url, clientId)).toBe(false);
  }, 30_000);
});
