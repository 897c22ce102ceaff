/**
 * The publisher of `npm run soak`, its own process so it never shares an event loop with the engine:
 *
 *   node dist/test/bench/soak/paced-publisher.js URL RATE SECONDS
 *
 * Publishes the canonical events of a baseline simulation (generated as it goes, `origin` stripped:
 * traffic Linesight did not make) at QoS 1, RATE a second in 100 ms slices, for SECONDS. Every
 * message has its own event id. Prints a JSON line each second, `{ t, published, acked }`, and a
 * last one with `done: true` once every publish has its PUBACK (the ledger the soak compares the
 * journal with).
 */
import mqtt from 'mqtt';
import { loadScenario } from '../../../engine/index.js';
import { topicOf } from '../../../engine/sources/mqtt/ingest.js';
import { createSimulation } from '../../../simulator/index.js';

const [url, rateArg, secondsArg] = process.argv.slice(2);
if (!url) throw new Error('usage: paced-publisher.js URL RATE SECONDS');
const rate = Math.max(1, Number(rateArg ?? 1000));
const seconds = Math.max(1, Number(secondsArg ?? 60));

const sim = createSimulation(loadScenario('baseline', { until: '3650d' }));
const queue: [string, string][] = [];
function next(): [string, string] | undefined {
  while (queue.length === 0 && !sim.done) {
    for (const o of sim.pull(5_000)) {
      if (o.kind !== 'event') continue;
      const { origin: _, ...e } = o.event;
      queue.push([topicOf(o.event), JSON.stringify(e)]);
    }
  }
  return queue.shift();
}

const client = await mqtt.connectAsync(url, { protocolVersion: 5, clientId: `soak-pub-${process.pid}`, clean: true, reconnectPeriod: 1000 });
let published = 0;
let acked = 0;
let failed = 0;
const started = performance.now();
const say = (extra: Record<string, unknown> = {}) =>
  process.stdout.write(JSON.stringify({ t: Math.round((performance.now() - started) / 1000), published, acked, failed, ...extra }) + '\n');

const SLICE_MS = 100;
const report = setInterval(() => say(), 1000);
await new Promise<void>((resolve) => {
  const tick = setInterval(() => {
    const elapsed = performance.now() - started;
    if (elapsed >= seconds * 1000) {
      clearInterval(tick);
      resolve();
      return;
    }
    // catch up to where the steady rate says we should be (a late timer does not lower the rate)
    const due = Math.floor((elapsed / 1000) * rate) - published;
    for (let i = 0; i < due; i++) {
      const m = next();
      if (!m) break;
      published++;
      client.publish(m[0], m[1], { qos: 1 }, (err) => (err ? failed++ : acked++));
    }
  }, SLICE_MS);
});
while (acked + failed < published) await new Promise<void>((r) => setTimeout(r, 20));
clearInterval(report);
say({ done: true });
await client.endAsync();
