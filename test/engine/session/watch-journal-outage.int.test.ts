import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import mqtt from 'mqtt';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ConnectionStatus, Frame } from '../../../engine/contract/index.js';
import { openJournalWriter, type JournalWriter } from '../../../engine/journal/index.js';
import { createFrameGate } from '../../../engine/session/frame-gate.js';
import { systemClock } from '../../../engine/session/host-clock.js';
import type { Session as LiveSession } from '../../../engine/session/kernel.js';
import { startWatchSession } from '../../../engine/session/watch-session.js';
import { topicOf } from '../../../engine/sources/mqtt/ingest.js';
import { journalWithBallast } from '../../faults/storage-support.js';
import { startMosquitto, type Broker } from '../../support/mosquitto.js';
import { startMqttTap, type MqttTap } from '../../support/mqtt-tap.js';
import { plantTraffic, withoutOrigin } from '../../support/plant-traffic.js';
import { waitFor } from './fake-clock.js';

/**
 * A QoS 1 watch whose journal runs out of space mid-stream (a real SQLITE_FULL: `max_page_count`
 * on the writer's connection), then gets space back (another connection drops a ballast table, so
 * its pages are free to reuse). A tap between the watch and Mosquitto checks each PUBACK as it
 * passes: whatever is acknowledged must already be in the journal.
 */
let broker: Broker;
let dir: string;
let path: string;
let writer: JournalWriter | undefined;
let session: LiveSession | undefined;
let tap: MqttTap;
let reader: Database.Database;
/** acknowledgements of messages the journal did not hold at that moment */
let unstoredAcks: string[];
let frames: Frame[];

const traffic = plantTraffic('4h').slice(0, 400);
const idOf = (payload: Buffer): string => (JSON.parse(payload.toString()) as { id: string }).id;

beforeAll(async () => {
  broker = await startMosquitto({ maxQueuedMessages: 0 });
}, 30_000);
afterAll(async () => {
  await broker?.stop();
});
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'linesight-outage-'));
  path = join(dir, 'journal.db');
  // a migrated journal with 4 MiB of ballast, then a writer that may grow the file by 160 KiB only
  writer = await openJournalWriter(path, { maxPageCount: journalWithBallast(path) });
  reader = new Database(path, { readonly: true });
  unstoredAcks = [];
  frames = [];
  const stored = reader.prepare('SELECT count(*) FROM events WHERE id = ?').pluck();
  tap = await startMqttTap(broker.port, (payload) => {
    const id = idOf(payload);
    if ((stored.get(id) as number) === 0) unstoredAcks.push(id);
  });
});
afterEach(async () => {
  await session?.stop().catch(() => undefined);
  session = undefined;
  await tap.close();
  reader.close();
  await writer?.close();
  rmSync(dir, { recursive: true, force: true });
});

const count = (sql: string): number => reader.prepare(sql).pluck().get() as number;
/** Give the journal its space back: the ballast's pages go to the free list, where the writer reuses them. */
function freeSpace(): void {
  const db = new Database(path);
  db.pragma('busy_timeout = 5000');
  db.exec('DROP TABLE ballast');
  db.close();
}
async function watch(clientId: string, giveUpMs: number): Promise<LiveSession> {
  const gate = createFrameGate(systemClock, 20, (f) => frames.push(f));
  return startWatchSession({
    writer: writer!,
    clock: systemClock,
    frames: gate,
    // small batches, many in flight: a failing batch has later ones behind it
    brokers: [{ url: tap.url, clientId, receiveMaximum: 100 }],
    batchMax: 10,
    journalRetry: { firstMs: 20, maxMs: 200, giveUpMs },
  });
}
async function publishAll(): Promise<void> {
  const pub = await mqtt.connectAsync(broker.url, { clientId: `outage-pub-${Date.now()}`, protocolVersion: 4 });
  for (const e of traffic) await pub.publishAsync(topicOf(e), JSON.stringify(withoutOrigin(e)), { qos: 1 });
  await pub.endAsync();
}
/** Wait until the journal's event count has not moved for `ms`. */
async function settled(ms = 600): Promise<number> {
  let last = -1;
  let since = Date.now();
  await waitFor(() => {
    const n = count('SELECT count(*) FROM events');
    if (n !== last) [last, since] = [n, Date.now()];
    return Date.now() - since >= ms;
  }, 30_000);
  return last;
}
const journalOf = (c: ConnectionStatus | undefined) => c?.journal?.state ?? 'none';

