import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLocalApi, loadScenario, runSimulation, type Frame, type LocalApi } from '../../../engine/index.js';
import { fakeClock, waitFor } from './fake-clock.js';

/**
 * Every line of the session is on the plant overview from its first frame: a simulation's from its
 * scenario, a watch's from the connections' `lines:` — before any of them has sent an event.
 */
let dir: string;
let api: LocalApi | undefined;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'linesight-lines-'));
});
afterEach(async () => {
  await api?.close();
  api = undefined;
  rmSync(dir, { recursive: true, force: true });
});

const keys = (f: Frame) => f.lines.map((l) => `${l.plant}/${l.line}`);

describe('lines of a session before they send anything', () => {
  it('the first frame of a baseline session holds every line of the scenario, idle since its start', async () => {
    const clock = fakeClock();
    api = createLocalApi({ journalPath: join(dir, 'journal.db'), clock });
    const frames: Frame[] = [];
    api.onFrame((f) => frames.push(f));
    const info = await api.commands['session.start']({ scenario: 'baseline' });
    const startMs = info.scenario!.startMs;
    await api.commands['session.step']({ events: 1 });
    await waitFor(() => frames.length > 0);

    const first = frames[0]!;
    expect(keys(first)).toEqual(['DE01/L1', 'DE01/L2']);
    // the line that has sent nothing yet: zero counters, idle since the session's start
    const l2 = first.lines.find((l) => l.line === 'L2')!;
    expect(l2).toMatchObject({ ordersReleased: 0, ordersCompleted: 0, queueDepth: 0, openGaps: 0, idleSince: startMs });
    // and a console that connects later gets them too
    expect(keys((await api.queries['session.frame']())!)).toEqual(['DE01/L1', 'DE01/L2']);
  });

  it('a run at full speed reports every line of the scenario, idle or not', async () => {
    // (a line that sends nothing is in the report too: the monitor test shows a declared line before any event)
    const scenario = loadScenario('baseline', { until: '1ms' });
    const result = await runSimulation(scenario, { journalPath: join(dir, 'run.db') });
    expect(result.snapshot.lines.map((l) => `${l.plant}/${l.line}`)).toEqual(scenario.lines.map((l) => `${l.plant}/${l.line}`));
    for (const l of result.snapshot.lines) if (l.idleSince !== null) expect(l.idleSince).toBeGreaterThanOrEqual(scenario.startMs);
  });

  it("a watch shows the lines its connections name, before any message, and refuses a malformed one", async () => {
    api = createLocalApi({ journalPath: join(dir, 'journal.db'), configDir: join(dir, 'config') });
    const frames: Frame[] = [];
    api.onFrame((f) => frames.push(f));
    const before = Date.now();
    // nothing listens on port 1: the watch starts and keeps trying to connect
    await api.commands['session.watch']({ brokers: [{ url: 'mqtt://127.0.0.1:1', name: 'edge', lines: ['US01/L2', 'US01/L1'] }] });
    await waitFor(() => frames.length > 0);
    const frame = frames.at(-1)!;
    expect(frame.events).toBe(0);
    expect(keys(frame)).toEqual(['US01/L1', 'US01/L2']);
    for (const l of frame.lines) {
      expect(l.idleSince).toBeGreaterThanOrEqual(before);
      expect(l.idleSince).toBeLessThanOrEqual(Date.now());
    }
    await expect(api.commands['session.watch']({ brokers: [{ url: 'mqtt://127.0.0.1:1', lines: ['US01'] }] })).rejects.toThrow(
      /brokers\[0\]\.lines\[0\].*PLANT\/LINE/,
    );
  });
});
