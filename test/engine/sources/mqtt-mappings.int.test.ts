import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt, { type MqttClient } from 'mqtt';
import sparkplug from 'sparkplug-payload';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLocalApi, startEmbeddedBroker, type EmbeddedBroker, type LocalApi } from '../../../engine/index.js';
import { openJournal } from '../../../engine/journal/index.js';
import { topicOf } from '../../../engine/sources/mqtt/ingest.js';
import { plantTraffic, withoutOrigin } from '../../support/plant-traffic.js';
import { startMosquitto, type Broker } from '../../support/mosquitto.js';
import { waitFor } from '../session/fake-clock.js';

/** Foreign traffic through a watch session: UMH on Mosquitto, Sparkplug B on the embedded broker. */
const sp = sparkplug.get('spBv1.0')!;
let dir: string;
let api: LocalApi;
const clients: MqttClient[] = [];
const stops: (() => Promise<void>)[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'linesight-mappings-'));
  // mappings files named over the API live in the config directory's mappings/ folder
  mkdirSync(join(dir, 'config', 'mappings'), { recursive: true });
  api = createLocalApi({ journalPath: join(dir, 'journal.db'), configDir: join(dir, 'config') });
});
const inMappings = (name: string) => join(dir, 'config', 'mappings', name);
const VALID = 'mappings:\n  - kind: umh\n';
afterEach(async () => {
  for (const c of clients.splice(0)) await c.endAsync(true);
  await api.close();
  for (const s of stops.splice(0)) await s();
  rmSync(dir, { recursive: true, force: true });
});

async function client(url: string, protocolVersion: 4 | 5 = 4): Promise<MqttClient> {
  const c = await mqtt.connectAsync(url, { protocolVersion, clientId: `t-${Math.random().toString(16).slice(2)}` });
  clients.push(c);
  return c;
}
function journaled(): { type: string; order: string | null; line: string }[] {
  const j = openJournal(join(dir, 'journal.db'), { readonly: true });
  try {
    return j.db.prepare('SELECT type, order_id AS "order", line FROM events ORDER BY seq').all() as { type: string; order: string | null; line: string }[];
  } finally {
    j.close();
  }
}
const status = async () => (await api.queries['session.status']()).watching![0]!;

