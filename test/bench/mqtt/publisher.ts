/**
 * The publisher of `npm run bench:mqtt`, run as its own process so it never shares an event loop
 * with what is measured:
 *
 *   node dist/test/bench/mqtt/publisher.js URL FILE QOS WINDOW
 *
 * FILE holds one message a line, `topic<TAB>payload`. Every message is published as fast as the
 * broker accepts it, with at most WINDOW publishes outstanding (QoS 0: written to the socket;
 * QoS 1: PUBACK received), then the client ends cleanly (its queue flushed). Prints one JSON line
 * on stdout: `{ published, ms }` (first publish to the last one accepted).
 */
import { readFileSync } from 'node:fs';
import mqtt from 'mqtt';

const [url, file, qosArg, windowArg] = process.argv.slice(2);
if (!url || !file) throw new Error('usage: publisher.js URL FILE QOS WINDOW');
const qos = Number(qosArg ?? 0) === 1 ? 1 : 0;
const window = Math.max(1, Number(windowArg ?? 1000));

const messages: [string, Buffer][] = [];
for (const line of readFileSync(file, 'utf8').split('\n')) {
  if (line === '') continue;
  const tab = line.indexOf('\t');
  messages.push([line.slice(0, tab), Buffer.from(line.slice(tab + 1))]);
}

const client = await mqtt.connectAsync(url, {
  protocolVersion: 5,
  clientId: `bench-pub-${process.pid}`,
  clean: true,
  reconnectPeriod: 0,
});

const started = performance.now();
let next = 0;
let done = 0;
let failed: Error | undefined;
await new Promise<void>((resolve, reject) => {
  let pumping = false; // a callback that fires synchronously must not recurse
  const pump = () => {
    if (pumping) return;
    pumping = true;
    while (next < messages.length && next - done < window) {
      const [topic, payload] = messages[next++]!;
      client.publish(topic, payload, { qos }, (err) => {
        if (err) failed ??= err;
        done++;
        if (failed) return reject(failed);
        if (done === messages.length) resolve();
        else pump();
      });
    }
    pumping = false;
  };
  if (messages.length === 0) resolve();
  else pump();
});
const ms = performance.now() - started;
await client.endAsync();
process.stdout.write(JSON.stringify({ published: done, ms }) + '\n');
