import net from 'node:net';
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import { afterEach, describe, expect, it } from 'vitest';
import { EmbeddedBrokerError, startEmbeddedBroker, type EmbeddedBroker } from '../../../../engine/index.js';
import { waitFor } from '../../session/fake-clock.js';

/**
 * The embedded broker as a gateway and Linesight see it: real mqtt.js clients over TCP to aedes on
 * its worker thread. The worker is loaded from dist/: run `npm run build` first.
 */
const brokers: EmbeddedBroker[] = [];
const clients: MqttClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.endAsync(true)));
  await Promise.all(brokers.splice(0).map((b) => b.close()));
});

async function start(opts: Parameters<typeof startEmbeddedBroker>[0] = {}): Promise<EmbeddedBroker> {
  const b = await startEmbeddedBroker({ port: 0, ...opts });
  brokers.push(b);
  return b;
}
async function connect(b: EmbeddedBroker, opts: IClientOptions = {}): Promise<MqttClient> {
  // 3.1.1 (all aedes speaks) and no reconnect: a refusal must surface, not loop
  const c = await mqtt.connectAsync(b.url, { protocolVersion: 4, reconnectPeriod: 0, ...opts });
  clients.push(c);
  return c;
}
/** Listen before connecting: a session's queued messages arrive right after CONNACK. */
async function resume(b: EmbeddedBroker, clientId: string): Promise<{ client: MqttClient; got: string[] }> {
  const client = mqtt.connect(b.url, { protocolVersion: 4, reconnectPeriod: 0, clientId, clean: false });
  clients.push(client);
  const got = collect(client);
  await new Promise<void>((resolve, reject) => {
    client.once('connect', () => resolve());
    client.once('error', reject);
  });
  return { client, got };
}
function collect(c: MqttClient): string[] {
  const got: string[] = [];
  c.on('message', (topic, payload) => got.push(`${topic} ${payload.toString()}`));
  return got;
}
async function refusal(b: EmbeddedBroker, opts: IClientOptions): Promise<string> {
  try {
    const c = await connect(b, opts);
    return `accepted (${c.options.clientId})`;
  } catch (err) {
    return (err as Error).message;
  }
}

