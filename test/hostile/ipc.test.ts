import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { expectNoPollution, params, POISON_KEYS, seedFor } from './hostile.js';

// electron/ipc.ts's call handler runs in Node with `electron` mocked: sender check, then
// dispatch's checks (kind, own name, one object). IPC uses structured clone, so args can carry what
// JSON cannot: NaN, ±Infinity, -0, bigint, dates, maps, null-prototype objects.
const electron = vi.hoisted(() => ({ ipcMain: { handle: vi.fn(), removeHandler: vi.fn() } }));
vi.mock('electron', () => electron);
const { createCallHandler, ForeignSenderError } = await import('../../electron/ipc.js');

const seed = seedFor('ipc');
const fromApp = { senderFrame: { url: 'app://linesight/index.html' } } as never;
const NAMES = ['session.status', 'session.step', 'session.setSpeed', 'events.page', 'operator.inject', ...POISON_KEYS, 'toString', 'valueOf', 'hasOwnProperty', '', 'nope'];
const key = fc.oneof(fc.constantFrom<string>(...POISON_KEYS, 'polluted', 'speed', 'count', 'from', 'to'), fc.string({ maxLength: 5 }));
const hostileValue = fc.anything({
  key,
  maxDepth: 3,
  withBigInt: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withTypedArray: true,
  withSparseArray: true,
  withBoxedValues: true,
  values: [fc.constantFrom(NaN, Infinity, -Infinity, -0, Number.MAX_VALUE, new Date('2026-02-30T25:61:00Z')), fc.double(), fc.string({ maxLength: 8 })],
});

function engine() {
  return { call: vi.fn((_kind: string, _name: string, args: unknown) => Promise.resolve({ got: args })) };
}

afterEach(expectNoPollution);

describe('Electron IPC (electron/ipc.ts): hostile calls from the app page are answered, never thrown', () => {
  it('any kind, name and args: an IpcReply, forwarding only checked calls', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.constantFrom<unknown>('command', 'query'), hostileValue), fc.oneof(fc.constantFrom<unknown>(...NAMES), hostileValue), hostileValue, async (kind, name, args) => {
        const e = engine();
        const reply = await createCallHandler(e)(fromApp, kind, name, args);
        if (reply.ok) {
          expect(e.call).toHaveBeenCalledTimes(1);
          const [k, n, a] = e.call.mock.calls[0]!;
          expect([k, n]).toEqual([kind, name]);
          // forwarded as given: an object, or nothing
          expect(a === undefined || (typeof a === 'object' && a !== null && !Array.isArray(a))).toBe(true);
        } else {
          expect(['bad-request', 'unknown-name']).toContain(reply.error.code);
          expect(e.call).not.toHaveBeenCalled();
        }
        expectNoPollution();
      }),
      params<[unknown, unknown, unknown]>(seed, 400, [
        ['command', 'session.setSpeed', { speed: NaN }],
        ['command', 'session.setSpeed', { speed: Infinity }],
        ['query', '__proto__', { polluted: 1 }],
        ['query', 'constructor', null],
      ]),
    );
  });

  // regression (seed 1661887592): dispatch quoted a bad kind with JSON.stringify, which throws on a
  // bigint or a cycle, so the reply was `failed` with a TypeError's words instead of bad-request
  it.each([[{ '': [{ '': 0n }] }], [10n], [(() => { const o: Record<string, unknown> = {}; o.self = o; return o; })()]])('refuses the kind %o with bad-request', async (kind) => {
    const e = engine();
    expect(await createCallHandler(e)(fromApp, kind, 'session.status', null)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await createCallHandler(e)(fromApp, 'query', kind, null)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(e.call).not.toHaveBeenCalled();
  });

  it('a sender other than the app page is refused before anything is checked', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.webUrl(), fc.string({ maxLength: 40 }), fc.constantFrom('app://linesight.evil/index.html', 'app://linesight@evil/', 'file:///index.html', 'about:blank')), hostileValue, async (url, args) => {
        const e = engine();
        await expect(createCallHandler(e)({ senderFrame: { url } } as never, 'query', 'session.status', args)).rejects.toBeInstanceOf(ForeignSenderError);
        expect(e.call).not.toHaveBeenCalled();
      }),
      params(seed, 150),
    );
  });

  it('an engine that throws synchronously or rejects with a non-Error still gets a reply', async () => {
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the point: an engine that rejects with something that is not an Error
    for (const fail of [() => { throw new Error('boom'); }, () => Promise.reject('text'), () => Promise.reject(undefined)]) {
      const reply = await createCallHandler({ call: fail })(fromApp, 'query', 'session.status', null);
      expect(reply).toMatchObject({ ok: false, error: { code: 'failed' } });
    }
  });
});
