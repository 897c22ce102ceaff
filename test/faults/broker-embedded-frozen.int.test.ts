import net, { type Socket } from 'node:net';
import mqtt, { type MqttClient } from 'mqtt';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmbeddedBroker, type EmbeddedBroker } from '../../engine/index.js';
import { waitFor } from './broker-harness.js';

/**
 * The embedded broker (aedes on its worker thread) under a subscriber that connects, subscribes and
 * then never reads its socket. The worker is loaded from dist/: run `npm run build` first.
 */
let broker: EmbeddedBroker | undefined;
const clients: MqttClient[] = [];
const sockets: Socket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  await Promise.all(clients.splice(0).map((c) => c.endAsync(true)));
  await broker?.close();
  broker = undefined;
});

const str = (s: string) => {
  const b = Buffer.from(s);
  return Buffer.concat([Buffer.from([b.length >> 8, b.length & 0xff]), b]);
};
/** An MQTT 3.1.1 packet: type byte, remaining length (variable byte integer), body. */
const packet = (type: number, body: Buffer) => {
  const len: number[] = [];
  let n = body.length;
  do {
    let d = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) d |= 0x80;
    len.push(d);
  } while (n > 0);
  return Buffer.concat([Buffer.from([type, ...len]), body]);
};

/** A raw TCP client: CONNECT (clean, no keepalive), SUBSCRIBE `filter` at `qos`, then never reads again. */
async function frozenSubscriber(port: number, filter: string, qos: 0 | 1): Promise<{ socket: Socket; closed: Promise<void> }> {
  const socket = net.connect({ host: '127.0.0.1', port });
  sockets.push(socket);
  const closed = new Promise<void>((r) => socket.once('close', () => r()));
  socket.on('error', () => undefined);
  await new Promise<void>((r) => socket.once('connect', () => r()));
  socket.write(packet(0x10, Buffer.concat([str('MQTT'), Buffer.from([4, 0x02, 0, 0]), str('frozen')])));
  socket.write(packet(0x82, Buffer.concat([Buffer.from([0, 1]), str(filter), Buffer.from([qos])])));
  // read the CONNACK and SUBACK (9 bytes), then stop reading for good
  await new Promise<void>((resolve) => {
    let got = 0;
    const onData = (chunk: Buffer) => {
      got += chunk.length;
      if (got < 9) return;
      socket.off('data', onData);
      socket.pause();
      resolve();
    };
    socket.on('data', onData);
  });
  return { socket, closed };
}

describe('the embedded broker with a subscriber that never reads', () => {
  it('disconnects it once too much waits for it, keeps its memory bounded that way, and other clients keep flowing', async () => {
    const maxOutgoingBytes = 1024 * 1024;
    broker = await startEmbeddedBroker({ port: 0, maxOutgoingBytes });
    const frozen = await frozenSubscriber(broker.port, 'flood/#', 0);

    const reader = await mqtt.connectAsync(broker.url, { protocolVersion: 4, reconnectPeriod: 0, clientId: 'reader' });
    clients.push(reader);
    let received = 0;
    reader.on('message', () => received++);
    await reader.subscribeAsync('flood/#', { qos: 0 });

    // 2 000 × 16 KiB = 32 MiB: more than loopback's socket buffers hold for the frozen client, so
    // the broker's own buffer for it would grow by the rest
    const publisher = await mqtt.connectAsync(broker.url, { protocolVersion: 4, reconnectPeriod: 0, clientId: 'publisher' });
    clients.push(publisher);
    const payload = Buffer.alloc(16 * 1024, 0x61);
    const N = 2_000;
    for (let i = 0; i < N; i++) await publisher.publishAsync(`flood/${i % 10}`, payload, { qos: 1 });

    // The other subscriber got everything while the frozen one sat there; without the bound, aedes
    // stalled every delivery (and every publisher's PUBACK) until its 30 s drainTimeout.
    await waitFor(() => received === N, 10_000);
    // the broker cut the frozen client rather than buffer the flood for it
    const status = await broker.status();
    expect(status.slow).toBe(1);
    expect(status.clients).toBe(2);
    // (a paused socket hears of its end only once it reads again)
    frozen.socket.resume();
    await frozen.closed;
    expect(frozen.socket.bytesRead).toBeLessThan(N * payload.length);
  }, 40_000);
});
