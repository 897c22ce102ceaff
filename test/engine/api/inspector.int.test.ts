import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt, { type MqttClient } from 'mqtt';
import sparkplug from 'sparkplug-payload';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalApi, type LocalApi } from '../../../engine/index.js';
import { topicOf } from '../../../engine/sources/mqtt/ingest.js';
import { T0, builder, order } from '../../monitor/story.js';
import { startMosquitto, type Broker } from '../../support/mosquitto.js';
import { withoutOrigin } from '../../support/plant-traffic.js';
import { waitFor } from '../session/fake-clock.js';

/**
 * The raw topic inspector over the API, against Mosquitto: a retained JSON message no mapping
 * covers, a JSON message a mapping turns into an event, a Sparkplug B birth, binary bytes and a
 * canonical Linesight event — each decoded, with what Linesight made of it.
 */
const sp = sparkplug.get('spBv1.0')!;
let broker: Broker;
let dir: string;
let api: LocalApi;
let pub: MqttClient;
const CONN = 'plant';
const event = order(builder('US01', 'L1'), 'PO-INS-1').released(Date.now() - T0);

const MAPPINGS = [
  'mappings:',
  '  - kind: json',
  '    topic: plant/+plant/+line/confirmations',
  '    type: mes.operation.confirmed',
  '    plant: "{plant}"',
  '    line: "{line}"',
  '    fields: { order: $.orderNo, operation: $.op, workCenter: $.wc, goodQty: $.qty, scrapQty: $.scrap }',
  '    values: { final: false, uom: EA }',
  '  - kind: sparkplug',
  '    group: Plant1',
  '    plant: US01',
  '    lines: { EdgeA: L2 }',
  '    events:',
  '      - metric: WorkOrder/Completed',
  '        type: mes.order.completed',
  '        fields: { order: WorkOrder/Id, item: WorkOrder/Item, goodQty: WorkOrder/Good, scrapQty: WorkOrder/Scrap }',
  '        values: { lot: LOT-1, uom: EA }',
  '',
].join('\n');

beforeAll(async () => {
  broker = await startMosquitto();
  dir = mkdtempSync(join(tmpdir(), 'linesight-inspector-'));
  mkdirSync(join(dir, 'config', 'mappings'), { recursive: true });
  const mappings = join(dir, 'config', 'mappings', 'plant.yaml');
  writeFileSync(mappings, MAPPINGS);
  api = createLocalApi({ journalPath: join(dir, 'journal.db'), configDir: join(dir, 'config'), inspector: { perTopic: 3 } });
  pub = await mqtt.connectAsync(broker.url, { clientId: `pub-inspector-${Date.now()}`, protocolVersion: 5 });
  // kept by the broker before the watch subscribes: delivered to it with the retain flag
  await pub.publishAsync('site/hall/temperature', JSON.stringify({ celsius: 21.5, sensor: 'T-1' }), { qos: 1, retain: true });
  await api.commands['session.watch']({ brokers: [{ url: broker.url, name: CONN, subscriptions: ['site/#', 'plant/#', 'spBv1.0/#', 'raw/#', 'linesight/v1/#'], mappings }] });
  await pub.publishAsync('plant/US01/L1/confirmations', JSON.stringify({ orderNo: 'PO-INS-1', op: '0010', wc: 'WC1', qty: 5, scrap: 0 }), { qos: 1 });
  const birth = sp.encodePayload({ timestamp: Date.now(), seq: 0, metrics: [{ name: 'bdSeq', type: 'UInt64', value: 3 }, { name: 'Machine/Speed', type: 'Double', value: 12.5 }] } as never);
  await pub.publishAsync('spBv1.0/Plant1/NBIRTH/EdgeA', Buffer.from(birth), { qos: 1 });
  await pub.publishAsync('raw/bin', Buffer.from([0x00, 0x01, 0xfe, 0xff, 0x41]), { qos: 0 });
  await pub.publishAsync(topicOf(event), JSON.stringify(withoutOrigin(event)), { qos: 1 });
  for (let i = 0; i < 5; i++) await pub.publishAsync('raw/bin', Buffer.from([i]), { qos: 0 });
  await waitFor(async () => (await api.queries['inspector.topics']()).totals.messages === 10, 20_000);
}, 60_000);

