import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => ({
  contextBridge: { exposeInMainWorld: vi.fn() },
  ipcRenderer: { invoke: vi.fn(async () => ({ ok: true, result: 'r' })), on: vi.fn(), removeListener: vi.fn(), send: vi.fn() },
}));
vi.mock('electron', () => electron);

await import('../../electron/preload.js');

type Bridge = { call(kind: string, name: string, args: unknown): Promise<unknown>; onFrame(cb: (f: unknown) => void): () => void };

describe('preload', () => {
  const calls = electron.contextBridge.exposeInMainWorld.mock.calls as unknown as [string, Bridge][];

  it('exposes exactly window.linesight with exactly call and onFrame', () => {
    expect(calls).toHaveLength(1);
    const [key, api] = calls[0]!;
    expect(key).toBe('linesight');
    expect(Object.keys(api).sort()).toEqual(['call', 'onFrame']);
    for (const value of Object.values(api)) {
      expect(typeof value).toBe('function');
      expect(value).not.toBe(electron.ipcRenderer);
    }
    expect(Object.values(api)).not.toContain(electron.ipcRenderer.invoke);
    expect(Object.values(api)).not.toContain(electron.ipcRenderer.on);
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
    const source = readFileSync(bundle, 'utf8');
    expect(source).not.toMatch(/^\s*(import|export)\s/m);
    const required: string[] = [];
    const exposed: [string, object][] = [];
    const fakeRequire = (id: string) => {
      required.push(id);
      return { contextBridge: { exposeInMainWorld: (k: string, v: object) => exposed.push([k, v]) }, ipcRenderer: {} };
    };
    new Function('require', 'module', 'exports', source)(fakeRequire, { exports: {} }, {});
    expect(required).toEqual(['electron']);
    expect(exposed.map(([k, v]) => [k, Object.keys(v).sort()])).toEqual([['linesight', ['call', 'onFrame']]]);
  });
});
