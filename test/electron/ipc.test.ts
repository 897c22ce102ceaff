import { describe, expect, it, vi } from 'vitest';
import type { Frame } from '../../engine/contract/index.js';

const electron = vi.hoisted(() => ({ ipcMain: { handle: vi.fn(), removeHandler: vi.fn() } }));
vi.mock('electron', () => electron);

const { CALL_CHANNEL, FRAME_CHANNEL, ForeignSenderError, attachEngineState, attachFrames, createCallHandler, registerEngineIpc, registerIpc } = await import('../../electron/ipc.js');

const fromApp = { senderFrame: { url: 'app://linesight/index.html' } } as never;
const from = (url: string) => ({ senderFrame: { url } }) as never;

function engine() {
  return { call: vi.fn((_kind: string, name: string, _args: unknown) => Promise.resolve({ answered: name })) };
}

describe('linesight:call', () => {
  it('channel names are prefixed linesight:', () => {
    expect(CALL_CHANNEL).toBe('linesight:call');
    expect(FRAME_CHANNEL).toBe('linesight:frame');
  });

  it('registers one invoke handler on linesight:call', () => {
    const off = registerIpc(engine());
    expect(electron.ipcMain.handle).toHaveBeenCalledWith('linesight:call', expect.any(Function));
    off();
    expect(electron.ipcMain.removeHandler).toHaveBeenCalledWith('linesight:call');
  });

  it.each(['https://evil.example/', 'file:///home/me/page.html', 'app://linesight.evil/index.html', 'about:blank', ''])(
    'rejects a call from the frame %j without reaching the engine',
    async (url) => {
      const e = engine();
      await expect(createCallHandler(e)(from(url), 'query', 'session.status', null)).rejects.toBeInstanceOf(ForeignSenderError);
      expect(e.call).not.toHaveBeenCalled();
    },
  );

  it('rejects a call whose frame is gone', async () => {
    const e = engine();
    await expect(createCallHandler(e)({ senderFrame: null }, 'query', 'session.status', null)).rejects.toThrow(/refused/);
    expect(e.call).not.toHaveBeenCalled();
  });

  it.each([
    ['query', 'nope'],
    ['command', 'session.status'],
    ['query', '__proto__'],
    ['query', 'toString'],
  ])('refuses the unknown %s %j', async (kind, name) => {
    const e = engine();
    const reply = await createCallHandler(e)(fromApp, kind, name, null);
    expect(reply).toMatchObject({ ok: false, error: { code: 'unknown-name' } });
    expect(e.call).not.toHaveBeenCalled();
  });

  it.each([[[1, 2]], ['text'], [42], [true]])('refuses non-object args %j', async (args) => {
    const e = engine();
    const reply = await createCallHandler(e)(fromApp, 'command', 'session.step', args);
    expect(reply).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(e.call).not.toHaveBeenCalled();
  });

  it('refuses a bad kind', async () => {
    const e = engine();
    expect(await createCallHandler(e)(fromApp, 'eval', 'session.status', null)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(e.call).not.toHaveBeenCalled();
  });

  it('forwards a valid call to the engine worker and answers its result', async () => {
    const e = engine();
    const handler = createCallHandler(e);
    expect(await handler(fromApp, 'command', 'session.step', { events: 3 })).toEqual({ ok: true, result: { answered: 'session.step' } });
    expect(e.call).toHaveBeenCalledWith('command', 'session.step', { events: 3 });
    expect(await handler(fromApp, 'query', 'session.status', null)).toEqual({ ok: true, result: { answered: 'session.status' } });
    expect(e.call).toHaveBeenLastCalledWith('query', 'session.status', undefined);
  });

  it("passes the engine's failure back as a reply", async () => {
    const e = { call: vi.fn(async () => Promise.reject(new Error('no such scenario'))) };
    expect(await createCallHandler(e)(fromApp, 'command', 'session.start', { scenario: 'x' })).toEqual({
      ok: false,
      error: { code: 'failed', message: 'no such scenario' },
    });
  });
});

describe('linesight:frame', () => {
  it('sends frames to the window only while it shows the app', () => {
    let push: ((f: Frame) => void) | undefined;
    const off = vi.fn();
    const eng = { onFrame: vi.fn((l: (f: Frame) => void) => ((push = l), off)) };
    let url = 'app://linesight/index.html';
    const contents = { isDestroyed: () => false, getURL: () => url, send: vi.fn(), once: vi.fn() };
    attachFrames(eng, contents as never);
    const frame = { seq: 1 } as Frame;
    push!(frame);
    expect(contents.send).toHaveBeenCalledWith('linesight:frame', frame);
    url = 'https://evil.example/';
    push!(frame);
    expect(contents.send).toHaveBeenCalledTimes(1);
    expect(contents.once).toHaveBeenCalledWith('destroyed', off);
  });
});

describe('linesight:engine', () => {
  /** the handler registered on `channel` by the last registerEngineIpc */
  const handler = (channel: string) =>
    (electron.ipcMain.handle.mock.calls as unknown as [string, (event: unknown) => unknown][]).filter(([c]) => c === channel).at(-1)![1];
  const host = () => ({
    state: vi.fn(() => ({ state: 'stopped' as const, reason: 'its process ended unexpectedly (exit code 9)' })),
    restart: vi.fn(() => Promise.resolve({ state: 'running' as const })),
  });

  it('answers the state and restarts the engine for the app, and for nothing else', async () => {
    const h = host();
    const off = registerEngineIpc(h);
    expect(handler('linesight:engine:status')(fromApp)).toEqual({ state: 'stopped', reason: 'its process ended unexpectedly (exit code 9)' });
    expect(await handler('linesight:engine:restart')(fromApp)).toEqual({ state: 'running' });
    expect(h.restart).toHaveBeenCalledTimes(1);
    for (const url of ['https://evil.example/', 'app://linesight.evil/index.html', '']) {
      expect(() => handler('linesight:engine:restart')(from(url))).toThrow(ForeignSenderError);
      expect(() => handler('linesight:engine:status')(from(url))).toThrow(ForeignSenderError);
    }
    expect(h.restart).toHaveBeenCalledTimes(1);
    off();
    expect(electron.ipcMain.removeHandler).toHaveBeenCalledWith('linesight:engine:status');
    expect(electron.ipcMain.removeHandler).toHaveBeenCalledWith('linesight:engine:restart');
  });

  it('pushes each change of state to the window while it shows the app', () => {
    let push: ((s: { state: 'running' } | { state: 'stopped'; reason: string }) => void) | undefined;
    const off = vi.fn();
    const eng = { onState: vi.fn((l: typeof push) => ((push = l), off)) };
    let url = 'app://linesight/index.html';
    const contents = { isDestroyed: () => false, getURL: () => url, send: vi.fn(), once: vi.fn() };
    attachEngineState(eng, contents as never);
    push!({ state: 'stopped', reason: 'crashed (exit code 11)' });
    expect(contents.send).toHaveBeenCalledWith('linesight:engine', { state: 'stopped', reason: 'crashed (exit code 11)' });
    url = 'https://evil.example/';
    push!({ state: 'running' });
    expect(contents.send).toHaveBeenCalledTimes(1);
    expect(contents.once).toHaveBeenCalledWith('destroyed', off);
  });
});