afterAll(async () => {
  await pub?.endAsync();
  await api?.close();
  await pub?.publishAsync('site/hall/temperature', '', { qos: 1, retain: true }).catch(() => undefined);
  await broker?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const latest = async (topic: string) => (await api.queries['inspector.messages']({ connection: CONN, topic })).messages;

describe('the topic inspector of a watch', () => {
  it('lists every topic under the subscriptions, with counts, retain flag and QoS', async () => {
    const { topics, totals, session } = await api.queries['inspector.topics']();
    expect(session).toBe((await api.queries['session.status']()).session);
    const by = new Map(topics.map((t) => [t.topic, t]));
    expect([...by.keys()].sort()).toEqual([topicOf(event), 'plant/US01/L1/confirmations', 'raw/bin', 'site/hall/temperature', 'spBv1.0/Plant1/NBIRTH/EdgeA'].sort());
    expect(by.get('site/hall/temperature')).toMatchObject({ connection: CONN, count: 1, retained: true, outcome: 'quarantined' });
    expect(by.get('raw/bin')).toMatchObject({ count: 6, qos: 0, retained: false });
    expect(by.get('plant/US01/L1/confirmations')).toMatchObject({ count: 1, qos: 1, outcome: 'event' });
    expect(totals).toMatchObject({ topics: 5, messages: 10, evictedTopics: 0, limits: { perTopic: 3, maxBytes: 32 * 1024 * 1024 } });
  });

  it('shows retained JSON pretty-printed, and why no mapping covers it', async () => {
    const [m] = await latest('site/hall/temperature');
    expect(m).toMatchObject({ retain: true, payload: { kind: 'json', text: JSON.stringify({ celsius: 21.5, sensor: 'T-1' }, null, 2) } });
    expect(m!.outcome).toMatchObject({ kind: 'quarantined', reason: 'unmappable' });
  });

  it('shows the event a JSON mapping made, and the mapping', async () => {
    const [m] = await latest('plant/US01/L1/confirmations');
    expect(m!.payload.kind).toBe('json');
    expect(m!.outcome).toMatchObject({ kind: 'event', type: 'mes.operation.confirmed', events: 1, rule: 'mapping #1 (line 2): json plant/+plant/+line/confirmations' });
  });

  it('decodes Sparkplug B and says a birth means nothing to journal', async () => {
    const [m] = await latest('spBv1.0/Plant1/NBIRTH/EdgeA');
    expect(m!.payload.kind).toBe('sparkplug');
    const decoded = JSON.parse(m!.payload.text) as { seq: number; metrics: { name: string; value: unknown }[] };
    expect(decoded.seq).toBe(0);
    expect(decoded.metrics).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'bdSeq', value: 3 }), expect.objectContaining({ name: 'Machine/Speed', value: 12.5 })]));
    expect(m!.outcome).toMatchObject({ kind: 'ignored', rule: 'mapping #2 (line 9): sparkplug group Plant1' });
  });

  it('shows binary as hex and keeps only the last N of a topic', async () => {
    const msgs = await latest('raw/bin');
    expect(msgs).toHaveLength(3);
    expect(msgs.map((m) => m.payload.text)).toEqual([4, 3, 2].map((b) => `00000000  ${b.toString(16).padStart(2, '0').padEnd(47)}  |.|`));
    expect(msgs.every((m) => m.payload.kind === 'hex' && m.outcome.kind === 'quarantined')).toBe(true);
  });

  it('names the journaled canonical event of a linesight/v1 message', async () => {
    const [m] = await latest(topicOf(event));
    expect(m!.outcome).toEqual({ kind: 'event', id: event.id, type: 'erp.order.released', events: 1, rule: 'Linesight canonical event (linesight/v1/…)' });
    await waitFor(async () => (await api.queries['events.page']({ limit: 50 })).events.some((r) => r.event.id === event.id));
  });
});

describe('the topic inspector under a topic flood', () => {
  it('stays within its byte bound, evicting the least recently seen topics and counting them', async () => {
    const floodDir = mkdtempSync(join(tmpdir(), 'linesight-inspector-flood-'));
    const maxBytes = 256 * 1024;
    const flood = createLocalApi({ journalPath: join(floodDir, 'journal.db'), configDir: join(floodDir, 'config'), inspector: { maxBytes } });
    try {
      await flood.commands['session.watch']({ brokers: [{ url: broker.url, name: 'flood', subscriptions: ['flood/#'] }] });
      const body = Buffer.alloc(200, 0x61);
      const n = 3000;
      let peak = 0;
      for (let i = 0; i < n; i++) {
        await pub.publishAsync(`flood/area-${i % 30}/machine-${i}`, body, { qos: 1 });
        if (i % 250 === 0) peak = Math.max(peak, (await flood.queries['inspector.topics']()).totals.bytes);
      }
      await waitFor(async () => {
        const t = (await flood.queries['inspector.topics']()).totals;
        return t.messages + t.evictedMessages === n;
      }, 30_000);
      const { totals, topics } = await flood.queries['inspector.topics']();
      expect(Math.max(peak, totals.bytes)).toBeLessThanOrEqual(maxBytes);
      expect(totals.evictedTopics).toBeGreaterThan(0);
      expect(totals.topics + totals.evictedTopics).toBe(n);
      expect(topics.map((t) => t.topic)).toContain(`flood/area-${(n - 1) % 30}/machine-${n - 1}`);
      expect(topics.map((t) => t.topic)).not.toContain('flood/area-0/machine-0');
      // the journal still has every message: the bound is the inspector's, not the watch's
      expect((await flood.queries['session.status']()).watching![0]!.received).toBe(n);
    } finally {
      await flood.close();
      rmSync(floodDir, { recursive: true, force: true });
    }
  }, 90_000);
});
