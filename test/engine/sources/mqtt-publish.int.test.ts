import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt, { type MqttClient } from 'mqtt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLocalApi, type LocalApi } from '../../../engine/index.js';
import { openJournal } from '../../../engine/journal/index.js';
import type { BrokerConfig } from '../../../engine/sources/mqtt/broker-connection.js';
import { freePort, startMosquitto, type Broker } from '../../support/mosquitto.js';
import { waitFor } from '../session/fake-clock.js';

/** Injecting test events into a watched broker: allowlist, outbox, PUBACK, restart. */
let dir: string;
let journalPath: string;
const apis: LocalApi[] = [];
const brokers: Broker[] = [];
const clients: MqttClient[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'linesight-publish-'));
  journalPath = join(dir, 'journal.db');
});
afterEach(async () => {
  for (const c of clients.splice(0)) await c.endAsync(true);
  for (const a of apis.splice(0)) await a.close();
  for (const b of brokers.splice(0)) await b.stop();
  rmSync(dir, { recursive: true, force: true });
});

function api(): LocalApi {
  const a = createLocalApi({ journalPath });
  apis.push(a);
  return a;
}
async function mosquitto(port?: number): Promise<Broker> {
  const b = await startMosquitto(port === undefined ? {} : { port });
  brokers.push(b);
  return b;
}
/** A plain subscriber that records what the broker carries under `filter`. */
async function listen(url: string, filter: string): Promise<{ topic: string; body: Record<string, unknown> }[]> {
  const got: { topic: string; body: Record<string, unknown> }[] = [];
  const c = await mqtt.connectAsync(url, { clientId: `listen-${Math.random().toString(16).slice(2)}` });
  clients.push(c);
  c.on('message', (topic, payload) => got.push({ topic, body: JSON.parse(payload.toString()) as Record<string, unknown> }));
  await c.subscribeAsync(filter, { qos: 1 });
  return got;
}
function rows<T>(sql: string): T[] {
  const j = openJournal(journalPath, { readonly: true });
  try {
    return j.db.prepare(sql).all() as T[];
  } finally {
    j.close();
  }
}

const draft = {
  type: 'mes.operation.confirmed',
  order: 'PO-TEST-1',
  businesskey: 'US01-L2-PO-TEST-1-0010-1',
  data: { order: 'PO-TEST-1', operation: '0010', workCenter: 'WC-L2', goodQty: 10, scrapQty: 0, uom: 'EA', final: false },
} as const;
const line2 = (url: string, extra: Partial<BrokerConfig> = {}): BrokerConfig => ({
  url,
  name: 'line2-edge',
  clientId: `linesight-${Math.random().toString(16).slice(2)}`,
  publish: { allow: ['linesight/v1/US01/L2/'] },
  ...extra,
});
const connected = (a: LocalApi) => async () => (await a.queries['session.status']()).watching?.[0]?.state === 'connected';

