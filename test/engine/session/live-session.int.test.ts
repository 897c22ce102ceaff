import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLocalApi, type Frame, type LocalApi, type LocalApiOptions } from '../../../engine/index.js';
import { fakeClock, waitFor, type FakeClock } from './fake-clock.js';

let dir: string;
let api: LocalApi | undefined;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'linesight-live-'));
});
afterEach(async () => {
  await api?.close();
  api = undefined;
  rmSync(dir, { recursive: true, force: true });
});

function host(clock: FakeClock, extra: Partial<LocalApiOptions> = {}) {
  api = createLocalApi({ journalPath: join(dir, 'journal.db'), clock, ...extra });
  const frames: { frame: Frame; at: number }[] = [];
  api.onFrame((frame) => frames.push({ frame, at: clock.peek() }));
  return { api, frames };
}

describe('live session', () => {
  it('sends at most 10 frames per second of wall time even at max speed, then one final frame', async () => {
    // every clock read costs 5 ms, so a run of many small slices spans many wall seconds
    const clock = fakeClock({ msPerRead: 5 });
    const { api, frames } = host(clock, { batchSize: 2, batchesPerSlice: 1 });
    await api.commands['session.start']({ scenario: 'baseline', until: '2h', speed: 'max' });
    await api.commands['session.play']();
    await waitFor(() => frames.at(-1)?.frame.final === true);

    const final = frames.at(-1)!.frame;
    expect(final.status).toBe('finished');
    expect(frames.filter((f) => f.frame.final)).toHaveLength(1);
    const live = frames.slice(0, -1);
    expect(live.length).toBeGreaterThan(5);
    for (let i = 1; i < live.length; i++) expect(live[i]!.at - live[i - 1]!.at).toBeGreaterThanOrEqual(100);
    const wallSeconds = (frames.at(-1)!.at - frames[0]!.at) / 1000;
    expect(live.length).toBeLessThanOrEqual(Math.floor(wallSeconds * 10) + 1);
    // coalesced: far fewer frames than events, frame numbers increase, tails stay bounded
    expect(live.length).toBeLessThan(final.events / 2);
    expect(frames.map((f) => f.frame.seq)).toEqual(frames.map((_, i) => i + 1));
    for (const { frame } of frames) expect(frame.tail.length).toBeLessThanOrEqual(50);
    expect(final.tail).toHaveLength(50);
  });

  it('paces virtual time by speed, and pause stops it advancing', async () => {
    const clock = fakeClock();
    const { api } = host(clock);
    const started = await api.commands['session.start']({ scenario: 'baseline', speed: 1000 });
    const startMs = started.scenario!.startMs;
    expect(started).toMatchObject({ status: 'paused', simTime: startMs, events: 0 });

    const playedAt = clock.peek();
    await api.commands['session.play']();
    await waitFor(async () => (await api.queries['session.status']()).simTime! > startMs + 30 * 60_000);
    const pauseCalledAt = clock.peek();
    const paused = await api.commands['session.pause']();
    const pausedAt = clock.peek();
    expect(paused.status).toBe('paused');
    // one virtual second per wall millisecond
    expect(paused.simTime! - startMs).toBeGreaterThanOrEqual(1000 * (pauseCalledAt - playedAt));
    expect(paused.simTime! - startMs).toBeLessThanOrEqual(1000 * (pausedAt - playedAt));
    expect(paused.events).toBeGreaterThan(0);

    // an hour of wall time later, nothing has moved
    clock.advance(3_600_000);
    await new Promise((r) => setTimeout(r, 50));
    const later = await api.queries['session.status']();
    expect(later).toEqual(paused);
    const page = await api.queries['events.page']({ limit: 10_000 });
    expect(page.events).toHaveLength(paused.events);
    // every journaled event is due by the paused clock
    for (const e of page.events) expect(Date.parse(e.event.time)).toBeLessThanOrEqual(paused.simTime!);

    // play resumes from where it stopped, without a jump
    const resumedAt = clock.peek();
    await api.commands['session.play']();
    await waitFor(async () => (await api.queries['session.status']()).simTime! > paused.simTime!);
    const resumed = await api.commands['session.pause']();
    expect(resumed.simTime! - paused.simTime!).toBeLessThanOrEqual(1000 * (clock.peek() - resumedAt));
  });

  it('step releases exactly N events while paused', async () => {
    const clock = fakeClock();
    const { api } = host(clock);
    await api.commands['session.start']({ scenario: 'baseline' });
    const a = await api.commands['session.step']({ events: 5 });
    expect(a).toMatchObject({ status: 'paused', events: 5 });
    const b = await api.commands['session.step']({ events: 3 });
    expect(b.events).toBe(8);
    const c = await api.commands['session.step']();
    expect(c.events).toBe(9);

    const page = await api.queries['events.page']({ limit: 100 });
    expect(page.events).toHaveLength(9);
    // the clock stands at the last released event
    expect(c.simTime).toBe(Math.max(...page.events.map((e) => Date.parse(e.event.time))));
    await expect(api.commands['session.step']({ events: 0 })).rejects.toThrow(/positive whole number/);
  });

  it('setSpeed changes the pace without a jump in virtual time', async () => {
    const clock = fakeClock();
    const { api } = host(clock);
    const { scenario } = await api.commands['session.start']({ scenario: 'baseline', speed: 100 });
    await api.commands['session.play']();
    await waitFor(async () => (await api.queries['session.status']()).simTime! > scenario!.startMs + 60_000);
    const before = await api.commands['session.setSpeed']({ speed: 10_000 });
    expect(before.speed).toBe(10_000);
    const t0 = clock.peek();
    await waitFor(async () => (await api.queries['session.status']()).simTime! > before.simTime! + 600_000);
    const after = await api.commands['session.pause']();
    expect(after.simTime! - before.simTime!).toBeLessThanOrEqual(10_000 * (clock.peek() - t0 + 1));
    await expect(api.commands['session.setSpeed']({ speed: -1 })).rejects.toThrow(/speed/);
  });
});