describe('the embedded broker', () => {
  it('carries a QoS 1 message from a gateway to a subscriber, off the main thread, and counts it', async () => {
    const b = await start();
    expect(b.url).toBe(`mqtt://127.0.0.1:${b.port}`);
    const sub = await connect(b, { clientId: 'watcher' });
    await sub.subscribeAsync('linesight/v1/#', { qos: 1 });
    const got = collect(sub);
    const gw = await connect(b, { clientId: 'gateway' });
    // resolves on the broker's PUBACK
    await gw.publishAsync('linesight/v1/US01/L2/mes/mes.order.completed', '{"id":"e1"}', { qos: 1 });
    await waitFor(() => got.length === 1);
    expect(got).toEqual(['linesight/v1/US01/L2/mes/mes.order.completed {"id":"e1"}']);
    const status = await b.status();
    expect(status).toMatchObject({ clients: 2, published: 1, dropped: 0, oversize: 0 });
    expect(status.since).toBeGreaterThan(0);
  });

  it('keeps QoS 1 messages for a persistent session while it is away, and retained messages for newcomers', async () => {
    const b = await start();
    const first = await connect(b, { clientId: 'watcher', clean: false });
    await first.subscribeAsync('plant/#', { qos: 1 });
    await first.endAsync();
    const gw = await connect(b);
    for (const n of [1, 2, 3]) await gw.publishAsync('plant/count', String(n), { qos: 1 });
    await gw.publishAsync('plant/state', 'running', { qos: 1, retain: true });

    const { got } = await resume(b, 'watcher');
    await waitFor(() => got.length === 4);
    expect(got).toEqual(['plant/count 1', 'plant/count 2', 'plant/count 3', 'plant/state running']);

    const late = await connect(b);
    const lateGot = collect(late);
    await late.subscribeAsync('plant/state', { qos: 1 });
    await waitFor(() => lateGot.length === 1);
    expect(lateGot).toEqual(['plant/state running']);
  });

  it('bounds what it queues for a session that is away: newer messages are dropped and counted', async () => {
    const b = await start({ maxQueuedMessages: 5 });
    const first = await connect(b, { clientId: 'slow', clean: false });
    await first.subscribeAsync('q/#', { qos: 1 });
    await first.endAsync();
    const gw = await connect(b);
    for (let n = 1; n <= 8; n++) await gw.publishAsync('q/n', String(n), { qos: 1 });
    expect((await b.status()).dropped).toBe(3);

    const { client: back, got } = await resume(b, 'slow');
    await waitFor(() => got.length === 5);
    await new Promise((r) => setTimeout(r, 200));
    expect(got).toEqual(['q/n 1', 'q/n 2', 'q/n 3', 'q/n 4', 'q/n 5']);
    // once delivered and acknowledged, the queue has room again
    await back.endAsync();
    await gw.publishAsync('q/n', '9', { qos: 1 });
    expect((await b.status()).dropped).toBe(3);
  });

  it('closes the connection of a client that sends a message above maxMessageBytes, and delivers none of it', async () => {
    const b = await start({ maxMessageBytes: 1024 });
    const sub = await connect(b);
    await sub.subscribeAsync('big/#', { qos: 1 });
    const got = collect(sub);
    const gw = await connect(b);
    await gw.publishAsync('big/ok', Buffer.alloc(1024, 65), { qos: 1 });
    const closed = new Promise<void>((resolve) => gw.once('close', () => resolve()));
    gw.publish('big/no', Buffer.alloc(300 * 1024, 66), { qos: 1 });
    await closed;
    await new Promise((r) => setTimeout(r, 200));
    expect(got.map((m) => m.split(' ')[0])).toEqual(['big/ok']);
    expect((await b.status()).oversize).toBe(1);
  });

  it('with a username and password, refuses a wrong or missing login and accepts the right one', async () => {
    const b = await start({ username: 'gateway', password: 'line-2-commissioning' });
    expect(await refusal(b, { username: 'gateway', password: 'wrong' })).toMatch(/bad username or password/i);
    expect(await refusal(b, { username: 'other', password: 'line-2-commissioning' })).toMatch(/bad username or password/i);
    expect(await refusal(b, {})).toMatch(/bad username or password/i);
    const ok = await connect(b, { username: 'gateway', password: 'line-2-commissioning' });
    expect(ok.connected).toBe(true);
  });

  it('refuses to bind beyond loopback without credentials, before opening anything', async () => {
    const err = await startEmbeddedBroker({ host: '0.0.0.0', port: 0 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EmbeddedBrokerError);
    expect((err as EmbeddedBrokerError).code).toBe('options');
    expect((err as Error).message).toMatch(/0\.0\.0\.0 needs a username and password/);
  });

  it('says so in one line when the port is in use or the address is not this machine', async () => {
    const b = await start();
    const inUse = await startEmbeddedBroker({ port: b.port }).catch((e: unknown) => e as EmbeddedBrokerError);
    expect(inUse).toMatchObject({ code: 'in-use', message: `port ${b.port} on 127.0.0.1 is in use; pick another` });
    // 192.0.2.0/24 is reserved for documentation: never an address of this machine
    const foreign = await startEmbeddedBroker({ host: '192.0.2.1', port: 0, username: 'u', password: 'p' }).catch((e: unknown) => e as EmbeddedBrokerError);
    expect(foreign).toMatchObject({ code: 'unavailable', message: '192.0.2.1 is not an address of this machine' });
  });

  it('close() disconnects clients and frees the port; a second close() is harmless', async () => {
    const b = await startEmbeddedBroker({ port: 0 });
    const c = await connect(b);
    const gone = new Promise<void>((resolve) => c.once('close', () => resolve()));
    await b.close();
    await gone;
    expect(await b.ended).toBeUndefined();
    await b.close();
    await expect(b.status()).rejects.toThrow(/closed/);
    const server = net.createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(b.port, '127.0.0.1', () => resolve());
    });
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
});