describe('mapped traffic from a watched broker', () => {
  it('journals a UMH work order from Mosquitto as canonical events and follows its lineage', async () => {
    const broker: Broker = await startMosquitto();
    stops.push(() => broker.stop());
    const mappings = inMappings('umh.yaml');
    writeFileSync(mappings, 'mappings:\n  - kind: umh\n');
    await api.commands['session.watch']({ brokers: [{ url: broker.url, name: 'umh', subscriptions: ['umh/v1/#'], mappings }] });
    const gateway = await client(broker.url);
    const base = 'umh/v1/acme/US01/hall-a/L3/press1/_analytics';
    const t0 = Date.parse('2026-03-02T05:00:00.000Z');
    const send = (topic: string, body: object) => gateway.publishAsync(`${base}/${topic}`, JSON.stringify(body), { qos: 1 });
    await send('work-order/create', { external_work_order_id: 'WO-77', product: { external_product_id: 'PUMP-A' }, quantity: 100 });
    await send('work-order/start', { external_work_order_id: 'WO-77', start_time_unix_ms: t0 });
    await send('product/add', { external_product_id: 'PUMP-A', end_time_unix_ms: t0 + 60_000, quantity: 60, bad_quantity: 2 });
    await send('state/add', { start_time_unix_ms: t0 + 61_000, state: 10000 }); // producing: nothing to journal
    await send('work-order/stop', { external_work_order_id: 'WO-77', end_time_unix_ms: t0 + 120_000 });
    await waitFor(() => journaled().length === 4, 20_000);
    expect(journaled()).toEqual([
      { type: 'erp.order.released', order: 'WO-77', line: 'L3' },
      { type: 'mes.operation.started', order: 'WO-77', line: 'L3' },
      { type: 'mes.operation.confirmed', order: 'WO-77', line: 'L3' },
      { type: 'mes.order.completed', order: 'WO-77', line: 'L3' },
    ]);
    const lineage = await api.queries['lineage.forOrder']({ order: 'WO-77' });
    expect(lineage.events.map((e) => e.event.type)).toContain('mes.order.completed');
    expect((await status()).received).toBe(5);
  }, 30_000);

  it('follows a Sparkplug B edge node on the embedded broker: births, aliases, a seq jump, and STALE on death', async () => {
    const broker: EmbeddedBroker = await startEmbeddedBroker({ port: 0 });
    stops.push(() => broker.close());
    const mappings = inMappings('sparkplug.yaml');
    writeFileSync(
      mappings,
      [
        'mappings:',
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
      ].join('\n'),
    );
    await api.commands['session.watch']({
      brokers: [{ url: broker.url, name: 'edge', protocolVersion: 4, subscriptions: ['spBv1.0/Plant1/#'], mappings }],
    });
    await waitFor(async () => (await status()).state === 'connected');
    const edge = await client(broker.url);
    const now = Date.now();
    const publish = (kind: string, payload: object) => edge.publishAsync(`spBv1.0/Plant1/${kind}/EdgeA`, Buffer.from(sp.encodePayload({ timestamp: now, ...payload })), { qos: 1 });
    await publish('NBIRTH', {
      seq: 0,
      metrics: [
        { name: 'bdSeq', type: 'UInt64', value: 7 },
        { name: 'WorkOrder/Id', alias: 1, type: 'String', value: '' },
        { name: 'WorkOrder/Item', alias: 2, type: 'String', value: '' },
        { name: 'WorkOrder/Good', alias: 3, type: 'Double', value: 0 },
        { name: 'WorkOrder/Scrap', alias: 4, type: 'Double', value: 0 },
        { name: 'WorkOrder/Completed', alias: 5, type: 'Boolean', value: false },
      ],
    });
    // data messages name metrics by alias only
    await publish('NDATA', {
      seq: 1,
      metrics: [
        { alias: 1, type: 'String', value: 'PO-SP-1' },
        { alias: 2, type: 'String', value: 'PUMP-A' },
        { alias: 3, type: 'Double', value: 40 },
        { alias: 4, type: 'Double', value: 2 },
        { alias: 5, type: 'Boolean', value: true },
      ],
    });
    await publish('NDATA', { seq: 5, metrics: [{ alias: 5, type: 'Boolean', value: false }] });
    await waitFor(async () => (await status()).dataGaps.length === 1, 20_000);
    await waitFor(() => journaled().length === 1);
    expect(journaled()).toEqual([{ type: 'mes.order.completed', order: 'PO-SP-1', line: 'L2' }]);
    const gap = (await status()).dataGaps[0]!;
    expect(gap).toMatchObject({ source: 'spBv1.0/Plant1/EdgeA', from: '2', to: '4' });
    expect((await status()).nodes).toEqual([expect.objectContaining({ group: 'Plant1', edgeNode: 'EdgeA', state: 'online', bdSeq: 7 })]);

    await publish('NDEATH', { metrics: [{ name: 'bdSeq', type: 'UInt64', value: 7 }] });
    await waitFor(async () => (await status()).nodes[0]?.state === 'stale', 20_000);
  }, 30_000);

  it('shows a jump in a live source\'s sequence as a possible data gap', async () => {
    const broker: Broker = await startMosquitto();
    stops.push(() => broker.stop());
    await api.commands['session.watch']({ brokers: [{ url: broker.url, name: 'line' }] });
    const pub = await client(broker.url);
    const traffic = plantTraffic('2h').filter((e) => e.source === '/US01/L1/mes').slice(0, 6);
    // the broker "dropped" the 3rd and 4th message of the source
    for (const e of [...traffic.slice(0, 2), ...traffic.slice(4)]) await pub.publishAsync(topicOf(e), JSON.stringify(withoutOrigin(e)), { qos: 1 });
    await waitFor(async () => (await status()).dataGaps.length === 1, 20_000);
    const gap = (await status()).dataGaps[0]!;
    expect(gap).toMatchObject({ broker: 'line', source: '/US01/L1/mes', from: traffic[2]!.sequence, to: traffic[3]!.sequence });
    expect(gap.why).toMatch(/missing/);
  }, 30_000);

  it('edits a connection\'s mappings from the console: a bad text is refused with its line, a good one saved and applied', async () => {
    const broker: Broker = await startMosquitto();
    stops.push(() => broker.stop());
    const mappings = inMappings('edit.yaml');
    await api.commands['session.watch']({ brokers: [{ url: broker.url, name: 'plant', subscriptions: ['plant/#'], mappings }] });
    expect(await api.queries['mappings.load']({ connection: 'plant' })).toEqual({ connection: 'plant', text: '' });
    const pub = await client(broker.url);
    const body = { orderNo: 'PO-9', op: '0010', wc: 'WC-1', qty: 5 };
    await pub.publishAsync('plant/US01/L4/confirmations', JSON.stringify(body), { qos: 1 });
    await waitFor(async () => (await status()).received === 1);

    const bad = 'mappings:\n  - kind: json\n    topic: plant/+plant/+line/confirmations\n    type: mes.operation.confirmed\n    feilds: {}\n';
    const refused = await api.commands['mappings.save']({ connection: 'plant', text: bad });
    expect(refused.ok).toBe(false);
    expect(refused.problems[0]).toMatch(/edit\.yaml:5:5: .*feilds/);
    expect((await api.queries['mappings.check']({ text: bad })).ok).toBe(false);

    const good = [
      'mappings:',
      '  - kind: json',
      '    topic: plant/+plant/+line/confirmations',
      '    type: mes.operation.confirmed',
      '    plant: "{plant}"',
      '    line: "{line}"',
      '    fields: { order: $.orderNo, operation: $.op, workCenter: $.wc, goodQty: $.qty }',
      '    values: { scrapQty: 0, uom: EA, final: false }',
      '',
    ].join('\n');
    expect(await api.commands['mappings.save']({ connection: 'plant', text: good })).toEqual({ ok: true, rules: 1, problems: [] });
    expect(readFileSync(mappings, 'utf8')).toBe(good);
    await pub.publishAsync('plant/US01/L4/confirmations', JSON.stringify({ ...body, qty: 6 }), { qos: 1 });
    await waitFor(() => journaled().length === 1, 20_000);
    expect(journaled()).toEqual([{ type: 'mes.operation.confirmed', order: 'PO-9', line: 'L4' }]);
    // the message that came before the mapping is kept, with its bytes, as unmappable
    const j = openJournal(join(dir, 'journal.db'), { readonly: true });
    try {
      expect(j.db.prepare('SELECT reason FROM quarantine').pluck().all()).toEqual(['unmappable']);
    } finally {
      j.close();
    }
  }, 30_000);

  it('refuses a mappings file outside the config folder unless it was named by the host, and a link that leads out of it', async () => {
    const url = 'mqtt://127.0.0.1:1';
    const outside = join(dir, 'outside.yaml');
    for (const mappings of [outside, '../outside.yaml', '/etc/passwd']) {
      await expect(api.commands['session.watch']({ brokers: [{ url, name: 'plant', mappings }] }), mappings).rejects.toThrow(/must be in .*mappings/);
    }
    writeFileSync(join(dir, 'elsewhere.yaml'), VALID);
    symlinkSync(join(dir, 'elsewhere.yaml'), inMappings('linked.yaml'));
    await expect(api.commands['session.watch']({ brokers: [{ url, name: 'plant', mappings: 'linked.yaml' }] })).rejects.toThrow(/must be in/);
    expect(existsSync(outside)).toBe(false);
    expect((await api.queries['session.status']()).status).toBe('idle');

    // a file the command line or a connections file named is the host's to trust
    const trusted = createLocalApi({ journalPath: join(dir, 'trusted.db'), configDir: join(dir, 'config'), trustedPaths: [outside] });
    stops.push(() => trusted.close());
    const broker: Broker = await startMosquitto();
    stops.push(() => broker.stop());
    await trusted.commands['session.watch']({ brokers: [{ url: broker.url, name: 'plant', subscriptions: ['plant/#'], mappings: outside }] });
    expect(await trusted.commands['mappings.save']({ connection: 'plant', text: VALID })).toMatchObject({ ok: true });
    expect(readFileSync(outside, 'utf8')).toBe(VALID);
  }, 30_000);

  it('saves a bare name into the config folder, and refuses to save through a link placed there since', async () => {
    const broker: Broker = await startMosquitto();
    stops.push(() => broker.stop());
    await api.commands['session.watch']({ brokers: [{ url: broker.url, name: 'plant', subscriptions: ['plant/#'], mappings: 'line-4.yaml' }] });
    expect((await status()).mappings).toBe(inMappings('line-4.yaml'));
    expect(await api.commands['mappings.save']({ connection: 'plant', text: VALID })).toMatchObject({ ok: true });
    expect(readFileSync(inMappings('line-4.yaml'), 'utf8')).toBe(VALID);

    const outside = join(dir, 'victim.yaml');
    writeFileSync(outside, 'keep me\n');
    rmSync(inMappings('line-4.yaml'));
    symlinkSync(outside, inMappings('line-4.yaml'));
    await expect(api.commands['mappings.save']({ connection: 'plant', text: VALID })).rejects.toThrow(/must be in/);
    expect(readFileSync(outside, 'utf8')).toBe('keep me\n');
  }, 30_000);
});
