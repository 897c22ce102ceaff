import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLocalApi, type LocalApi } from '../../../engine/index.js';
import { openJournal } from '../../../engine/journal/index.js';
import { fakeClock, waitFor } from '../session/fake-clock.js';

let dir: string;
let api: LocalApi;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'linesight-replay-'));
  api = createLocalApi({ journalPath: join(dir, 'journal.db'), clock: fakeClock() });
});
afterEach(async () => {
  await api.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Run a bundled scenario to its end at max speed; its session id. */
async function record(scenario: string, until: string): Promise<number> {
  const info = await api.commands['session.start']({ scenario, until, speed: 'max' });
  await api.commands['session.play']();
  await waitFor(async () => (await api.queries['session.status']()).status === 'finished', 60_000);
  return info.session!;
}
const finished = async () => (await api.queries['session.status']()).status === 'finished';
const gapKeys = async () => (await api.queries['gaps.list']()).map((g) => `${g.kind} ${g.order}`).sort();

describe('replaying a recorded session', () => {
  it('replays every event through a fresh monitor and ends with the same gaps, journaling nothing new', async () => {
    const id = await record('master-data-errors', '6h');
    const original = await gapKeys();
    const events = (await api.queries['session.status']()).events;
    expect(original.length).toBeGreaterThan(0);

    const info = await api.commands['session.replay']({ session: id, speed: 'max' });
    expect(info).toMatchObject({ status: 'paused', session: id, events: 0, replay: { of: id, events } });
    await api.commands['session.play']();
    await waitFor(finished, 60_000);
    expect((await api.queries['session.status']()).events).toBe(events);
    expect(await gapKeys()).toEqual(original);
    // the views still read the recorded session
    expect((await api.queries['events.page']({ limit: 1 })).session).toBe(id);
    const j = openJournal(join(dir, 'journal.db'), { readonly: true });
    try {
      expect(j.db.prepare('SELECT count(*) FROM sessions').pluck().get()).toBe(1);
    } finally {
      j.close();
    }
  }, 90_000);

  it('seeks forwards and backwards, landing on the state the session had then', async () => {
    const id = await record('duplicates-reordering', '8h');
    const start = await api.commands['session.replay']({ session: id, speed: 'max', });
    const { startMs, endMs } = start.scenario!;
    const mid = startMs + Math.floor((endMs - startMs) / 2);

    const atMid = await api.commands['session.seek']({ time: mid });
    expect(atMid.simTime).toBe(mid);
    expect(atMid.events).toBeGreaterThan(0);
    expect(atMid.events).toBeLessThan(start.replay!.events);
    const gapsAtMid = await gapKeys();

    await api.commands['session.seek']({ time: endMs });
    const end = await api.queries['session.status']();
    expect(end.status).toBe('finished');
    expect(end.events).toBe(start.replay!.events);

    // back again: the same state as the first time it was there
    const again = await api.commands['session.seek']({ time: mid });
    expect(again.events).toBe(atMid.events);
    expect(again.status).toBe('paused');
    expect(await gapKeys()).toEqual(gapsAtMid);

    const early = await api.commands['session.seek']({ time: startMs });
    expect(early.events).toBeLessThan(atMid.events);
    await expect(api.commands['session.seek']({ time: Number.NaN })).rejects.toThrow(/virtual instant/);
  }, 90_000);

  it('what-if: idempotency switched on removes every duplicate-posting gap of idempotency-off', async () => {
    const id = await record('idempotency-off', '8h');
    const before = (await api.queries['gaps.list']({ kind: 'duplicate-posting' })).length;
    expect(before).toBeGreaterThan(0);

    const info = await api.commands['session.replay']({ session: id, rules: { idempotency: { enabled: true } }, speed: 'max' });
    expect(info.session).not.toBe(id);
    await api.commands['session.play']();
    await waitFor(finished, 60_000);
    expect(await api.queries['gaps.list']({ kind: 'duplicate-posting' })).toEqual([]);
    // side by side: the closed gaps, and the orders whose lineage changed (their second postings are gone)
    const c = await api.queries['sessions.compare']({ a: id, b: info.session! });
    expect(c.gaps.onlyA.length).toBe(before);
    expect(c.gaps.onlyB).toEqual([]);
    expect(c.orders.inBoth).toBeGreaterThan(0);
    expect(c.orders.differing.length).toBeGreaterThan(0);
    expect(c.orders.differing.some((d) => (d.statuses.missing ?? 0) > 0)).toBe(true);
    // the session list shows the running what-if's counts as its monitor sees them now
    const listed = (await api.queries['sessions.list']()).find((s) => s.id === info.session)!;
    expect(listed).toMatchObject({ kind: 'replay', gaps: (await api.queries['gaps.list']()).length, exceptions: (await api.queries['exceptions.list']()).length });
    const sessions = openJournal(join(dir, 'journal.db'), { readonly: true });
    try {
      const row = sessions.db.prepare('SELECT kind, meta FROM sessions WHERE id = ?').get(info.session) as { kind: string; meta: string };
      expect(row.kind).toBe('replay');
      expect(JSON.parse(row.meta)).toMatchObject({ replayOf: id, rules: { idempotency: { enabled: true } } });
    } finally {
      sessions.close();
    }
  }, 120_000);

  it('refuses what it cannot do, with the reason', async () => {
    await expect(api.commands['session.replay']({ session: 99 })).rejects.toThrow(/session 99 is not in this journal/);
    const id = await record('baseline', '1h');
    await expect(api.commands['session.replay']({ session: id, rules: { idempotency: { enabld: true } } })).rejects.toThrow(/enabld|idempotency/);
    await expect(api.commands['session.seek']({ time: 0 })).rejects.toThrow(/only a replay can seek/);
  }, 60_000);
});
