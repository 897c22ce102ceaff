import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadScenario } from '../../../engine/index.js';
import { runSimulation } from '../../../engine/session/run-simulation.js';
import { createFrameGate } from '../../../engine/session/frame-gate.js';
import { startReplaySession } from '../../../engine/session/replay-session.js';
import { fakeClock } from './fake-clock.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'linesight-replay-session-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('replay session checkpoints', () => {
  it('a seek back resumes from the nearest checkpoint and lands on the same state as replaying from the start', async () => {
    const scenario = loadScenario('duplicates-reordering', { until: '12h' });
    const journalPath = join(dir, 'journal.db');
    const run = await runSimulation(scenario, { journalPath });
    const clock = fakeClock();
    const open = (checkpointEvery: number, checkpointBytes?: number) =>
      startReplaySession({
        journalPath,
        session: run.session,
        scenario: { id: scenario.id, name: scenario.name, seed: scenario.seed },
        gracePeriods: scenario.integration.gracePeriods,
        clock,
        frames: createFrameGate(clock, 100, () => undefined),
        checkpointEvery,
        ...(checkpointBytes === undefined ? {} : { checkpointBytes }),
        pageSize: 97,
      });
    const replay = await open(100);
    const { startMs, endMs } = replay.info().scenario!;
    const points = [0.9, 0.3, 0.7, 0.1, 0.5].map((f) => startMs + Math.floor((endMs - startMs) * f));
    await replay.seek(endMs); // passes every checkpoint
    for (const t of points) {
      await replay.seek(t);
      // a fresh replay that only ever went forwards, to the same instant
      const fresh = await open(1_000_000);
      await fresh.seek(t);
      expect(replay.info().events).toBe(fresh.info().events);
      expect(replay.gaps({})).toEqual(fresh.gaps({}));
      expect(replay.exceptions({})).toEqual(fresh.exceptions({}));
      expect(replay.reconciliation()).toEqual(fresh.reconciliation());
      await fresh.stop();
    }
    expect(replay.info().events).toBeGreaterThan(500);
    await replay.stop();
  }, 60_000);

  it('keeps its checkpoints within their memory budget by thinning them, and still lands right', async () => {
    const scenario = loadScenario('duplicates-reordering', { until: '12h' });
    const journalPath = join(dir, 'journal.db');
    const run = await runSimulation(scenario, { journalPath });
    const clock = fakeClock();
    const open = (checkpointBytes?: number) =>
      startReplaySession({
        journalPath,
        session: run.session,
        scenario: { id: scenario.id, name: scenario.name, seed: scenario.seed },
        gracePeriods: scenario.integration.gracePeriods,
        clock,
        frames: createFrameGate(clock, 100, () => undefined),
        checkpointEvery: 50,
        ...(checkpointBytes === undefined ? {} : { checkpointBytes }),
      });
    const roomy = await open();
    const tight = await open(250_000);
    const { startMs, endMs } = roomy.info().scenario!;
    for (const r of [roomy, tight]) await r.seek(endMs);
    expect(tight.checkpoints().bytes).toBeLessThanOrEqual(250_000);
    expect(roomy.checkpoints().bytes).toBeGreaterThan(250_000);
    expect(tight.checkpoints().every).toBeGreaterThan(50);
    expect(tight.checkpoints().count).toBeLessThan(roomy.checkpoints().count);
    const t = startMs + Math.floor((endMs - startMs) * 0.4);
    for (const r of [roomy, tight]) await r.seek(t);
    expect(tight.info().events).toBe(roomy.info().events);
    expect(tight.gaps({})).toEqual(roomy.gaps({}));
    await roomy.stop();
    await tight.stop();
  }, 60_000);
});
