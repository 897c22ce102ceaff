import { describe, expect, it, vi } from 'vitest';
import type { LinesightBridge } from '../../../renderer/api/bridge.js';
import { engineBridgeOf, engineStateOf, reloadDue, restartEngine } from '../../../renderer/api/engine-bridge.js';

/** The preload's bridge (`ipcBridge()`), with `engine` as given. */
const shell = (engine: unknown) => ({ call: vi.fn(), onFrame: vi.fn(), engine }) as unknown as LinesightBridge;

describe('the desktop app’s engine bridge', () => {
  it('is there only in the desktop shell with a preload that has engine.onState and engine.restart', () => {
    const engine = { onState: vi.fn(), restart: vi.fn() };
    expect(engineBridgeOf(shell(engine))).toBe(engine);
    expect(engineBridgeOf(undefined)).toBeUndefined(); // the browser host: never a banner
    expect(engineBridgeOf(shell(undefined))).toBeUndefined(); // an older preload
    expect(engineBridgeOf(shell({ onState: vi.fn() }))).toBeUndefined();
    expect(engineBridgeOf(shell(null))).toBeUndefined();
  });

  it('reads the states the main process sends, and nothing else', () => {
    expect(engineStateOf({ state: 'running' })).toEqual({ state: 'running' });
    expect(engineStateOf({ state: 'starting', extra: 1 })).toEqual({ state: 'starting' });
    expect(engineStateOf({ state: 'stopped', reason: 'crashed (exit code 11)' })).toEqual({ state: 'stopped', reason: 'crashed (exit code 11)' });
    expect(engineStateOf({ state: 'stopped' })).toEqual({ state: 'stopped', reason: 'no reason given' });
    for (const bad of [null, 'running', {}, { state: 'gone' }]) expect(engineStateOf(bad)).toBeUndefined();
  });

  it('reloads the page when the engine runs again after it stopped, not for the first state seen', () => {
    const stopped = { state: 'stopped', reason: 'x' } as const;
    expect(reloadDue(undefined, { state: 'running' })).toBe(false);
    expect(reloadDue({ state: 'running' }, { state: 'running' })).toBe(false);
    expect(reloadDue({ state: 'running' }, stopped)).toBe(false);
    expect(reloadDue(stopped, { state: 'starting' })).toBe(false);
    expect(reloadDue({ state: 'starting' }, { state: 'running' })).toBe(true);
    expect(reloadDue(stopped, { state: 'running' })).toBe(true);
  });

  it('a restart answers the state after, or the main process’s words without Electron’s wrapping', async () => {
    expect(await restartEngine({ onState: vi.fn(), restart: () => Promise.resolve({ state: 'running' }) })).toEqual({ state: 'running' });
    await expect(restartEngine({ onState: vi.fn(), restart: () => Promise.resolve('?') })).rejects.toThrow(/no answer/);
    const refused = new Error("Error invoking remote method 'linesight:engine:restart': Error: the engine is closed");
    await expect(restartEngine({ onState: vi.fn(), restart: () => Promise.reject(refused) })).rejects.toThrow(/^the engine is closed$/);
  });
});
