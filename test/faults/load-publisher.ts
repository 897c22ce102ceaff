// Steady QoS 1 load for the crash harness: the canonical events of a bundled scenario, published
// again and again under ids of their own, with a ledger of what the broker acknowledged.
import mqtt from 'mqtt';
import { topicOf } from '../../engine/sources/mqtt/ingest.js';
import { plantTraffic, withoutOrigin } from '../support/plant-traffic.js';

export type Publisher = {
  /** ids of the messages the broker acknowledged (PUBACK) */
  readonly published: ReadonlySet<string>;
  /** stop publishing; resolves once every message sent has been acknowledged or failed */
  stop(): Promise<void>;
};

/** messages sent and not yet acknowledged, at most */
const WINDOW = 64;
const TICK_MS = 10;

/**
 * Publish `ratePerSecond` QoS 1 messages a second to `url` until stopped. Each is a line-1 event of
 * the scenario with a unique id (`{prefix}-{n}`) and the next sequence number of its source, sent
 * as plant traffic (no `origin`).
 */
export async function createPublisher(url: string, prefix: string, ratePerSecond: number): Promise<Publisher> {
  const templates = plantTraffic('4h').filter((e) => e.line === 'L1');
  const client = await mqtt.connectAsync(url, { clientId: `${prefix}-publisher`, protocolVersion: 5 });
  const published = new Set<string>();
  const sequences = new Map<string, number>();
  let n = 0;
  let inFlight = 0;
  let owed = 0;
  const publishOne = () => {
    const t = templates[n % templates.length]!;
    const sequence = (sequences.get(t.source) ?? 0) + 1;
    sequences.set(t.source, sequence);
    const id = `${prefix}-${n++}`;
    // the template's keys are sorted: replacing values keeps them so (the journal's canonical form)
    const body = { ...withoutOrigin(t), id, sequence: String(sequence) };
    inFlight++;
    client
      .publishAsync(topicOf(t), JSON.stringify(body), { qos: 1 })
      .then(() => published.add(id))
      .catch(() => undefined)
      .finally(() => inFlight--);
  };
  const timer = setInterval(() => {
    owed += (ratePerSecond * TICK_MS) / 1000;
    while (owed >= 1 && inFlight < WINDOW) {
      publishOne();
      owed--;
    }
    // behind (the broker is slow): do not pile up a burst to catch up with
    owed = Math.min(owed, WINDOW);
  }, TICK_MS);
  let stopping: Promise<void> | undefined;
  return {
    published,
    stop() {
      stopping ??= (async () => {
        clearInterval(timer);
        const deadline = Date.now() + 10_000;
        while (inFlight > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
        await client.endAsync();
      })();
      return stopping;
    },
  };
}
