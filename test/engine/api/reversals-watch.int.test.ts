import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt, { type MqttClient } from 'mqtt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLocalApi, type LocalApi } from '../../../engine/index.js';
import { openJournal } from '../../../engine/journal/index.js';
import { waitFor } from '../session/fake-clock.js';

/**
 * A reversal on a watched plant broker: sent like an injected message — journaled with its
 * `operator.reversal-requested` event and published through the outbox under the connection's
 * allowlist — or refused with the reason and nothing written.
 */
let dir: string;
let journalPath: string;
let api: LocalApi;
const clients: MqttClient[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'linesight-reverse-watch-'));
  journalPath = join(dir, 'journal.db');
  api = createLocalApi({ journalPath, configDir: join(dir, 'config'), operator: 'test-engineer' });
});
afterEach(async () => {
  for (const c of clients.splice(0)) await c.endAsync(true);
  await api.close();
  rmSync(dir, { recursive: true, force: true });
});

function rows<T>(sql: string): T[] {
  const j = openJournal(journalPath, { readonly: true });
  try {
    return j.db.prepare(sql).all() as T[];
  } finally {
    j.close();
  }
}

async function client(url: string): Promise<MqttClient> {
  const c = await mqtt.connectAsync(url, { clientId: `plant-${Math.random().toString(16).slice(2)}`, protocolVersion: 4 });
  clients.push(c);
  return c;
}

const KEY = 'PO-9/CONF/0010/1';
let n = 0;
/** A canonical event as line US01/L2's systems would publish it. */
function event(type: string, data: Record<string, unknown>) {
  const system = type.split('.')[0]!;
  n++;
  return {
    topic: `linesight/v1/US01/L2/${system}/${type}`,
    body: {
      businesskey: KEY,
      correlationid: 'PO-9',
      data: { order: 'PO-9', ...data },
      datacontenttype: 'application/json',
      id: `evt-${n}-${Math.random().toString(16).slice(2)}`,
      line: 'L2',
      plant: 'US01',
      sequence: String(n),
      source: `/US01/L2/${system}`,
      specversion: '1.0',
      subject: 'PO-9',
      time: new Date(Date.now() - 60_000 + n).toISOString(),
      type,
    },
  };
}

/** Given a plant whose ERP posted one confirmation twice: the duplicate-posting gap is open. */
async function plantPostsTwice(url: string): Promise<void> {
  const plant = await client(url);
  const qty = { operation: '0010', goodQty: 14, scrapQty: 0, uom: 'EA' };
  for (const e of [
    event('mes.operation.confirmed', { ...qty, workCenter: 'WC-L2', final: true }),
    event('erp.confirmation.posted', { ...qty, document: 'D-1' }),
    event('erp.confirmation.posted', { ...qty, document: 'D-2' }),
  ]) {
    await plant.publishAsync(e.topic, JSON.stringify(e.body), { qos: 1 });
  }
  await waitFor(async () => (await api.queries['gaps.list']({ kind: 'duplicate-posting' })).some((g) => g.businesskeys.includes(KEY)), 10_000);
}

describe('reversing a posting while watching a plant broker', () => {
  it('publishes the reversal under the allowlist, journaled with its request, and refuses a topic outside it, writing nothing', async () => {
    const broker = await api.commands['broker.start']({ port: 0 });
    const heard: { topic: string; body: Record<string, unknown> }[] = [];
    const listener = await client(broker.url);
    listener.on('message', (topic, payload) => heard.push({ topic, body: JSON.parse(payload.toString()) as Record<string, unknown> }));
    await listener.subscribeAsync('linesight/v1/US01/L2/mes/#', { qos: 1 });

    await api.commands['session.watch']({ brokers: [{ url: broker.url, name: 'line2-edge', publish: { allow: ['linesight/v1/US01/L2/'] } }] });
    await plantPostsTwice(broker.url);

    const preview = await api.queries['reversals.preview']({ reverses: KEY });
    expect(preview).toMatchObject({ ok: true, reversalKey: `${KEY}/REV/1`, messageType: 'mes.confirmation.cancelled', postingsBefore: 2, postingsAfter: 1 });
    const result = await api.commands['reversals.request']({ reverses: KEY, why: 'ERP posted the confirmation twice' });
    expect(result).toMatchObject({ refused: null, actions: [expect.any(String)], messages: [expect.any(String)] });

    await waitFor(() => heard.some((m) => m.body.id === result.messages[0]), 10_000);
    const sent = heard.find((m) => m.body.id === result.messages[0])!;
    expect(sent.topic).toBe('linesight/v1/US01/L2/mes/mes.confirmation.cancelled');
    expect(sent.body).toMatchObject({
      businesskey: `${KEY}/REV/1`,
      origin: 'injected',
      data: { order: 'PO-9', operation: '0010', reverses: KEY, goodQty: 14, scrapQty: 0, uom: 'EA' },
    });
    const journaled = rows<{ type: string; who: string }>(
      "SELECT type, json_extract(envelope, '$.data.who') AS who FROM events WHERE type IN ('operator.reversal-requested', 'mes.confirmation.cancelled') ORDER BY seq",
    );
    // journaled once, the request first, though our own subscription carries the message back
    expect(journaled).toEqual([
      { type: 'operator.reversal-requested', who: 'test-engineer' },
      { type: 'mes.confirmation.cancelled', who: null },
    ]);
    // a reversal sent to a live broker is in the audit log, after the watch that may publish there
    const audited = () => rows<{ who: string; action: string; target: string }>('SELECT who, action, target FROM audit_log ORDER BY id');
    expect(audited()).toEqual([
      { who: 'test-engineer', action: 'session.publish', target: 'line2-edge' },
      { who: 'test-engineer', action: 'reversals.request', target: KEY },
    ]);

    // a connection whose allowlist does not cover line L2: refused with the reason, nothing written
    await api.commands['session.watch']({ brokers: [{ url: broker.url, name: 'line9-edge', publish: { allow: ['linesight/v1/US01/L9/'] } }] });
    await plantPostsTwice(broker.url);
    const eventsBefore = rows('SELECT * FROM events').length;
    const outboxBefore = rows('SELECT * FROM outbox').length;
    const refused = await api.commands['reversals.request']({ reverses: KEY, why: 'wrong line' });
    expect(refused).toMatchObject({ actions: [], messages: [], refused: expect.stringMatching(/outside the publish allowlist of line9-edge/) });
    expect(rows('SELECT * FROM events').length).toBe(eventsBefore);
    expect(rows('SELECT * FROM outbox').length).toBe(outboxBefore);

    // subscribe-only: the preview already says why
    await api.commands['session.watch']({ brokers: [{ url: broker.url, name: 'read-only' }] });
    await plantPostsTwice(broker.url);
    expect(await api.queries['reversals.preview']({ reverses: KEY })).toEqual({ ok: false, refused: expect.stringMatching(/no connection of this session may publish/), unposted: [] });
    expect((await api.commands['reversals.request']({ reverses: KEY, why: 'no way out' })).refused).toMatch(/no connection of this session may publish/);
    // refused reversals are not audited; the subscribe-only watch publishes nowhere
    expect(audited().map((e) => e.action)).toEqual(['session.publish', 'reversals.request', 'session.publish']);
  }, 60_000);
});