describe('a watch whose journal fails mid-stream (QoS 1)', () => {
  it('acknowledges nothing it has not stored, retries, and once the journal takes writes again journals every message exactly once', async () => {
    session = await watch('outage-recovers', 60_000);
    await publishAll();
    // the cap bit: the connection says so, and why
    await waitFor(() => journalOf(session!.info().watching?.[0]) === 'unavailable', 30_000);
    const down = session.info().watching![0]!.journal!;
    expect(down).toMatchObject({ state: 'unavailable', reason: expect.stringMatching(/database or disk is full \(SQLITE_FULL\)/) });
    // part of the stream is stored; the rest waits, unacknowledged, at the broker
    const stuck = await settled();
    expect(stuck).toBeGreaterThan(0);
    expect(stuck).toBeLessThan(traffic.length);
    expect(unstoredAcks).toEqual([]);
    const acked = tap.acked.length;
    expect(acked).toBeLessThanOrEqual(count('SELECT count(*) FROM events'));

    freeSpace();
    await waitFor(() => count('SELECT count(*) FROM events') === traffic.length, 30_000);
    await settled(300);
    expect(count('SELECT count(*) FROM events')).toBe(traffic.length);
    expect(count('SELECT count(DISTINCT id) FROM events')).toBe(traffic.length);
    expect(unstoredAcks).toEqual([]);
    // every PUBACK went out in the order its message arrived, each message acknowledged once
    await waitFor(() => tap.acked.length === traffic.length, 10_000);
    expect(tap.acked.map(idOf)).toEqual(tap.published.map(idOf));
    expect(new Set(tap.acked.map(idOf)).size).toBe(traffic.length);
    // ingest resumed by itself, and the monitor counted each message once
    const info = session.info();
    expect(info.status).toBe('running');
    expect(info.error).toBeNull();
    expect(info.events).toBe(traffic.length);
    expect(journalOf(info.watching?.[0])).toBe('ok');
    expect(frames.some((f) => journalOf(f.watching?.[0]) === 'unavailable')).toBe(true);
  }, 90_000);

  it('stops the session with a clear error when the journal stays broken past the limit; the next watch gets what was not stored', async () => {
    session = await watch('outage-gives-up', 1_500);
    await publishAll();
    await waitFor(() => session!.info().status === 'finished', 30_000);
    const info = session.info();
    expect(info.error).toMatch(/^the journal refused writes for 1\.5s — database or disk is full \(SQLITE_FULL\): the watch stopped; what it had not stored was not acknowledged/);
    expect(info.watching?.[0]).toMatchObject({ state: 'closed', journal: { state: 'failed' } });
    expect(frames.at(-1)?.status).toBe('finished');
    const stored = count('SELECT count(*) FROM events');
    expect(stored).toBeLessThan(traffic.length);
    expect(unstoredAcks).toEqual([]);

    // the broker kept what was not acknowledged: a watch under the same client id receives it
    freeSpace();
    session = await watch('outage-gives-up', 60_000);
    await waitFor(() => count('SELECT count(DISTINCT id) FROM events') === traffic.length, 30_000);
    expect(unstoredAcks).toEqual([]);
  }, 90_000);

  it('stops at once when told to during an outage, acknowledging nothing more, and says so', async () => {
    session = await watch('outage-stopped', 600_000);
    await publishAll();
    await waitFor(() => journalOf(session!.info().watching?.[0]) === 'unavailable', 30_000);
    const stopping = session.stop().then(() => 'stopped');
    const outcome = await Promise.race([stopping, new Promise((r) => setTimeout(() => r('still waiting for the journal'), 20_000))]);
    expect(outcome).toBe('stopped');
    const info = session.info();
    expect(info.status).toBe('finished');
    expect(info.error).toMatch(/^the watch was stopped while the journal was unavailable — database or disk is full \(SQLITE_FULL\); what it had not stored was not acknowledged/);
    expect(count('SELECT count(*) FROM events')).toBeLessThan(traffic.length);
    expect(unstoredAcks).toEqual([]);
  }, 90_000);
});
