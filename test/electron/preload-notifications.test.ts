import { describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => ({
  contextBridge: { exposeInMainWorld: vi.fn() },
  ipcRenderer: { invoke: vi.fn(() => Promise.resolve({ shown: true })), on: vi.fn(), removeListener: vi.fn(), send: vi.fn() },
}));
vi.mock('electron', () => electron);

await import('../../electron/preload.js');

type Bridge = {
  notify(n: unknown): Promise<unknown>;
  setBadgeCount(count: unknown): Promise<unknown>;
  onNotificationClick(cb: (href: unknown) => void): () => void;
};
const bridge = () => (electron.contextBridge.exposeInMainWorld.mock.calls as unknown as [string, Bridge][])[0]![1];

describe('preload: alerts as OS notifications', () => {
  it('notify and setBadgeCount invoke their own linesight:notify* channels, nothing else', async () => {
    electron.ipcRenderer.invoke.mockClear();
    const n = { kind: 'gap', title: 'Sync gap', body: '', href: '#/gaps' };
    await bridge().notify(n);
    await bridge().setBadgeCount(3);
    expect(electron.ipcRenderer.invoke.mock.calls).toEqual([
      ['linesight:notify', n],
      ['linesight:notify:badge', 3],
    ]);
  });

  it('onNotificationClick hands over the href, never the IPC event, and unsubscribes', () => {
    electron.ipcRenderer.on.mockClear();
    const cb = vi.fn();
    const off = bridge().onNotificationClick(cb);
    const [channel, listener] = electron.ipcRenderer.on.mock.calls[0] as unknown as [string, (e: unknown, href: unknown) => void];
    expect(channel).toBe('linesight:notify:click');
    listener({ sender: electron.ipcRenderer }, '#/lineage/4711');
    expect(cb.mock.calls).toEqual([['#/lineage/4711']]);
    off();
    expect(electron.ipcRenderer.removeListener).toHaveBeenCalledWith('linesight:notify:click', listener);
    expect(() => bridge().onNotificationClick('x' as never)).toThrow(TypeError);
  });
});