describe('publishing test events to a watched broker', () => {
  it('publishes an injection under the allowlist at QoS 1, journals it once and marks it delivered on PUBACK', async () => {
    const broker = await mosquitto();
    const heard = await listen(broker.url, 'linesight/v1/#');
    const a = api();
    await a.commands['session.watch']({ brokers: [line2(broker.url)] });
    await waitFor(connected(a));

    const result = await a.commands['operator.inject']({ event: draft, line: 'US01/L2', count: 2, why: 'commissioning check', who: 'tester' });
    expect(result.messages).toHaveLength(2);
    await waitFor(() => heard.length === 2);
    expect(heard.map((m) => m.topic)).toEqual(['linesight/v1/US01/L2/mes/mes.operation.confirmed', 'linesight/v1/US01/L2/mes/mes.operation.confirmed']);
    expect(heard.map((m) => m.body.id)).toEqual(result.messages);
    expect(heard.every((m) => m.body.origin === 'injected' && m.body.businesskey === draft.businesskey)).toBe(true);

    await waitFor(() => rows<{ n: number }>('SELECT count(*) AS n FROM outbox WHERE delivered_at IS NOT NULL')[0]!.n === 2);
    // our own subscription carries it back: the journal keeps it once (same id, same bytes), and the monitor counts it once
    await new Promise((r) => setTimeout(r, 300));
    const events = rows<{ type: string; origin: string }>("SELECT type, json_extract(envelope, '$.origin') AS origin FROM events ORDER BY seq");
    expect(events.filter((e) => e.type === 'mes.operation.confirmed')).toHaveLength(2);
    expect(events.filter((e) => e.type === 'operator.event-injected')).toHaveLength(2);
    const status = await a.queries['session.status']();
    expect(status.events).toBe(4);
    expect(status.watching![0]!.publish).toEqual(expect.objectContaining({ allow: ['linesight/v1/US01/L2/'], delivered: 2, pending: 0 }));
  }, 30_000);

  it('refuses a topic outside the allowlist, and any injection on a subscribe-only connection, journaling nothing', async () => {
    const broker = await mosquitto();
    const a = api();
    await a.commands['session.watch']({ brokers: [line2(broker.url, { publish: { allow: ['linesight/v1/US01/L9/'] } })] });
    await waitFor(connected(a));
    await expect(a.commands['operator.inject']({ event: draft, line: 'US01/L2', why: 'try' })).rejects.toThrow(
      'topic linesight/v1/US01/L2/mes/mes.operation.confirmed is outside the publish allowlist of line2-edge (linesight/v1/US01/L9/)',
    );
    await a.commands['session.watch']({ brokers: [{ url: broker.url, clientId: 'subscribe-only' }] });
    await expect(a.commands['operator.inject']({ event: draft, line: 'US01/L2', why: 'try' })).rejects.toThrow(/no connection of this session may publish/);
    await expect(a.commands['operator.inject']({ event: { ...draft, order: 'PO-NEVER-SEEN' }, why: 'try' })).rejects.toThrow(/no connection of this session may publish/);
    expect(rows('SELECT * FROM outbox')).toEqual([]);
    expect(rows('SELECT * FROM events')).toEqual([]);
    await expect(
      a.commands['session.watch']({ brokers: [{ url: broker.url, publish: { allow: ['linesight/v1/#'] } }] }),
    ).rejects.toThrow(/topic prefixes without wildcards/);
  }, 30_000);

  it('keeps injections made while the broker is unreachable in the outbox, and sends them in order after a restart', async () => {
    const port = await freePort();
    const url = `mqtt://127.0.0.1:${port}`;
    const first = api();
    await first.commands['session.watch']({ brokers: [line2(url)] });
    const sent = await first.commands['operator.inject']({ event: draft, line: 'US01/L2', count: 3, why: 'offline test' });
    const sent2 = await first.commands['operator.inject']({ event: { ...draft, businesskey: 'US01-L2-PO-TEST-1-0010-2' }, line: 'US01/L2', why: 'offline test' });
    const pending = (await first.queries['session.status']()).watching![0]!;
    expect(pending.state).not.toBe('connected');
    await waitFor(async () => (await first.queries['session.status']()).watching![0]!.publish?.pending === 4);
    // the PC goes off the network and Linesight is closed: the outbox is on disk
    await first.close();
    apis.splice(apis.indexOf(first), 1);
    expect(rows<{ n: number }>('SELECT count(*) AS n FROM outbox WHERE delivered_at IS NULL')[0]!.n).toBe(4);

    const broker = await mosquitto(port);
    const heard = await listen(broker.url, 'linesight/v1/#');
    const second = api();
    await second.commands['session.watch']({ brokers: [line2(url)] });
    await waitFor(() => heard.length >= 4, 20_000);
    await new Promise((r) => setTimeout(r, 300));
    expect(heard.map((m) => m.body.id)).toEqual([...sent.messages, ...sent2.messages]);
    await waitFor(() => rows<{ n: number }>('SELECT count(*) AS n FROM outbox WHERE delivered_at IS NULL')[0]!.n === 0);
  }, 40_000);

  it('publishes a simulation\'s conversation under the allowlist, in order, every message once', async () => {
    const broker = await mosquitto();
    const heard = await listen(broker.url, 'linesight/v1/#');
    const a = api();
    await a.commands['session.start']({
      scenario: 'baseline',
      until: '2h',
      speed: 'max',
      publish: { url: broker.url, name: 'sim-out', clientId: 'sim-out', publish: { allow: ['linesight/v1/DE01/L1/'] } },
    });
    await a.commands['session.play']();
    await waitFor(async () => (await a.queries['session.status']()).status === 'finished', 30_000);
    const expected = rows<{ id: string; source: string; sequence: number }>("SELECT id, source, sequence FROM events WHERE line = 'L1' ORDER BY seq");
    expect(expected.length).toBeGreaterThan(50);
    await waitFor(() => heard.length >= expected.length, 30_000);
    await new Promise((r) => setTimeout(r, 300));
    expect(heard.map((m) => m.body.id)).toEqual(expected.map((e) => e.id));
    // nothing outside the allowlist went out (other lines stayed home)
    expect(heard.every((m) => m.topic.startsWith('linesight/v1/DE01/L1/'))).toBe(true);
    // a row is marked delivered shortly after its PUBACK
    await waitFor(() => rows<{ n: number }>('SELECT count(*) AS n FROM outbox WHERE delivered_at IS NULL')[0]!.n === 0, 10_000);
    const publishing = (await a.queries['session.status']()).publishing!;
    expect(publishing).toEqual(expect.objectContaining({ name: 'sim-out', state: 'connected' }));
    expect(publishing.publish!.delivered).toBe(expected.length);
  }, 60_000);

  it('refuses to publish a simulation to a broker without an allowlist', async () => {
    const a = api();
    await expect(a.commands['session.start']({ scenario: 'baseline', publish: { url: 'mqtt://127.0.0.1:1' } })).rejects.toThrow(/needs a publish allowlist/);
  });

  it('replays a recorded session to a broker: rewritten ids, orders and keys, origin replayed, every event once', async () => {
    const broker = await mosquitto();
    const a = api();
    const recorded = await a.commands['session.start']({ scenario: 'baseline', until: '1h', speed: 'max' });
    await a.commands['session.play']();
    await waitFor(async () => (await a.queries['session.status']()).status === 'finished', 30_000);
    const original = rows<{ id: string; envelope: string }>(`SELECT id, envelope FROM events WHERE session = ${recorded.session} ORDER BY seq`);

    await expect(a.commands['session.replay']({ session: recorded.session!, publish: { url: broker.url } })).rejects.toThrow(/needs a publish allowlist/);
    const heard = await listen(broker.url, 'linesight/v1/#');
    const replay = await a.commands['session.replay']({
      session: recorded.session!,
      speed: 'max',
      publish: { url: broker.url, name: 'test-erp', publish: { allow: ['linesight/v1/'] } },
    });
    expect(replay.session).not.toBe(recorded.session);
    await a.commands['session.play']();
    await waitFor(() => heard.length >= original.length, 30_000);
    await new Promise((r) => setTimeout(r, 300));
    expect(heard).toHaveLength(original.length);
    const suffix = `~r${replay.session}`;
    const ids = new Set(heard.map((m) => m.body.id as string));
    heard.forEach((m, i) => {
      const was = JSON.parse(original[i]!.envelope) as { id: string; businesskey: string; correlationid: string; subject?: string; causationid?: string };
      expect(m.body).toMatchObject({ id: `${was.id}${suffix}`, businesskey: `${was.businesskey}${suffix}`, correlationid: `${was.correlationid}${suffix}`, origin: 'replayed' });
      if (was.subject !== undefined) expect(m.body.subject).toBe(`${was.subject}${suffix}`);
      // a cause still names its event: the rewrite is the same function everywhere
      if (was.causationid !== undefined && original.some((o) => o.id === was.causationid)) expect(ids.has(m.body.causationid as string)).toBe(true);
    });
  }, 60_000);
});
