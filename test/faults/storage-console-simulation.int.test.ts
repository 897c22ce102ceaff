import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLocalApi, loadScenario, runSimulation, type Frame, type JournalHealth, type LocalApi } from '../../engine/index.js';
import { openJournal } from '../../engine/journal/index.js';
import { journalBannerLines } from '../../renderer/components/journal/journal-banner-logic.js';
import { waitFor } from '../engine/session/fake-clock.js';
import { count, freeBallast, holdWriteLock, integrityOk, journalWithBallast } from './storage-support.js';

/**
 * A simulation session in the console (session.start over the API) whose journal refuses writes
 * mid-run: the run holds still instead of failing, the state is in `session.status` and every
 * frame (`journal.writes`) for the banner, operator actions are refused at once saying why, and
 * once the journal takes writes again the run finishes by itself with every event stored once —
 * the same digest as the same scenario and seed run on a roomy journal.
 */
let dir: string;
let journalPath: string;
let api: LocalApi | undefined;

const SCENARIO = { scenario: 'baseline', until: '1d', speed: 'max' } as const;
const draft = {
  type: 'mes.operation.confirmed',
  order: 'PO-STORAGE-SIM',
  businesskey: 'US01-L1-PO-STORAGE-SIM-0010-1',
  data: { order: 'PO-STORAGE-SIM', operation: '0010', workCenter: 'WC-L1', goodQty: 10, scrapQty: 0, uom: 'EA', final: false },
} as const;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'linesight-console-sim-'));
  journalPath = join(dir, 'linesight.db');
});
afterEach(async () => {
  await api?.close();
  api = undefined;
  rmSync(dir, { recursive: true, force: true });
});

const writesOf = async (): Promise<JournalHealth['writes']> => (await api!.queries['session.status']()).journal?.writes;
const digestOf = (path: string, session: number): string => {
  const j = openJournal(path);
  try {
    return j.db.prepare('SELECT digest FROM session_outcomes WHERE session = ?').pluck().get(session) as string;
  } finally {
    j.close();
  }
};

/** The same scenario and seed run through on a journal with room: what the console's session must end up holding. */
async function roomy(): Promise<{ events: number; digest: string }> {
  const path = join(dir, 'roomy.db');
  const r = await runSimulation(loadScenario(SCENARIO.scenario, { until: SCENARIO.until }), { journalPath: path });
  return { events: r.events, digest: digestOf(path, r.session) };
}

