import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createLocalApi,
  loadScenario,
  runSimulation,
  type Frame,
  type LinesightApi,
  type LocalApi,
  type Speed,
  type StoredEvent,
} from '../../../engine/index.js';
import { openJournal, sessionDigest } from '../../../engine/journal/index.js';
import { fakeClock, waitFor } from '../session/fake-clock.js';

let dir: string;
let api: LocalApi | undefined;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'linesight-api-'));
});
afterEach(async () => {
  await api?.close();
  api = undefined;
  rmSync(dir, { recursive: true, force: true });
});

/** Run a scenario through the API to its final frame. */
async function runLive(scenario: string, until: string, speed: Speed): Promise<{ api: LinesightApi; final: Frame }> {
  api = createLocalApi({ journalPath: join(dir, 'live.db'), clock: fakeClock() });
  let final: Frame | undefined;
  api.onFrame((f) => {
    if (f.final) final = f;
  });
  await api.commands['session.start']({ scenario, until, speed });
  await api.commands['session.play']();
  await waitFor(() => final !== undefined);
  return { api, final: final! };
}

async function allEvents(api: LinesightApi, filter: { type?: string } = {}): Promise<StoredEvent[]> {
  const out: StoredEvent[] = [];
  let afterSeq: number | undefined;
  for (;;) {
    const page = await api.queries['events.page']({ limit: 37, ...filter, ...(afterSeq === undefined ? {} : { afterSeq }) });
    out.push(...page.events);
    if (page.nextAfterSeq === null) return out;
    afterSeq = page.nextAfterSeq;
  }
}

describe('local api', () => {
  it.each([
    ['baseline', 'max'],
    ['baseline', 1000],
    ['master-data-errors', 'max'],
    ['master-data-errors', 2000],
  ] as const)('the final frame of %s (speed %s) matches runSimulation for the same seed', async (id, speed) => {
    const reference = await runSimulation(loadScenario(id, { until: '2h' }), { journalPath: join(dir, 'ref.db') });
    const { final } = await runLive(id, '2h', speed);
    const snap = reference.snapshot;
    expect(final).toMatchObject({ status: 'finished', final: true, events: reference.events, simTime: reference.settledAtMs });
    expect(final.conservation).toEqual(snap.conservation);
    expect(final.gaps).toEqual(snap.gaps);
    expect(final.gapsClosed).toBe(snap.gapsClosed);
    expect(final.lines).toEqual(snap.lines);
    expect(final.controls).toEqual(snap.controls);
    expect(final.exceptions.total).toBe(snap.exceptions.length);
    if (id === 'master-data-errors') expect(final.gaps.length + final.exceptions.total).toBeGreaterThan(0);
    // same scenario + seed ⇒ the same journal content
    const ref = openJournal(join(dir, 'ref.db'), { readonly: true });
    const live = openJournal(join(dir, 'live.db'), { readonly: true });
    try {
      expect(sessionDigest(live.db, final.session!)).toBe(sessionDigest(ref.db, reference.session));
    } finally {
      ref.close();
      live.close();
    }
  });

  it('events.page pages through the session in journal order, with filters', async () => {
    const { api, final } = await runLive('baseline', '2h', 'max');
    const events = await allEvents(api);
    expect(events).toHaveLength(final.events);
    const seqs = events.map((e) => e.seq);
    for (let i = 1; i < seqs.length; i++) expect(seqs[i]!).toBeGreaterThan(seqs[i - 1]!);
    expect(new Set(events.map((e) => e.event.id)).size).toBe(events.length);

    const type = events[0]!.event.type;
    const ofType = await allEvents(api, { type });
    expect(ofType.length).toBeGreaterThan(0);
    expect(ofType.every((e) => e.event.type === type)).toBe(true);
    expect(ofType.map((e) => e.seq)).toEqual(events.filter((e) => e.event.type === type).map((e) => e.seq));
  });

  it("lineage.forOrder returns an order's events across systems with hop latencies", async () => {
    const { api } = await runLive('baseline', '2h', 'max');
    const events = await allEvents(api);
    const order = events.find((e) => e.event.subject !== undefined)!.event.subject!;
    const result = await api.queries['lineage.forOrder']({ order });
    expect(result.events.length).toBeGreaterThan(3);
    expect(result.events.every((e) => e.event.subject === order)).toBe(true);
    expect(result.events.map((e) => e.seq)).toEqual(events.filter((e) => e.event.subject === order).map((e) => e.seq));
    const { lineage } = result;
    expect(lineage.nodes).toHaveLength(result.events.length);
    const systems = new Set(lineage.nodes.map((n) => n.system));
    expect(systems.has('erp') && systems.has('mes')).toBe(true);
    const system = new Map(lineage.nodes.map((n) => [n.id, n.system]));
    const hops = lineage.edges.filter((e) => system.get(e.from) !== system.get(e.to));
    expect(hops.length).toBeGreaterThan(0);
    for (const e of lineage.edges) {
      const from = lineage.nodes.find((n) => n.id === e.from)!;
      const to = lineage.nodes.find((n) => n.id === e.to)!;
      expect(e.latencyMs).toBe(to.timeMs - from.timeMs);
    }
    expect(hops.some((e) => system.get(e.from) === 'mes' && system.get(e.to) === 'erp' && e.latencyMs > 0)).toBe(true);
  });

  it('answers status and scenarios while idle, and refuses session commands before a start', async () => {
    api = createLocalApi({ journalPath: join(dir, 'idle.db'), clock: fakeClock() });
    expect(await api.queries['session.status']()).toMatchObject({ status: 'idle', session: null, events: 0 });
    const list = await api.queries['scenarios.list']();
    expect(list.map((s) => s.id)).toContain('baseline');
    await expect(api.commands['session.play']()).rejects.toThrow(/session.start/);
    await expect(api.commands['session.start']({ scenario: 'no-such-scenario' })).rejects.toThrow(/bundled scenario id/);
  });

  it('a new session.start ends the running session and journals into a new one', async () => {
    const clock = fakeClock();
    api = createLocalApi({ journalPath: join(dir, 'two.db'), clock });
    const first = await api.commands['session.start']({ scenario: 'baseline', speed: 1000 });
    await api.commands['session.play']();
    await waitFor(async () => (await api!.queries['session.status']()).events > 0);
    const second = await api.commands['session.start']({ scenario: 'erp-outage', until: '1h' });
    expect(second).toMatchObject({ status: 'paused', events: 0, scenario: { id: 'erp-outage' } });
    expect(second.session).toBeGreaterThan(first.session!);
    const step = await api.commands['session.step']({ events: 2 });
    expect(step.events).toBe(2);
    expect((await api.queries['events.page']({ limit: 10 })).events).toHaveLength(2);
    const old = await api.queries['events.page']({ limit: 10_000, session: first.session! });
    expect(old.events.length).toBeGreaterThan(0);
    const j = openJournal(join(dir, 'two.db'), { readonly: true });
    try {
      const ended = j.db.prepare('SELECT ended_at FROM sessions WHERE id = ?').get(first.session!) as { ended_at: number | null };
      expect(ended.ended_at).not.toBeNull();
    } finally {
      j.close();
    }
  });
});
