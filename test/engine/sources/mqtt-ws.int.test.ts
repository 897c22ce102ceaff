import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLocalApi, type LocalApi } from '../../../engine/index.js';
import { topicOf } from '../../../engine/sources/mqtt/ingest.js';
import { plantTraffic, withoutOrigin } from '../../support/plant-traffic.js';
import { startWsBroker, type WsBroker } from '../../support/ws-broker.js';
import { waitFor } from '../session/fake-clock.js';

let dir: string;
let api: LocalApi;
let broker: WsBroker;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'linesight-ws-'));
  api = createLocalApi({ journalPath: join(dir, 'journal.db') });
  broker = await startWsBroker();
});
afterEach(async () => {
  await api.close();
  await broker.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('a ws:// broker connection', () => {
  it('watches a broker over WebSockets and publishes to it, like any other', async () => {
    await api.commands['session.watch']({ brokers: [{ url: broker.url, name: 'ws-line', protocolVersion: 4, publish: { allow: ['linesight/v1/US01/L1/'] } }] });
    await waitFor(async () => (await api.queries['session.status']()).watching![0]!.state === 'connected', 20_000);
    const pub = await mqtt.connectAsync(broker.url, { protocolVersion: 4 });
    const traffic = plantTraffic('2h').filter((e) => e.line === 'L1').slice(0, 15);
    for (const e of traffic) await pub.publishAsync(topicOf(e), JSON.stringify(withoutOrigin(e)), { qos: 1 });
    await waitFor(async () => (await api.queries['session.status']()).events === traffic.length, 20_000);

    const heard: string[] = [];
    pub.on('message', (_t, p) => heard.push((JSON.parse(p.toString()) as { origin: string }).origin));
    await pub.subscribeAsync('linesight/v1/US01/L1/#', { qos: 1 });
    const order = traffic.find((e) => e.subject !== undefined)!.subject!;
    await api.commands['operator.inject']({
      event: { type: 'mes.order.acknowledged', order, businesskey: `${order}-ack-ws`, data: { order, routing: 'R', revision: 'A' } },
      why: 'ws round trip',
    });
    await waitFor(() => heard.includes('injected'), 20_000);
    await pub.endAsync();
    expect((await api.queries['session.status']()).watching![0]!.publish).toMatchObject({ delivered: 1 });
  }, 40_000);
});
