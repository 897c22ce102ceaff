import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Frame, FrameListener } from '../../engine/contract/index.js';
import { startEngineHost, type EngineState } from '../../electron/engine-host.js';
import type { EngineProcess } from '../../electron/engine-process.js';

/** A fake engine process: answers calls with their name; the test makes it emit frames or die. */
function fakeProcess(name: string) {
  const frames = new Set<FrameListener>();
  const exits = new Set<(reason: string) => void>();
  const engine = {
    call: vi.fn((_kind: string, call: string, _args: unknown) => Promise.resolve(`${name}: ${call}`)),
    onFrame: (l: FrameListener) => (frames.add(l), () => void frames.delete(l)),
    onExit: (l: (reason: string) => void) => (exits.add(l), () => void exits.delete(l)),
    close: vi.fn(() => Promise.resolve()),
  } satisfies EngineProcess;
  return {
    engine,
    frame: (seq: number) => frames.forEach((l) => l({ seq } as unknown as Frame)),
    die: (reason: string) => exits.forEach((l) => l(reason)),
  };
}

/** A host whose `start` hands out the given processes in order (an Error: that start fails). */
async function host(...processes: (ReturnType<typeof fakeProcess> | Error)[]) {
  const queue = [...processes];
  const start = vi.fn(() => {
    const next = queue.shift()!;
    return next instanceof Error ? Promise.reject(next) : Promise.resolve(next.engine);
  });
  const prepare = vi.fn((e: EngineProcess) => e.call('command', 'session.start', { scenario: 'baseline' }).then(() => undefined));
  const states: EngineState[] = [];
  const h = await startEngineHost({ start, prepare });
  h.onState((s) => states.push(s));
  return { h, start, prepare, states };
}

describe('the engine across restarts', () => {
  // the host logs each stop; the tests say what they expect instead
  beforeEach(() => void vi.spyOn(console, 'error').mockImplementation(() => undefined));

  it('starts one process, prepares it and forwards calls to it', async () => {
    const one = fakeProcess('one');
    const { h, prepare } = await host(one);
    expect(prepare).toHaveBeenCalledWith(one.engine);
    expect(h.state()).toEqual({ state: 'running' });
    expect(await h.call('query', 'session.status', null)).toBe('one: session.status');
  });

  it('fails when the first process cannot start', async () => {
    await expect(host(new Error('the engine could not start: damaged (exit code 70)'))).rejects.toThrow('damaged');
  });

  it('a process that dies: stopped with the reason, calls refused; a restart brings a new one with the same frame listeners', async () => {
    const one = fakeProcess('one');
    const two = fakeProcess('two');
    const { h, start, prepare, states } = await host(one, two);
    const frames: unknown[] = [];
    h.onFrame((f) => frames.push(f));
    one.frame(1);

    one.die('its process ended unexpectedly (exit code 9)');
    expect(states).toEqual([{ state: 'stopped', reason: 'its process ended unexpectedly (exit code 9)' }]);
    await expect(h.call('query', 'session.status', null)).rejects.toThrow('the engine stopped: its process ended unexpectedly (exit code 9)');
    one.frame(2); // a dead process's last words are not passed on

    expect(await h.restart()).toEqual({ state: 'running' });
    expect(start).toHaveBeenCalledTimes(2);
    expect(prepare).toHaveBeenLastCalledWith(two.engine);
    expect(states.slice(1)).toEqual([{ state: 'starting' }, { state: 'running' }]);
    expect(await h.call('query', 'session.status', null)).toBe('two: session.status');
    two.frame(3);
    expect(frames).toEqual([{ seq: 1 }, { seq: 3 }]);
  });

  it('a restart that fails leaves it stopped with why; the next one may succeed', async () => {
    const one = fakeProcess('one');
    const three = fakeProcess('three');
    const { h, states } = await host(one, new Error('the engine could not start: disk full (exit code 70)'), three);
    one.die('crashed (exit code 11)');
    expect(await h.restart()).toEqual({ state: 'stopped', reason: 'the engine could not start: disk full (exit code 70)' });
    expect(states.at(-1)).toEqual({ state: 'stopped', reason: 'the engine could not start: disk full (exit code 70)' });
    expect(await h.restart()).toEqual({ state: 'running' });
  });

  it('a process that dies while it is prepared is stopped, not running', async () => {
    const one = fakeProcess('one');
    const two = fakeProcess('two');
    two.engine.call.mockImplementationOnce(() => {
      two.die('killed (exit code 9)');
      return Promise.reject(new Error('the engine stopped: killed (exit code 9)'));
    });
    const { h } = await host(one, two);
    one.die('crashed (exit code 11)');
    expect(await h.restart()).toEqual({ state: 'stopped', reason: 'killed (exit code 9)' });
  });

  it('leaves a running engine alone, and restarts asked twice start one process', async () => {
    const one = fakeProcess('one');
    const two = fakeProcess('two');
    const { h, start } = await host(one, two);
    expect(await h.restart()).toEqual({ state: 'running' });
    expect(start).toHaveBeenCalledTimes(1);
    one.die('crashed (exit code 11)');
    const [a, b] = [h.restart(), h.restart()];
    expect(h.state()).toEqual({ state: 'starting' });
    await expect(h.call('query', 'session.status', null)).rejects.toThrow('the engine is starting');
    expect(await a).toEqual({ state: 'running' });
    expect(await b).toEqual({ state: 'running' });
    expect(start).toHaveBeenCalledTimes(2);
  });

  it('close closes the running process; nothing restarts after', async () => {
    const one = fakeProcess('one');
    const { h, states } = await host(one);
    await h.close();
    expect(one.engine.close).toHaveBeenCalledTimes(1);
    await expect(h.restart()).rejects.toThrow('closed');
    await expect(h.call('query', 'session.status', null)).rejects.toThrow('closed');
    expect(states).toEqual([]);
  });
});
