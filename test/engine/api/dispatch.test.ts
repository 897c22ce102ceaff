import { describe, expect, it } from 'vitest';
import { DispatchError, dispatch, errorReply, parseRequest } from '../../../engine/api/dispatch.js';
import type { Commands, Queries } from '../../../engine/contract/index.js';

const seen: unknown[] = [];
const api = {
  commands: { 'session.play': (args: unknown) => (seen.push(args), Promise.resolve('played')) } as unknown as Commands,
  queries: { 'session.status': () => Promise.resolve('idle') } as unknown as Queries,
};

describe('dispatch by name', () => {
  it('calls own commands and queries with one object argument (none as undefined)', async () => {
    expect(await dispatch(api, 'command', 'session.play', { a: 1 })).toBe('played');
    expect(await dispatch(api, 'command', 'session.play', null)).toBe('played');
    expect(seen).toEqual([{ a: 1 }, undefined]);
    expect(await dispatch(api, 'query', 'session.status', undefined)).toBe('idle');
  });

  it('refuses unknown and inherited names, the wrong table, a bad kind and non-object args', async () => {
    for (const [kind, name] of [['command', 'nope'], ['query', 'toString'], ['query', '__proto__'], ['query', 'constructor'], ['query', 'session.play']] as const) {
      await expect(dispatch(api, kind, name, {})).rejects.toMatchObject({ code: 'unknown-name' });
    }
    await expect(dispatch(api, 'event', 'session.play', {})).rejects.toMatchObject({ code: 'bad-request' });
    await expect(dispatch(api, 'command', 42, {})).rejects.toMatchObject({ code: 'bad-request' });
    for (const args of ['x', 1, [1], true]) await expect(dispatch(api, 'command', 'session.play', args)).rejects.toBeInstanceOf(DispatchError);
  });

  it('parses text messages and turns failures into replies', () => {
    expect(parseRequest('{"id":7,"kind":"query","name":"session.status"}')).toMatchObject({ ok: true, id: 7, kind: 'query', name: 'session.status' });
    expect(parseRequest('nope')).toMatchObject({ ok: false, reply: { id: null, ok: false, error: { code: 'bad-request' } } });
    expect(parseRequest('"x"')).toMatchObject({ ok: false });
    expect(parseRequest('{"id":{}}')).toMatchObject({ ok: false });
    expect(errorReply('a', new Error('boom'))).toEqual({ id: 'a', ok: false, error: { code: 'failed', message: 'boom' } });
  });
});
