import { describe, expect, it } from 'vitest';
import { createMonitor } from '../../../monitor/index.js';
import { DEFAULT_GRACE_MS, type AnyEvent } from '../../../model/index.js';
import type { Frame } from '../../../engine/index.js';
import type { FrameGate } from '../../../engine/session/frame-gate.js';
import { openSession, type Cannot, type SessionSource } from '../../../engine/session/kernel.js';
import { fakeClock, waitFor } from './fake-clock.js';

/** Frames as the gate is given them, built at once (no rate cap): what a session says, in order. */
function recordingGate() {
  const frames: Frame[] = [];
  let seq = 0;
  const gate: FrameGate = {
    dirty: (build) => frames.push(build(++seq)),
    final: (build) => frames.push(build(++seq)),
    cancel: () => undefined,
  };
  return { gate, frames };
}

/**
 * The smallest kind of session: `n` events one virtual second apart from t = 0, released when the
 * kernel asks. Counts what the kernel asked of it.
 */
function countingSource(n: number, cannot: Cannot = {}) {
  const monitor = createMonitor({ gracePeriods: DEFAULT_GRACE_MS });
  let released = 0;
  let simTime = 0;
  const calls = { advance: 0, step: 0, close: 0, record: 0 };
  const source: SessionSource = {
    id: 7,
    pacing: 'paced',
    cannot,
    monitor: () => monitor,
    simTime: () => simTime,
    events: () => released,
    tail: () => [] as AnyEvent[],
    describe: () => ({ scenario: null, watching: null }),
    advance(until) {
      calls.advance++;
      while (released < n && released * 1000 <= until) released++;
      simTime = Math.min(until, n * 1000);
      return false;
    },
    done: () => released >= n,
    settle: () => undefined,
    step(events) {
      calls.step++;
      released = Math.min(n, released + events);
    },
    close() {
      calls.close++;
      return null;
    },
    record() {
      calls.record++;
    },
  };
  return { source, calls, released: () => released };
}

describe('the session kernel', () => {
  it('plays a paced source against wall time, sends a frame on play and on a change of speed, and a final one at its end', async () => {
    const clock = fakeClock();
    const { gate, frames } = recordingGate();
    const { source } = countingSource(100);
    const session = await openSession({ clock, frames: gate, speed: 10 }, () => source);
    expect(frames.at(-1)).toMatchObject({ status: 'paused', session: 7, events: 0 });
    const before = frames.length;
    await session.play();
    expect(frames.length).toBeGreaterThan(before);
    expect(frames.at(-1)!.status).toBe('running');
    const beforeSpeed = frames.length;
    await session.setSpeed('max');
    expect(frames.length).toBeGreaterThan(beforeSpeed);
    expect(frames.at(-1)!.speed).toBe('max');
    await waitFor(() => session.info().status === 'finished', 5_000);
    expect(frames.at(-1)).toMatchObject({ status: 'finished', final: true, events: 100 });
  });

  it('refuses what the source declared it cannot do, with its reason, without calling it', async () => {
    const clock = fakeClock();
    const { gate } = recordingGate();
    const { source, calls } = countingSource(10, { step: 'forward only', seek: 'no seeking here', act: 'nothing to act on', connections: 'no connections' });
    const session = await openSession({ clock, frames: gate }, () => source);
    await expect(session.step(1)).rejects.toThrow('forward only');
    await expect(session.seek(5)).rejects.toThrow('no seeking here');
    await expect(session.act({ kind: 'discard', operator: 'x', reason: 'y', messageIds: [] } as never)).rejects.toThrow('nothing to act on');
    expect(() => session.mappingsOf('edge')).toThrow('no connections');
    await expect(session.forget('edge')).rejects.toThrow('no connections');
    expect(calls.step).toBe(0);
  });

  it('answers a reversal preview with the declared refusal', async () => {
    const { gate } = recordingGate();
    const { source } = countingSource(1, { reverse: 'a replay shows what happened' });
    const session = await openSession({ clock: fakeClock(), frames: gate }, () => source);
    expect(session.previewReversal('K1')).toEqual({ ok: false, refused: 'a replay shows what happened' });
  });

  it('steps only while paused, and finishes when a step reaches the end', async () => {
    const { gate, frames } = recordingGate();
    const { source, released } = countingSource(3);
    const session = await openSession({ clock: fakeClock(), frames: gate }, () => source);
    await expect(session.step(0)).rejects.toThrow(/positive whole number/);
    await session.step(2);
    expect(released()).toBe(2);
    expect(session.info().status).toBe('paused');
    await session.step(5);
    expect(session.info().status).toBe('finished');
    expect(frames.at(-1)!.final).toBe(true);
  });

  it('refuses a bad pace before the source is opened, so nothing is left behind', async () => {
    const { gate } = recordingGate();
    let opened = false;
    await expect(
      openSession({ clock: fakeClock(), frames: gate, speed: -1 }, () => {
        opened = true;
        return countingSource(1).source;
      }),
    ).rejects.toThrow(/speed must be a positive number/);
    expect(opened).toBe(false);
  });

  it('stops once: closes the source and records its end, and a halt ends it with a final frame saying why', async () => {
    const { gate, frames } = recordingGate();
    const first = countingSource(5);
    const session = await openSession({ clock: fakeClock(), frames: gate }, () => first.source);
    await Promise.all([session.stop(), session.stop()]);
    expect(first.calls).toMatchObject({ close: 1, record: 1 });

    const second = countingSource(5);
    let halt: ((err: Error) => void) | undefined;
    const halted = await openSession({ clock: fakeClock(), frames: gate }, (host) => {
      halt = (err) => host.halt(err);
      return second.source;
    });
    halt!(new Error('the journal refused writes for 5 min'));
    await waitFor(() => halted.info().status === 'finished', 5_000);
    expect(halted.info().error).toBe('the journal refused writes for 5 min');
    expect(frames.at(-1)).toMatchObject({ final: true, status: 'finished' });
    expect(second.calls).toMatchObject({ close: 1, record: 1 });
  });
});
