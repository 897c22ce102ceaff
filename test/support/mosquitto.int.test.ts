import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mosquittoAvailable, mosquittoBinary, startMosquitto, type Broker } from './mosquitto.js';

const clients: MqttClient[] = [];
async function connect(url: string, opts: mqtt.IClientOptions = {}): Promise<MqttClient> {
  const client = await mqtt.connectAsync(url, { reconnectPeriod: 0, connectTimeout: 5_000, ...opts });
  clients.push(client);
  return client;
}

function collect(client: MqttClient): { topic: string; payload: string; qos: number }[] {
  const got: { topic: string; payload: string; qos: number }[] = [];
  client.on('message', (topic, payload, packet) => got.push({ topic, payload: payload.toString(), qos: packet.qos }));
  return got;
}

/** Connects with the message handler in place before CONNACK (queued messages follow it at once). */
async function connectWithAck(
  url: string,
  opts: mqtt.IClientOptions,
): Promise<{ client: MqttClient; sessionPresent: boolean; got: ReturnType<typeof collect> }> {
  const client = mqtt.connect(url, { reconnectPeriod: 0, connectTimeout: 5_000, ...opts });
  clients.push(client);
  const got = collect(client);
  const sessionPresent = await new Promise<boolean>((resolve, reject) => {
    client.once('connect', (connack) => resolve(connack.sessionPresent));
    client.once('error', reject);
  });
  return { client, sessionPresent, got };
}

async function until(cond: () => boolean, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('mosquitto harness', () => {
  let broker: Broker;

  beforeAll(async () => {
    if (!mosquittoAvailable()) {
      throw new Error(
        `mosquitto not found at ${mosquittoBinary()}: these tests need a real broker — apt-get install mosquitto ` +
          '(or point LINESIGHT_MOSQUITTO at the binary)',
      );
    }
    broker = await startMosquitto();
  });

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.endAsync(true).catch(() => undefined)));
  });

  afterAll(async () => {
    await broker?.stop();
  });

  it('listens on 127.0.0.1 and round-trips a publish', async () => {
    expect(broker.url).toBe(`mqtt://127.0.0.1:${broker.port}`);
    const sub = await connect(broker.url);
    const got = collect(sub);
    await sub.subscribeAsync('linesight/harness/ping', { qos: 1 });
    const pub = await connect(broker.url);
    await pub.publishAsync('linesight/harness/ping', 'hello', { qos: 1 });
    await until(() => got.length === 1);
    expect(got).toEqual([{ topic: 'linesight/harness/ping', payload: 'hello', qos: 1 }]);
  });

  it('keeps a persistent session and its queued QoS 1 messages across a restart', async () => {
    const topic = 'linesight/harness/durable';
    const durable = { clientId: 'linesight-harness-durable', clean: false, protocolVersion: 4 as const };

    const first = await connect(broker.url, durable);
    await first.subscribeAsync(topic, { qos: 1 });
    await first.endAsync();

    const pub = await connect(broker.url);
    for (let i = 0; i < 5; i++) await pub.publishAsync(topic, `m${i}`, { qos: 1 });
    await pub.endAsync();

    await broker.restart();

    const { got, sessionPresent } = await connectWithAck(broker.url, durable);
    await until(() => got.length >= 5);
    expect(sessionPresent).toBe(true);
    expect(got.map((m) => m.payload)).toEqual(['m0', 'm1', 'm2', 'm3', 'm4']);
    expect(got.every((m) => m.topic === topic && m.qos === 1)).toBe(true);
  });

  it('honours max_queued_messages, restarts on the same port, and forgets sessions without persistence', async () => {
    const volatile = await startMosquitto({ persistence: false, maxQueuedMessages: 2, maxInflightMessages: 1 });
    try {
      const topic = 'linesight/harness/volatile';
      const durable = { clientId: 'linesight-harness-volatile', clean: false, protocolVersion: 4 as const };
      const c = await connect(volatile.url, durable);
      await c.subscribeAsync(topic, { qos: 1 });
      await c.endAsync();

      const pub = await connect(volatile.url);
      for (let i = 0; i < 5; i++) await pub.publishAsync(topic, `m${i}`, { qos: 1 });
      await pub.endAsync();

      const back = await connectWithAck(volatile.url, durable);
      expect(back.sessionPresent).toBe(true);
      await new Promise((r) => setTimeout(r, 500));
      // While the client is offline nothing is in flight: exactly max_queued_messages are kept,
      // the oldest ones; later messages are dropped (whatever max_inflight_messages is).
      expect(back.got.map((m) => m.payload)).toEqual(['m0', 'm1']);
      await back.client.endAsync();

      const port = volatile.port;
      await volatile.restart();
      expect(volatile.port).toBe(port);
      const after = await connectWithAck(volatile.url, durable);
      expect(after.sessionPresent).toBe(false);
    } finally {
      await volatile.stop();
    }
  });
});