describe('a simulation session in the console while its journal refuses writes', () => {
  it('holds still on a full journal, shows it in status, frames and banner, refuses actions, and finishes once there is room', async () => {
    const maxPageCount = journalWithBallast(journalPath, 1600);
    api = createLocalApi({ journalPath, maxPageCount, configDir: join(dir, 'config'), operator: 'tester' });
    const frames: Frame[] = [];
    api.onFrame((f) => frames.push(f));
    const started = await api.commands['session.start'](SCENARIO);
    await api.commands['session.play']();

    // during: the state says full, which file, its folder's free space; the run waits (no error)
    await waitFor(async () => (await writesOf())?.state === 'unavailable', 30_000);
    const info = await api.queries['session.status']();
    const writes = info.journal!.writes!;
    expect(writes).toMatchObject({ state: 'unavailable', cause: 'full', path: journalPath, reason: expect.stringMatching(/SQLITE_FULL/) });
    expect(writes.state === 'unavailable' && typeof writes.freeBytes === 'number').toBe(true);
    expect(info).toMatchObject({ status: 'running', error: null, watching: null });
    // frames carry it too: the banner reads whichever came last
    await waitFor(() => frames.at(-1)?.journal?.writes?.state === 'unavailable', 5_000);

    // the banner: one line, a simulation's words
    const banner = journalBannerLines(undefined, info.journal);
    expect(banner).toEqual([{ tone: 'alert', title: 'Journal full', text: expect.stringContaining(`${journalPath} cannot grow: database or disk is full (SQLITE_FULL)`) }]);
    expect(banner[0]!.text).toMatch(new RegExp(`free in ${dir}\\. Free some space there\\. The run is paused and resumes by itself`));

    // operator actions are refused at once, saying why; nothing of them is journaled
    await expect(api.commands['operator.inject']({ event: draft, line: 'US01/L1', why: 'while full' })).rejects.toThrow(
      `the injection was not sent: the journal ${journalPath} refuses writes (database or disk is full (SQLITE_FULL)); nothing was journaled or published`,
    );
    await expect(api.commands['operator.toggleFault']({ fault: 'erp-outage', enabled: true, why: 'while full' })).rejects.toThrow(
      `the fault toggle was not carried out: the journal ${journalPath} refuses writes`,
    );

    // room comes back: the run goes on by itself to its end
    freeBallast(journalPath);
    await waitFor(async () => (await api!.queries['session.status']()).status === 'finished', 60_000);
    const after = await api.queries['session.status']();
    expect(after.journal?.writes).toBeUndefined();
    expect(after.error).toBeNull();
    expect(journalBannerLines(undefined, after.journal)).toEqual([]);
    expect(count(journalPath, 'SELECT count(*) FROM events WHERE type LIKE ?', 'operator.%')).toBe(0);

    // nothing lost, nothing twice, in the order it was made
    await api.close();
    api = undefined;
    const expected = await roomy();
    expect(after.events).toBe(expected.events);
    expect(count(journalPath, 'SELECT count(*) FROM events WHERE session = ?', started.session)).toBe(expected.events);
    expect(count(journalPath, 'SELECT count(DISTINCT id) FROM events WHERE session = ?', started.session)).toBe(expected.events);
    expect(digestOf(journalPath, started.session!)).toBe(expected.digest);
    expect(integrityOk(journalPath)).toBe(true);
  }, 120_000);

  it('says "journal busy" while another program holds the lock, and goes on when it lets go', async () => {
    openJournal(journalPath).close();
    api = createLocalApi({ journalPath, configDir: join(dir, 'config'), operator: 'tester' });
    // paced (about 5 s of wall time for the day), so the lock is taken mid-run
    await api.commands['session.start']({ ...SCENARIO, speed: 20_000 });
    await api.commands['session.play']();
    await waitFor(() => count(journalPath, 'SELECT count(*) FROM events') > 0, 30_000);
    const lock = holdWriteLock(journalPath);
    let released = false;
    try {
      // after the writer's busy timeout (5 s)
      await waitFor(async () => (await writesOf())?.state === 'unavailable', 30_000);
      const info = await api.queries['session.status']();
      expect(info.journal!.writes).toMatchObject({ state: 'unavailable', cause: 'busy', reason: expect.stringMatching(/SQLITE_BUSY/) });
      expect(journalBannerLines(undefined, info.journal)[0]).toMatchObject({ title: 'Journal busy', text: expect.stringContaining('The run is paused and resumes by itself') });
      await expect(api.commands['operator.inject']({ event: draft, line: 'US01/L1', why: 'while locked' })).rejects.toThrow(/the injection was not sent: .*refuses writes \(database is locked/);
      lock.release();
      released = true;
      await waitFor(async () => (await api!.queries['session.status']()).status === 'finished', 60_000);
    } finally {
      if (!released) lock.release();
    }
    const after = await api.queries['session.status']();
    expect(after.journal?.writes).toBeUndefined();
    expect(after.error).toBeNull();
    const expected = await roomy();
    expect(after.events).toBe(expected.events);
    expect(count(journalPath, 'SELECT count(DISTINCT id) FROM events')).toBe(expected.events);
  }, 120_000);

  it('does not wait out the outage when the console closes: what was stored stays, the file is sound', async () => {
    const maxPageCount = journalWithBallast(journalPath, 1600);
    api = createLocalApi({ journalPath, maxPageCount, configDir: join(dir, 'config'), operator: 'tester' });
    await api.commands['session.start'](SCENARIO);
    await api.commands['session.play']();
    await waitFor(async () => (await writesOf())?.state === 'unavailable', 30_000);
    const stored = count(journalPath, 'SELECT count(*) FROM events');
    // the retry would wait five minutes: the stop ends that wait (this test's limit is far shorter)
    await api.close();
    api = undefined;
    expect(count(journalPath, 'SELECT count(*) FROM events')).toBe(stored);
    expect(integrityOk(journalPath)).toBe(true);
  }, 30_000);
});
