import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket, type RawData } from 'ws';
import { attachApiEndpoint } from '../../cli/serve/ws-endpoint.js';
import { dispatch, type EngineWorker } from '../../engine/index.js';
import { deepArrays, deepObjects, expectNoPollution, hugeString, invalidUtf8, params, poisonedJsonText, seedFor, truncations, typeSwaps } from './hostile.js';

// The serve host's /api endpoint on a loopback port, with an engine that checks calls the way the
// real worker does (`dispatch`) against a two-entry API: what is tested is the wire boundary.
const seed = seedFor('ws-requests');
const api = {
  commands: {
    'session.step': (args?: unknown) => Promise.resolve({ stepped: args ?? null }),
    // a result JSON cannot write (a handler's mistake): the reply must not take the host down
    'session.play': () => Promise.resolve({ n: 10n }),
  },
  queries: { 'session.status': () => Promise.resolve({ status: 'idle' }) },
};
const engine: EngineWorker = {
  call: (kind, name, args) => dispatch(api as never, kind, name, args),
  onFrame: () => () => {},
  close: async () => {},
};

let server: Server;
let endpoint: { close(): void };
let url: string;
let ws: WebSocket;

function connect(): Promise<WebSocket> {
  const socket = new WebSocket(url);
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
  });
}

type Reply = { id: unknown; ok: boolean; result?: unknown; error?: { code: string; message: string } };

/** Send one message and wait for the one reply (requests here are answered in order). */
function roundTrip(socket: WebSocket, data: string | Buffer, binary = false): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no reply within 5 s to ${String(data).slice(0, 80)}`)), 5_000);
    socket.once('message', (raw: RawData) => {
      clearTimeout(timer);
      resolve(JSON.parse((raw as Buffer).toString('utf8')) as Reply); // ws's default binaryType: a Buffer
    });
    socket.send(data, { binary });
  });
}

/** The connection still answers a valid request. */
async function expectUsable(socket: WebSocket): Promise<void> {
  expect(await roundTrip(socket, JSON.stringify({ id: 'ping', kind: 'query', name: 'session.status' }))).toEqual({ id: 'ping', ok: true, result: { status: 'idle' } });
}

beforeAll(async () => {
  server = createServer();
  endpoint = attachApiEndpoint(server, engine);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
  ws = await connect();
});
afterAll(async () => {
  ws.close();
  endpoint.close();
  await new Promise((resolve) => server.close(resolve));
});
afterEach(expectNoPollution);

const VALID = { id: 7, kind: 'command', name: 'session.step', args: { count: 1 } };
const CODES = new Set(['bad-request', 'unknown-name']);

describe('serve /api WebSocket: a bad request gets an error reply and the connection stays usable', () => {
  it('poisoned JSON, truncations, type swaps and noise are answered once each', async () => {
    const message = fc.oneof(poisonedJsonText, truncations(JSON.stringify(VALID)), typeSwaps(VALID).map((v) => JSON.stringify(v)), fc.string({ maxLength: 80 }));
    await fc.assert(
      fc.asyncProperty(message, async (text) => {
        const reply = await roundTrip(ws, text);
        if (!reply.ok) expect(CODES.has(reply.error!.code), reply.error!.code).toBe(true);
        await expectUsable(ws);
        expectNoPollution();
      }),
      { ...params(seed, 150), timeout: 10_000 },
    );
  });

  it.each([
    ['10,000 nested arrays', deepArrays()],
    ['10,000 nested objects', deepObjects()],
    ['10,000 nested args', `{"id":1,"kind":"command","name":"session.step","args":${deepObjects()}}`],
    ['a 10,000-level kind', `{"id":5,"kind":${deepObjects()},"name":"session.step"}`],
    ['a 10,000-level name', `{"id":6,"kind":"query","name":${deepArrays()}}`],
    ['a huge id', JSON.stringify({ id: hugeString(100_000), kind: 'query', name: 'session.status' })],
    ['a huge array', `[${'0,'.repeat(200_000)}0]`],
    ['__proto__ args', '{"id":2,"kind":"command","name":"session.step","args":{"__proto__":{"polluted":1}}}'],
    ['a __proto__ name', '{"id":3,"kind":"query","name":"__proto__"}'],
    ['a constructor name', '{"id":4,"kind":"query","name":"constructor"}'],
    ['a non-finite id', '{"id":1e400,"kind":"query","name":"session.status"}'],
  ])('%s', async (_name, text) => {
    const reply = await roundTrip(ws, text);
    if (!reply.ok) expect(CODES.has(reply.error!.code)).toBe(true);
    await expectUsable(ws);
  });

  // regression: args nested 10,000 levels were echoed into a reply that JSON.stringify could not
  // write; the RangeError escaped the reply callback as an unhandled rejection (ending `serve`)
  it('refuses args nested deeper than the API takes with bad-request', async () => {
    const reply = await roundTrip(ws, `{"id":9,"kind":"command","name":"session.step","args":${deepObjects()}}`);
    expect(reply).toMatchObject({ id: 9, ok: false, error: { code: 'bad-request' } });
    await expectUsable(ws);
  });

  it('a result that cannot be written as JSON is a failed reply, not an exception', async () => {
    expect(await roundTrip(ws, JSON.stringify({ id: 10, kind: 'command', name: 'session.play' }))).toMatchObject({ id: 10, ok: false, error: { code: 'failed' } });
    await expectUsable(ws);
  });

  it('binary messages get bad-request on the same connection', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.uint8Array({ maxLength: 100 }), invalidUtf8), async (bytes) => {
        expect(await roundTrip(ws, Buffer.from(bytes), true)).toMatchObject({ id: null, ok: false, error: { code: 'bad-request' } });
      }),
      { ...params(seed, 50), timeout: 10_000 },
    );
    await expectUsable(ws);
  });

  // RFC 6455 makes the server close a connection whose text frame is not UTF-8 (1007) or is larger
  // than it takes (1009): the server must close that one connection and keep serving the others
  it.each([
    ['invalid UTF-8 in a text frame', Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), 1007],
    ['an oversize message', Buffer.from(`"${hugeString(1024 * 1024 + 10)}"`), 1009],
  ])('%s closes only that connection', async (_name, data, code) => {
    const victim = await connect();
    const closed = new Promise<number>((resolve) => victim.once('close', (c: number) => resolve(c)));
    victim.send(data, { binary: false });
    expect(await closed).toBe(code);
    await expectUsable(ws);
  });
});
