import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { byKind, combine, type HandlerGroup } from '../../../engine/api/registry.js';
import { createLocalApi } from '../../../engine/api/local-api.js';
import { API_CALLS, type CallKind } from '../../../engine/contract/index.js';
import { remoteCalls } from '../../../renderer/api/remote-calls.js';

const electron = vi.hoisted(() => ({ ipcMain: { handle: vi.fn(), removeHandler: vi.fn() } }));
vi.mock('electron', () => electron);
const { createCallHandler } = await import('../../../electron/ipc.js');

const names = (kind: CallKind) => Object.entries(API_CALLS).filter(([, c]) => c.kind === kind).map(([name]) => name);
const COMMANDS = names('command');
const QUERIES = names('query');

/** A handler for each named call, answering with its own name. */
const group = (...calls: string[]): HandlerGroup => Object.fromEntries(calls.map((n) => [n, () => Promise.resolve(n)]));
const ALL = Object.keys(API_CALLS);

describe('API_CALLS', () => {
  it('names every call once, each a command or a query', () => {
    expect(ALL.length).toBe(COMMANDS.length + QUERIES.length);
    expect(COMMANDS).toContain('session.start');
    expect(QUERIES).toContain('lineage.forOrder');
    expect(new Set(ALL).size).toBe(ALL.length);
  });
});

describe('combine', () => {
  it('makes one registry of the domains’ groups, split by kind in API_CALLS order', async () => {
    const half = Math.floor(ALL.length / 2);
    const handlers = combine(group(...ALL.slice(0, half)), group(...ALL.slice(half)));
    const { commands, queries } = byKind(handlers);
    expect(Object.keys(commands)).toEqual(COMMANDS);
    expect(Object.keys(queries)).toEqual(QUERIES);
    await expect(commands['session.start']({ scenario: 'baseline' })).resolves.toBe('session.start');
    await expect(queries['sessions.list']()).resolves.toBe('sessions.list');
  });

  it('refuses two handlers for one call', () => {
    expect(() => combine(group(...ALL), group('session.start'))).toThrow('two handlers for the API call session.start');
  });

  it('refuses groups that leave a call without a handler', () => {
    const rest = ALL.filter((n) => n !== 'reports.reconcile' && n !== 'gaps.list');
    expect(() => combine(group(...rest))).toThrow(/no handler for gaps\.list, reports\.reconcile/);
  });

  it('refuses a handler for a call API_CALLS does not list', () => {
    expect(() => combine(group(...ALL), group('reports.nope'))).toThrow(/API_CALLS does not list: reports\.nope/);
  });
});

describe('the lists derived from API_CALLS', () => {
  const dir = mkdtempSync(join(tmpdir(), 'linesight-registry-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('the in-process host answers exactly the calls of API_CALLS', async () => {
    const api = createLocalApi({ journalPath: join(dir, 'journal.sqlite'), configDir: join(dir, 'config') });
    try {
      expect(Object.keys(api.commands)).toEqual(COMMANDS);
      expect(Object.keys(api.queries)).toEqual(QUERIES);
    } finally {
      await api.close();
    }
  });

  it('the renderer forwards every call with its kind and name', async () => {
    const request = vi.fn((kind: string, name: string) => Promise.resolve(`${kind} ${name}`));
    const { commands, queries } = remoteCalls(request);
    expect(Object.keys(commands)).toEqual(COMMANDS);
    expect(Object.keys(queries)).toEqual(QUERIES);
    const table = { ...commands, ...queries } as Record<string, (args?: unknown) => Promise<unknown>>;
    for (const [name, call] of Object.entries(API_CALLS)) {
      await expect(table[name]!({ x: 1 })).resolves.toBe(`${call.kind} ${name}`);
      expect(request).toHaveBeenLastCalledWith(call.kind, name, { x: 1 });
    }
  });

  it('Electron’s main process forwards every call of API_CALLS to the engine, and no other', async () => {
    const engine = { call: vi.fn((_kind: string, name: string) => Promise.resolve(name)) };
    const handle = createCallHandler(engine);
    const fromApp = { senderFrame: { url: 'app://linesight/index.html' } } as never;
    for (const [name, call] of Object.entries(API_CALLS)) {
      await expect(handle(fromApp, call.kind, name, null)).resolves.toEqual({ ok: true, result: name });
      expect(engine.call).toHaveBeenLastCalledWith(call.kind, name, undefined);
      const other = call.kind === 'command' ? 'query' : 'command';
      await expect(handle(fromApp, other, name, null)).resolves.toMatchObject({ ok: false, error: { code: 'unknown-name' } });
    }
    expect(engine.call).toHaveBeenCalledTimes(ALL.length);
  });
});
