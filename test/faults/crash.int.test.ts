import { readFileSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { sessionsCommand } from '../../cli/commands/sessions.js';
import { createLocalApi, type LocalApi } from '../../engine/index.js';
import { runCrashHarness, type HarnessReport } from './crash-harness.js';

/**
 * The engine under steady load — watching Mosquitto under QoS 1 load and injecting through its
 * outbox, or simulating a plant at full speed and publishing it through another — killed
 * with SIGKILL 20 times at points drawn from a fixed seed (the child runs from dist/: build first).
 * Hundreds of kills with random seeds: `npm run torture -- --kills N`.
 */
const SEED = 20260305;
const KILLS = 20;

let report: HarnessReport | undefined;
let api: LocalApi | undefined;
afterAll(async () => {
  await api?.close();
  if (report) rmSync(dirname(report.journalPath), { recursive: true, force: true });
});

async function finished(a: LocalApi): Promise<void> {
  const deadline = Date.now() + 20_000;
  while ((await a.queries['session.status']()).status !== 'finished') {
    if (Date.now() > deadline) throw new Error('the replay did not finish within 20 s');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe(`the engine killed with SIGKILL under simulated and QoS 1 load (${KILLS} kills, seed ${SEED})`, () => {
  it('after every kill: the journal is intact, every acknowledged message in it once, the dead session marked interrupted; after the drain: everything published journaled and both outboxes resent in order', async () => {
    report = await runCrashHarness({ kills: KILLS, seed: SEED, keep: true });
    expect(report.problems).toEqual([]);
    expect(report.kills).toHaveLength(KILLS);
    // both kinds of load were struck, mid-stream
    const running = report.kills.filter((k) => !k.duringStartup);
    expect(running.filter((k) => k.mode === 'simulate').length).toBeGreaterThanOrEqual(3);
    expect(running.filter((k) => k.mode === 'watch').length).toBeGreaterThanOrEqual(3);
    for (const k of report.kills) {
      expect(k.integrity === 'ok' || (k.integrity === 'no journal' && k.duringStartup)).toBe(true);
      expect(k.ackedMissing).toBe(0);
      expect(k.duplicates).toBe(0);
      expect(k.openNotInterrupted).toBe(0);
      // the session the child had started is marked interrupted as soon as the child is gone
      if (k.session !== null) expect(k.interrupted).toContain(k.session);
    }
    const f = report.final;
    expect(f.integrity).toBe('ok');
    expect(f.publishedMissing).toBe(0);
    expect(f.duplicates).toBe(0);
    expect(f.lastSessionEnded).toBe(true);
    // the kills did strike mid-stream: the broker sent again what had not been acknowledged
    expect(f.redelivered).toBeGreaterThan(0);
    expect(f.outbox.rows).toBeGreaterThan(0);
    expect(f.outbox.pending).toBe(0);
    // the simulations' publishing: what a killed one had not delivered, the next start sent first
    expect(f.simOutbox.rows).toBeGreaterThan(1000);
    expect(f.simOutbox.pending).toBe(0);
    expect(f.simOutbox.heardTotal).toBeGreaterThan(f.simOutbox.heardDistinct);
    expect(report.published).toBeGreaterThan(1000);
  }, 120_000);

  it('lists an interrupted session as such (CLI and API), and replays and reports it up to its last committed event', async () => {
    expect(report).toBeDefined();
    const journalPath = report!.journalPath;
    const out = new PassThrough();
    let text = '';
    out.on('data', (c: Buffer) => (text += c.toString()));
    expect(await sessionsCommand([journalPath], out)).toBe(0);
    const interrupted = report!.final.interrupted;
    expect(interrupted.length).toBeGreaterThan(0);
    expect(text).toMatch(/\binterrupted\b/);
    expect(text).toContain(`session ${interrupted[0]} was interrupted (its process died before ending it)`);

    api = createLocalApi({ journalPath });
    const list = await api.queries['sessions.list']();
    const withEvents = list.filter((s) => s.interrupted?.lastEvent && s.events > 0);
    expect(withEvents.length).toBeGreaterThan(0);
    expect(list.filter((s) => s.interrupted).map((s) => s.id).sort((a, b) => a - b)).toEqual([...interrupted].sort((a, b) => a - b));
    const target = withEvents[0]!;
    expect(target.endedAt).toBeNull();

    await api.commands['session.replay']({ session: target.id, speed: 'max' });
    await api.commands['session.play']();
    await finished(api);
    const info = await api.queries['session.status']();
    expect(info.error).toBeNull();
    expect(info.events).toBe(target.events);

    const exported = await api.commands['reports.reconcile']({ session: target.id, format: 'json' });
    const json = JSON.parse(readFileSync(exported.path, 'utf8')) as { session: { id: number; events: number; endedAt: string | null } };
    expect(json.session).toMatchObject({ id: target.id, events: target.events, endedAt: null });
  }, 60_000);
});
