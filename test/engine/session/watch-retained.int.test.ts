import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLocalApi, type Frame, type LocalApi } from '../../../engine/index.js';
import { openJournal } from '../../../engine/journal/index.js';
import { topicOf } from '../../../engine/sources/mqtt/ingest.js';
import type { AnyEvent } from '../../../model/index.js';
import { startMosquitto, type Broker } from '../../support/mosquitto.js';
import { withoutOrigin } from '../../support/plant-traffic.js';
import { T0, builder, order } from '../../monitor/story.js';
import { waitFor } from './fake-clock.js';

/**
 * On subscribe, a broker sends each topic's retained message — old news, maybe days old. Linesight
 * journals it flagged as retained and the monitor takes it as state, not timing: no gap by its age,
 * no latency sample, no queue place, no sequence jump. The same messages published live do all that.
 */
let broker: Broker;
let dir: string;
let api: LocalApi;
let frames: Frame[];
let pub: MqttClient;

beforeAll(async () => {
  broker = await startMosquitto();
}, 30_000);
afterAll(async () => {
  await broker?.stop();
});
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'linesight-retained-'));
  api = createLocalApi({ journalPath: join(dir, 'journal.db') });
  frames = [];
  api.onFrame((f) => frames.push(f));
  pub = await mqtt.connectAsync(broker.url, { clientId: `pub-${Date.now()}`, protocolVersion: 5 });
});
afterEach(async () => {
  await pub.endAsync();
  await api.close();
  rmSync(dir, { recursive: true, force: true });
});

const DAY = 86_400_000;

/**
 * A day-old conversation of plant `plant`: a consumption ERP never posted (a consumption gap once
 * grace is over), a confirmation ERP posted 2 s later (a latency sample), and between them a MES
 * message the broker no longer has (its sequence number is missing).
 */
function conversation(plant: string): AnyEvent[] {
  const at = Date.now() - DAY - T0;
  const o = order(builder(plant, 'L1'), `PO-${plant}`);
  const consumed = o.consumed(at, 'RM-1', 'RL-1', 5);
  void o.started(at + 1_000, '0010');
  return [consumed, o.confirmed(at + 2_000, '0010', 10), o.confPosted(at + 4_000, '0010', 10)];
}

const publish = async (events: readonly AnyEvent[], retain: boolean) => {
  for (const e of events) await pub.publishAsync(topicOf(e), JSON.stringify(withoutOrigin(e)), { qos: 1, retain });
};
const clearRetained = async (events: readonly AnyEvent[]) => {
  for (const e of events) await pub.publishAsync(topicOf(e), '', { qos: 1, retain: true });
};
const journaled = (): { id: string; retained: number }[] => {
  const j = openJournal(join(dir, 'journal.db'), { readonly: true });
  try {
    return j.db.prepare('SELECT id, retained FROM events ORDER BY seq').all() as { id: string; retained: number }[];
  } finally {
    j.close();
  }
};
const watch = async (plant: string) => {
  await api.commands['session.watch']({ brokers: [{ url: broker.url, clientId: `watch-${plant}`, subscriptions: [`linesight/v1/${plant}/#`] }] });
  await waitFor(async () => (await api.queries['session.status']()).watching?.[0]?.state === 'connected');
};
/** The line's figures once the monitor has applied `n` events and ticked at least once after. */
const lineAfter = async (n: number) => {
  await waitFor(() => frames.some((f) => f.events === n));
  const seen = frames.length;
  await waitFor(() => frames.length > seen + 1, 10_000);
  return frames[frames.length - 1]!;
};

describe('retained messages (Mosquitto)', () => {
  it('published before Linesight subscribes: journaled as retained, and no gap, latency sample, queue or data gap', async () => {
    const events = conversation('PRET');
    await publish(events, true);
    try {
      await watch('PRET');
      await waitFor(() => journaled().length === events.length, 20_000);
      expect(journaled()).toEqual(events.map((e) => ({ id: e.id, retained: 1 })));
      const page = await api.queries['events.page']({ afterSeq: 0, limit: 10 });
      expect(page.events.map((s) => s.retained)).toEqual([true, true, true]);

      const f = await lineAfter(events.length);
      expect(f.lines).toMatchObject([{ plant: 'PRET', queueDepth: 0, queueDepthMax: 0, missingMessages: 0, postingLatencyMs: { count: 0 } }]);
      expect(await api.queries['gaps.list']()).toEqual([]);
      expect(f.watching?.[0]?.dataGaps).toEqual([]);
      // still state: the confirmation and its posting agree, the consumption is known
      expect(f.conservation).toMatchObject({ posted: 1, lost: 0 });
    } finally {
      await clearRetained(events);
    }
  }, 60_000);

  it('the same messages published live (even with the retain flag set) open the gap, give the latency sample and show the data gap', async () => {
    const events = conversation('PLIVE');
    await watch('PLIVE');
    // to a subscription already there, a broker delivers a message as live, whatever its publisher's retain flag
    await publish(events, true);
    try {
      await waitFor(() => journaled().length === events.length, 20_000);
      expect(journaled()).toEqual(events.map((e) => ({ id: e.id, retained: 0 })));
      const page = await api.queries['events.page']({ afterSeq: 0, limit: 10 });
      expect(page.events.map((s) => s.retained)).toEqual([undefined, undefined, undefined]);

      const f = await lineAfter(events.length);
      expect(f.lines).toMatchObject([{ plant: 'PLIVE', queueDepth: 1, queueDepthMax: 2, missingMessages: 1, postingLatencyMs: { count: 1, max: 2_000 } }]);
      await waitFor(async () => (await api.queries['gaps.list']()).length > 0, 10_000);
      expect(await api.queries['gaps.list']()).toMatchObject([{ kind: 'consumption', order: 'PO-PLIVE' }]);
      expect(f.watching?.[0]?.dataGaps).toMatchObject([{ from: '2', to: '2' }]);
    } finally {
      await clearRetained(events);
    }
  }, 60_000);
});
