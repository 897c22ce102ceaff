import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileFunction } from 'node:vm';
import { describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => ({
  contextBridge: { exposeInMainWorld: vi.fn() },
  ipcRenderer: { invoke: vi.fn(() => Promise.resolve({ ok: true, result: 'r' })), on: vi.fn(), removeListener: vi.fn(), send: vi.fn() },
}));
vi.mock('electron', () => electron);

await import('../../electron/preload.js');

type Secrets = {
  status(): Promise<unknown>;
  get(name: unknown): Promise<unknown>;
  remember(name: unknown, password: unknown): Promise<unknown>;
  forget(name: unknown): Promise<unknown>;
};
type Bridge = {
  call(kind: string, name: string, args: unknown): Promise<unknown>;
  onFrame(cb: (f: unknown) => void): () => void;
  secrets: Secrets;
  pdf: { saveEvidence(session: unknown): Promise<unknown> };
  engine: { onState(cb: (s: unknown) => void): () => void; restart(): Promise<unknown> };
};

/** Every value of the bridge, nested objects opened: all must be our own functions. */
const leaves = (o: object): unknown[] => Object.values(o as Record<string, unknown>).flatMap((v) => (typeof v === 'object' && v !== null ? leaves(v) : [v]));

describe('preload', () => {
  const calls = electron.contextBridge.exposeInMainWorld.mock.calls as unknown as [string, Bridge][];

  it('exposes exactly window.linesight with call, onFrame, the four secrets functions, pdf.saveEvidence and engine.{onState,restart}', () => {
    expect(calls).toHaveLength(1);
    const [key, api] = calls[0]!;
    expect(key).toBe('linesight');
    expect(Object.keys(api).sort()).toEqual(['call', 'engine', 'notify', 'onFrame', 'onNotificationClick', 'pdf', 'secrets', 'setBadgeCount']);
    expect(Object.keys(api.secrets).sort()).toEqual(['forget', 'get', 'remember', 'status']);
    expect(Object.keys(api.pdf)).toEqual(['saveEvidence']);
    expect(Object.keys(api.engine).sort()).toEqual(['onState', 'restart']);
    for (const value of leaves(api)) {
      expect(typeof value).toBe('function');
      expect(value).not.toBe(electron.ipcRenderer);
    }
    expect(leaves(api)).not.toContain(electron.ipcRenderer.invoke);
    expect(leaves(api)).not.toContain(electron.ipcRenderer.on);
  });

  it('the secrets functions invoke their own linesight:secrets:* channels, nothing else', async () => {
    const { secrets } = calls[0]![1];
    electron.ipcRenderer.invoke.mockClear();
    await secrets.status();
    await secrets.get('line9-edge');
    await secrets.remember('line9-edge', 'hunter2');
    await secrets.forget('line9-edge');
    expect(electron.ipcRenderer.invoke.mock.calls).toEqual([
      ['linesight:secrets:status'],
      ['linesight:secrets:get', 'line9-edge'],
      ['linesight:secrets:remember', 'line9-edge', 'hunter2'],
      ['linesight:secrets:forget', 'line9-edge'],
    ]);
  });

  it('pdf.saveEvidence invokes linesight:pdf:evidence with the session, null for the current one', async () => {
    const { pdf } = calls[0]![1];
    electron.ipcRenderer.invoke.mockClear();
    await pdf.saveEvidence(3);
    await pdf.saveEvidence(undefined);
    expect(electron.ipcRenderer.invoke.mock.calls).toEqual([
      ['linesight:pdf:evidence', 3],
      ['linesight:pdf:evidence', null],
    ]);
  });

  it('engine.restart invokes linesight:engine:restart', async () => {
    const { engine } = calls[0]![1];
    electron.ipcRenderer.invoke.mockClear();
    await engine.restart();
    expect(electron.ipcRenderer.invoke.mock.calls).toEqual([['linesight:engine:restart']]);
  });

  it('engine.onState hands over the state now, then each change (never the IPC event), and unsubscribes', async () => {
    const { engine } = calls[0]![1];
    electron.ipcRenderer.invoke.mockClear();
    electron.ipcRenderer.on.mockClear();
    electron.ipcRenderer.invoke.mockImplementationOnce(() => Promise.resolve({ state: 'running' } as never));
    const cb = vi.fn();
    const off = engine.onState(cb);
    expect(electron.ipcRenderer.invoke.mock.calls).toEqual([['linesight:engine:status']]);
    await vi.waitFor(() => expect(cb).toHaveBeenCalledWith({ state: 'running' }));
    const [channel, listener] = electron.ipcRenderer.on.mock.calls[0] as unknown as [string, (e: unknown, s: unknown) => void];
    expect(channel).toBe('linesight:engine');
    listener({ sender: electron.ipcRenderer }, { state: 'stopped', reason: 'crashed' });
    expect(cb.mock.calls).toEqual([[{ state: 'running' }], [{ state: 'stopped', reason: 'crashed' }]]);
    off();
    expect(electron.ipcRenderer.removeListener).toHaveBeenCalledWith('linesight:engine', listener);
    expect(() => engine.onState('x' as never)).toThrow(TypeError);
  });

  it('engine.onState drops the state now when a change arrived first (the change is newer)', async () => {
    const { engine } = calls[0]![1];
    electron.ipcRenderer.on.mockClear();
    let answer!: (s: unknown) => void;
    electron.ipcRenderer.invoke.mockImplementationOnce(() => new Promise((resolve) => (answer = resolve)) as never);
    const cb = vi.fn();
    engine.onState(cb);
    const [, listener] = electron.ipcRenderer.on.mock.calls[0] as unknown as [string, (e: unknown, s: unknown) => void];
    listener({}, { state: 'running' });
    answer({ state: 'stopped', reason: 'old news' });
    await Promise.resolve();
    await Promise.resolve();
    expect(cb.mock.calls).toEqual([[{ state: 'running' }]]);
  });

  it('call invokes linesight:call', async () => {
    const api = calls[0]![1];
    expect(await api.call('query', 'session.status', undefined)).toEqual({ ok: true, result: 'r' });
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledWith('linesight:call', 'query', 'session.status', null);
  });

  it('onFrame hands over the frame, never the IPC event, and unsubscribes', () => {
    const api = calls[0]![1];
    electron.ipcRenderer.on.mockClear();
    const cb = vi.fn();
    const off = api.onFrame(cb);
    const [channel, listener] = electron.ipcRenderer.on.mock.calls[0] as unknown as [string, (e: unknown, f: unknown) => void];
    expect(channel).toBe('linesight:frame');
    listener({ sender: electron.ipcRenderer }, { seq: 7 });
    expect(cb).toHaveBeenCalledWith({ seq: 7 });
    off();
    expect(electron.ipcRenderer.removeListener).toHaveBeenCalledWith('linesight:frame', listener);
    expect(() => api.onFrame('x' as never)).toThrow(TypeError);
  });
});

