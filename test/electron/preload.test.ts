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
type Bridge = { call(kind: string, name: string, args: unknown): Promise<unknown>; onFrame(cb: (f: unknown) => void): () => void; secrets: Secrets };

/** Every value of the bridge, nested objects opened: all must be our own functions. */
const leaves = (o: object): unknown[] => Object.values(o as Record<string, unknown>).flatMap((v) => (typeof v === 'object' && v !== null ? leaves(v) : [v]));

describe('preload', () => {
  const calls = electron.contextBridge.exposeInMainWorld.mock.calls as unknown as [string, Bridge][];

  it('exposes exactly window.linesight with call, onFrame and the four secrets functions', () => {
    expect(calls).toHaveLength(1);
    const [key, api] = calls[0]!;
    expect(key).toBe('linesight');
    expect(Object.keys(api).sort()).toEqual(['call', 'onFrame', 'secrets']);
    expect(Object.keys(api.secrets).sort()).toEqual(['forget', 'get', 'remember', 'status']);
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

  it('call invokes linesight:call', async () => {
    const api = calls[0]![1];
    expect(await api.call('query', 'session.status', undefined)).toEqual({ ok: true, result: 'r' });
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledWith('linesight:call', 'query', 'session.status', null);
  });

  it('onFrame hands over the frame, never the IPC event, and unsubscribes', () => {
    const api = calls[0]![1];
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
    expect(exposed.map(([k, v]) => [k, Object.keys(v).sort()])).toEqual([['linesight', ['call', 'onFrame', 'secrets']]]);
    const secrets = (exposed[0]![1] as { secrets: object }).secrets;
    expect(Object.keys(secrets).sort()).toEqual(['forget', 'get', 'remember', 'status']);
  });
});
