import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalApi, type Frame, type LiveCheck } from '../../../engine/index.js';
import { topicOf } from '../../../engine/sources/mqtt/ingest.js';
import type { AnyEvent } from '../../../model/index.js';
import { startMosquitto, type Broker } from '../../support/mosquitto.js';
import { withoutOrigin } from '../../support/plant-traffic.js';
import { T0, builder, order } from '../../monitor/story.js';
import { waitFor } from './fake-clock.js';

/**
 * A watch judges the contract on the wall clock, like its grace periods: a confirmation an hour old
 * that ERP never posted is missing at once, one posted in time is not; the rule fails in the
 * watch's frames with the confirmation to point at, and the watch's outcome records it.
 */
let broker: Broker;
let dir: string;
let pub: MqttClient;

beforeAll(async () => {
  broker = await startMosquitto();
  dir = mkdtempSync(join(tmpdir(), 'linesight-watch-checks-'));
  pub = await mqtt.connectAsync(broker.url, { clientId: `pub-checks-${Date.now()}`, protocolVersion: 5 });
}, 30_000);
afterAll(async () => {
  await pub?.endAsync();
  await broker?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const rule = (f: Frame | undefined, id: string): LiveCheck | undefined => f?.checks.find((c) => c.id === id);

describe('live checks of a watch', () => {
  it('a confirmation never posted is missing once its grace period has passed on the wall clock', async () => {
    const api = createLocalApi({ journalPath: join(dir, 'journal.db') });
    let closed = false;
    const frames: Frame[] = [];
    api.onFrame((f) => frames.push(f));
    const at = Date.now() - 3_600_000 - T0;
    const o = order(builder('WC', 'L1'), 'PO-WC-1');
    const lost = o.confirmed(at, '0010', 10);
    const posted = o.confirmed(at + 1_000, '0020', 10);
    // released and acknowledged in time: the release rule has a pair to measure (with none, its p95 would be null, which no `<=` holds)
    const released = o.released(at - 60_000);
    const events: AnyEvent[] = [released, o.acked(at - 58_000, undefined, released), lost, posted, o.confPosted(at + 3_000, '0020', 10, 0, { cause: posted })];
    try {
      await api.commands['session.watch']({ brokers: [{ url: broker.url, clientId: 'watch-checks', subscriptions: ['linesight/v1/WC/#'] }] });
      await waitFor(async () => (await api.queries['session.status']()).watching?.[0]?.state === 'connected');
      for (const e of events) await pub.publishAsync(topicOf(e), JSON.stringify(withoutOrigin(e)), { qos: 1 });

      await waitFor(() => rule(frames.at(-1), 'confirmations-reach-erp')?.verdict === 'fail');
      const check = rule(frames.at(-1), 'confirmations-reach-erp')!;
      expect(check.measured).toMatchObject({ events: 2, violations: 1, late: 0, missing: 1 });
      expect(check.first).toEqual([{ text: `mes.operation.confirmed ${lost.businesskey} not posted within 300 s`, events: [expect.objectContaining({ id: lost.id })] }]);
      expect(rule(frames.at(-1), 'posted-once')?.verdict).toBe('pass');
      const session = frames.at(-1)!.session!;
      closed = true;
      await api.close();

      // the watch's outcome: what its checks said when it stopped
      const again = createLocalApi({ journalPath: join(dir, 'journal.db') });
      try {
        const row = (await again.queries['sessions.list']()).find((s) => s.id === session)!;
        expect(row.checks).toEqual({ rules: 7, failed: 1, failing: ['confirmations-reach-erp'] });
      } finally {
        await again.close();
      }
    } finally {
      if (!closed) await api.close();
    }
  }, 60_000);
});