const bundle = join(import.meta.dirname, '..', '..', 'dist', 'electron', 'preload.cjs');

describe.runIf(existsSync(bundle))('dist/electron/preload.cjs', () => {
  it('is one CommonJS file that requires only electron and exposes window.linesight', () => {
    // (rebuild with `npx vite build -c vite.preload.config.ts` after changing the preload)
    const source = readFileSync(bundle, 'utf8');
    expect(source).not.toMatch(/^\s*(import|export)\s/m);
    const required: string[] = [];
    const exposed: [string, object][] = [];
    const fakeRequire = (id: string) => {
      required.push(id);
      return { contextBridge: { exposeInMainWorld: (k: string, v: object) => exposed.push([k, v]) }, ipcRenderer: {} };
    };
    // run it as Node runs a CommonJS file: one function of require, module and exports
    const load = compileFunction(source, ['require', 'module', 'exports']) as (require: typeof fakeRequire, module: object, exports: object) => void;
    load(fakeRequire, { exports: {} }, {});
    expect(required).toEqual(['electron']);
    expect(exposed.map(([k, v]) => [k, Object.keys(v).sort()])).toEqual([['linesight', ['call', 'engine', 'notify', 'onFrame', 'onNotificationClick', 'pdf', 'secrets', 'setBadgeCount']]]);
    expect(Object.keys((exposed[0]![1] as { engine: object }).engine).sort()).toEqual(['onState', 'restart']);
    const secrets = (exposed[0]![1] as { secrets: object }).secrets;
    expect(Object.keys(secrets).sort()).toEqual(['forget', 'get', 'remember', 'status']);
  });
});
