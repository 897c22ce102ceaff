import { afterEach, describe, expect, it } from 'vitest';
import { startBlackholeProxy, type BlackholeProxy } from '../support/blackhole-proxy.js';
import { startMosquitto, type Broker } from '../support/mosquitto.js';
import { checkLedger, journaled, openWatch, sleep, startLedgerPublisher, waitFor, type LedgerPublisher, type Watch } from './broker-harness.js';

/**
 * The network between Linesight and the plant's broker misbehaves; the broker itself is fine. The
 * watch connects through a proxy that can cut every connection or go silent; the publisher talks to
 * the broker straight, keeping a ledger of what the broker acknowledged. A watch under a stable
 * client id keeps its session on the broker, so at QoS 1 nothing may be lost or journaled twice.
 */
let broker: Broker | undefined;
let proxy: BlackholeProxy | undefined;
let watch: Watch | undefined;
let pub: LedgerPublisher | undefined;
afterEach(async () => {
  await pub?.close();
  await watch?.close();
  await proxy?.close();
  await broker?.stop();
  [pub, watch, proxy, broker] = [undefined, undefined, undefined, undefined];
});

const KEEPALIVE_S = 2;
/** the first step of our reconnect backoff is 0.5–1 s; the second 1–2 s */
const RECONNECT_MS = 2_000;

async function setUp(name: string): Promise<{ proxy: BlackholeProxy; watch: Watch; pub: LedgerPublisher }> {
  broker = await startMosquitto({ maxQueuedMessages: 0 });
  proxy = await startBlackholeProxy(broker.port);
  watch = await openWatch({ url: proxy.url, clientId: `fault-${name}`, keepalive: KEEPALIVE_S });
  await waitFor(() => watch!.status().state === 'connected', 10_000);
  pub = await startLedgerPublisher(broker.url, `fault-${name}-pub`);
  return { proxy, watch, pub };
}

describe('the network to the watched broker fails', () => {
  it('20 rapid connection cuts mid-stream: back each time, nothing lost, nothing doubled, every cut on record', async () => {
    const { proxy, watch, pub } = await setUp('flap');
    const stream = pub.stream(3);
    const CUTS = 20;
    for (let i = 0; i < CUTS; i++) {
      // connected again after each cut within the first backoff step (never taken for a twin client)
      await waitFor(() => watch.status().state === 'connected', RECONNECT_MS + 1_000);
      await sleep(i % 4 === 0 ? 0 : 20 * (i % 4)); // some cuts right after SUBACK, some with traffic flowing
      proxy.dropAll();
      await waitFor(() => watch.status().state !== 'connected', 1_000);
    }
    await waitFor(() => watch.status().state === 'connected', RECONNECT_MS + 1_000);
    await stream.stop();
    await journaled(watch, pub.acked);

    const check = checkLedger(watch.journalIds(), pub.acked, pub.sent);
    expect(check).toEqual({ lost: [], doubled: [], foreign: [] });
    expect(watch.quarantined()).toBe(0);
    expect(watch.session.info().events).toBe(watch.journalIds().length);
    expect(watch.states).not.toContain('in-use');
    const status = watch.status();
    expect(status.state).toBe('connected');
    expect(status.possibleGaps).toEqual([]);
    expect(status.outages).toHaveLength(CUTS);
    for (const o of status.outages) {
      expect(o.to).not.toBeNull();
      expect(o.to!).toBeGreaterThanOrEqual(o.from);
    }
  }, 60_000);

  it('a silent black hole longer than the keepalive: detected, back soon after it ends, nothing lost, nothing doubled, the outage on record', async () => {
    const { proxy, watch, pub } = await setUp('blackhole');
    const stream = pub.stream(2);
    await waitFor(() => pub.acked.size >= 100, 10_000);
    const holed = Date.now();
    proxy.blackhole();
    // mqtt.js pings after one keepalive without an answer and gives up after 1.5
    await waitFor(() => watch.status().state !== 'connected', KEEPALIVE_S * 1_500 + 1_500);
    const detected = Date.now();
    expect(detected - holed).toBeGreaterThanOrEqual(KEEPALIVE_S * 1_000);
    expect(['offline', 'reconnecting']).toContain(watch.status().state);
    expect(watch.status().outages.at(-1)).toMatchObject({ to: null, why: expect.stringMatching(/no answer from the broker within 3 s/) });
    // the plant keeps publishing while we are cut off; the hole lasts past the broker's keepalive too
    await sleep(KEEPALIVE_S * 1_500 + 500);
    const restored = Date.now();
    proxy.restore();
    await waitFor(() => watch.status().state === 'connected', KEEPALIVE_S * 3_000 + RECONNECT_MS);
    const ackedAtRestore = pub.acked.size;
    await waitFor(() => pub.acked.size >= ackedAtRestore + 100, 10_000);
    await stream.stop();
    await journaled(watch, pub.acked);

    const check = checkLedger(watch.journalIds(), pub.acked, pub.sent);
    expect(check).toEqual({ lost: [], doubled: [], foreign: [] });
    expect(watch.quarantined()).toBe(0);
    expect(watch.session.info().events).toBe(watch.journalIds().length);
    expect(watch.states).not.toContain('in-use');
    const status = watch.status();
    expect(status.possibleGaps).toEqual([]);
    expect(status.outages).toHaveLength(1);
    const [outage] = status.outages;
    expect(outage!.from).toBeGreaterThanOrEqual(holed);
    expect(outage!.from).toBeLessThanOrEqual(detected);
    expect(outage!.to).toBeGreaterThanOrEqual(restored);
  }, 60_000);
});
