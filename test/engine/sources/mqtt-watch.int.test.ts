import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLocalApi, type Frame, type LocalApi } from '../../../engine/index.js';
import { openJournal, type Journal } from '../../../engine/journal/index.js';
import { topicOf } from '../../../engine/sources/mqtt/ingest.js';
import { plantTraffic, withoutOrigin } from '../../support/plant-traffic.js';
import { startMosquitto, type Broker } from '../../support/mosquitto.js';
import { waitFor } from '../session/fake-clock.js';

/** A real Mosquitto on a free loopback port, watched by the engine through the API. */
let broker: Broker;
let dir: string;
let api: LocalApi;
let frames: Frame[];
let pub: MqttClient;

beforeAll(async () => {
  // no queue limit: the restart test may queue thousands for the watcher while it is away
  broker = await startMosquitto({ maxQueuedMessages: 0 });
}, 30_000);
afterAll(async () => {
  await broker?.stop();
});
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'linesight-watch-'));
  api = createLocalApi({ journalPath: join(dir, 'journal.db') });
  frames = [];
  api.onFrame((f) => frames.push(f));
  pub = await mqtt.connectAsync(broker.url, { clientId: `pub-${Date.now()}`, clean: false, protocolVersion: 4 });
});
afterEach(async () => {
  await pub.endAsync();
  await api.close();
  rmSync(dir, { recursive: true, force: true });
});


function journal(): Journal {
  return openJournal(join(dir, 'journal.db'), { readonly: true });
}
function count(sql: string, ...params: unknown[]): number {
  const j = journal();
  try {
    return (j.db.prepare(sql).pluck().get(...params) as number) ?? 0;
  } finally {
    j.close();
  }
}

const watch = (clientId: string) => api.commands['session.watch']({ brokers: [{ url: broker.url, clientId }] });

describe('watching a live broker', () => {
  it('journals and monitors what arrives, marks it live, and quarantines bad input with its bytes and a reason', async () => {
    const info = await watch('watch-roundtrip');
    expect(info.watching).toEqual([expect.objectContaining({ url: broker.url })]);
    await waitFor(async () => (await api.queries['session.status']()).watching?.[0]?.state === 'connected');

    const traffic = plantTraffic('4h');
    for (const e of traffic) await pub.publishAsync(topicOf(e), JSON.stringify(withoutOrigin(e)), { qos: 1 });
    const injected = { ...traffic[0]!, id: 'injected-1', origin: 'injected' as const };
    await pub.publishAsync(topicOf(injected), JSON.stringify(injected), { qos: 1 });
    const bad: [string, string | Buffer, string][] = [
      ['linesight/v1/US01/L2/mes/mes.order.completed', '{"not json', 'not-json'],
      ['linesight/v1/US01/L2/mes/mes.order.completed', '{"__proto__": {"x": 1}}', 'prototype-poisoning'],
      ['linesight/v1/US01/L2/mes/mes.order.completed', Buffer.alloc(300 * 1024, 32), 'oversize'],
      ['linesight/v1/US01/L9/mes/mes.order.completed', JSON.stringify(withoutOrigin(traffic[5]!)), 'unmappable'],
      ['linesight/v1/US01/L2/mes/mes.order.completed', JSON.stringify({ ...withoutOrigin(traffic[5]!), type: 'mes.nope' }), 'unknown-type'],
    ];
    for (const [topic, payload] of bad) await pub.publishAsync(topic, payload, { qos: 1 });

    await waitFor(() => count('SELECT count(*) FROM quarantine') === bad.length && count('SELECT count(*) FROM events') === traffic.length + 1, 20_000);
    const j = journal();
    try {
      const reasons = j.db.prepare('SELECT reason FROM quarantine ORDER BY id').pluck().all();
      expect(reasons).toEqual(bad.map(([, , r]) => r));
      const raw = j.db.prepare("SELECT raw FROM quarantine WHERE reason = 'not-json'").pluck().get() as Buffer;
      expect(raw.toString()).toBe('{"not json');
      const origins = j.db.prepare("SELECT json_extract(envelope, '$.origin') AS o, count(*) AS n FROM events GROUP BY o ORDER BY o").all();
      expect(origins).toEqual([
        { o: 'injected', n: 1 },
        { o: 'live', n: traffic.length },
      ]);
    } finally {
      j.close();
    }
    // the monitor saw the same conversation: the UoM dead letters of master-data-errors are open exceptions
    const exceptions = await api.queries['exceptions.list']({ category: 'data-quality' });
    expect(exceptions.length).toBeGreaterThan(0);
    await waitFor(() => frames.some((f) => f.lines.some((l) => l.line === 'L2') && f.watching?.[0]?.received === traffic.length + 1 + bad.length));
  }, 60_000);

  it('simulator commands and operator actions are refused with the reason, not pretended', async () => {
    await watch('watch-refusals');
    await expect(api.commands['session.play']()).rejects.toThrow(/runs in real time/);
    await expect(api.commands['exceptions.retry']({ messageIds: ['x'], why: 'try' })).rejects.toThrow(/belong to the middleware there/);
    await expect(api.commands['session.watch']({ brokers: [{ url: 'http://nope' }] })).rejects.toThrow(/mqtt:\/\/, mqtts:\/\/, ws:\/\/ or wss:\/\/ URL/);
  });

  it('loses nothing and duplicates nothing across a broker restart (QoS 1, acknowledged after commit)', async () => {
    await watch('watch-restart');
    await waitFor(async () => (await api.queries['session.status']()).watching?.[0]?.state === 'connected');
    const traffic = plantTraffic('6h');
    const half = Math.floor(traffic.length / 2);
    for (const e of traffic.slice(0, half)) await pub.publishAsync(topicOf(e), JSON.stringify(withoutOrigin(e)), { qos: 1 });
    await broker.restart();
    // the publisher's session and ours both survive; publish the rest once it is back
    await waitFor(() => pub.connected, 20_000);
    for (const e of traffic.slice(half)) await pub.publishAsync(topicOf(e), JSON.stringify(withoutOrigin(e)), { qos: 1 });
    await waitFor(() => count('SELECT count(*) FROM events') >= traffic.length, 30_000);
    // a little longer: a duplicate would arrive after the last original
    await new Promise((r) => setTimeout(r, 500));
    expect(count('SELECT count(*) FROM events')).toBe(traffic.length);
    expect(count('SELECT count(DISTINCT id) FROM events')).toBe(traffic.length);
    const status = (await api.queries['session.status']()).watching![0]!;
    expect(status.state).toBe('connected');
    expect(status.possibleGaps).toEqual([]);
  }, 90_000);

  it('loses nothing and duplicates nothing while the connection flaps (three broker restarts mid-stream)', async () => {
    await watch('watch-flapping');
    await waitFor(async () => (await api.queries['session.status']()).watching?.[0]?.state === 'connected');
    const traffic = plantTraffic('8h');
    const quarter = Math.ceil(traffic.length / 4);
    const states = new Set<string>();
    const seen = setInterval(() => void api.queries['session.status']().then((s) => states.add(s.watching![0]!.state)), 20);
    try {
      for (let part = 0; part < 4; part++) {
        for (const e of traffic.slice(part * quarter, (part + 1) * quarter)) {
          await pub.publishAsync(topicOf(e), JSON.stringify(withoutOrigin(e)), { qos: 1 });
        }
        if (part < 3) {
          await broker.restart();
          await waitFor(() => pub.connected, 20_000);
        }
      }
      // our backoff grows (1 s, 2 s, 4 s …) while the broker is away; it resets once connected
      await waitFor(() => count('SELECT count(*) FROM events') >= traffic.length, 60_000);
      await new Promise((r) => setTimeout(r, 500));
    } finally {
      clearInterval(seen);
    }
    expect(count('SELECT count(*) FROM events')).toBe(traffic.length);
    expect(count('SELECT count(DISTINCT id) FROM events')).toBe(traffic.length);
    expect(states.has('connected')).toBe(true);
    expect([...states].some((s) => s === 'offline' || s === 'reconnecting')).toBe(true);
    const status = (await api.queries['session.status']()).watching![0]!;
    expect(status.possibleGaps).toEqual([]);
    // every message was acknowledged after its commit, so the monitor counted each exactly once
    expect((await api.queries['session.status']()).events).toBe(traffic.length);
  }, 120_000);

  it('says "possible gap" when a broker comes back without our session', async () => {
    const forgetful = await startMosquitto({ persistence: false });
    try {
      await api.commands['session.watch']({ brokers: [{ url: forgetful.url, clientId: 'watch-forgetful' }] });
      const state = async () => (await api.queries['session.status']()).watching![0]!;
      await waitFor(async () => (await state()).state === 'connected');
      await forgetful.restart();
      await waitFor(async () => (await state()).possibleGaps.length === 1 && (await state()).state === 'connected', 20_000);
      const [gap] = (await state()).possibleGaps;
      expect(gap!.to).toBeGreaterThanOrEqual(gap!.from);
      expect(gap!.why).toMatch(/kept no session/);
    } finally {
      await forgetful.stop();
    }
  }, 40_000);
});
