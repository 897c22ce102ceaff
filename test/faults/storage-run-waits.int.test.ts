import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { journalWaitNotices, runCommand } from '../../cli/commands/run.js';
import { loadScenario, runSimulation, type JournalState } from '../../engine/index.js';
import { openJournal } from '../../engine/journal/index.js';
import { waitFor } from '../engine/session/fake-clock.js';
import { count, freeBallast, holdWriteLock, integrityOk, journalWithBallast, sink } from './storage-support.js';

/**
 * `linesight run` whose journal refuses writes mid-run — full (a real SQLITE_FULL: the writer's
 * `max_page_count`, room given back by dropping a ballast table) or locked by another program (a
 * second connection holding BEGIN IMMEDIATE) — waits instead of failing: it says so once on
 * stderr, once more when the journal takes writes again, and finishes with every event stored
 * exactly once (the same digest as the same seed on a roomy journal). Past the limit it stops, exit 3.
 */
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'linesight-run-waits-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});


/** about 2,650 events in three transactions of 1,000: the first fits the spare room, the second does not */
const RUN = ['baseline', '--until', '1d'];
const SPARE_KIB = 1600;

/** What a journal holds of its one session: rows per table, and the events' digest as the session list records it. */
function contents(path: string) {
  return {
    events: count(path, 'SELECT count(*) FROM events'),
    distinct: count(path, 'SELECT count(DISTINCT id) FROM events'),
    quarantined: count(path, 'SELECT count(*) FROM quarantine'),
    ledger: count(path, 'SELECT count(*) FROM fault_ledger'),
    digest: digestOf(path),
  };
}
function digestOf(path: string): string {
  const j = openJournal(path);
  try {
    return j.db.prepare('SELECT digest FROM session_outcomes ORDER BY session DESC LIMIT 1').pluck().get() as string;
  } finally {
    j.close();
  }
}

/** The same run on a journal with room to spare: what a run that waited must end up holding. */
async function roomyRun(): Promise<ReturnType<typeof contents>> {
  const path = join(dir, 'roomy.db');
  expect(await runCommand([...RUN, '--journal', path], sink().stream, { err: sink().stream })).toBe(0);
  return contents(path);
}

describe('linesight run while its journal refuses writes', () => {
  it('waits out a full journal, says so once with the file and its free space, and finishes with every event once', async () => {
    const journalPath = join(dir, 'linesight.db');
    const maxPageCount = journalWithBallast(journalPath, SPARE_KIB);
    const out = sink();
    const err = sink();
    const running = runCommand([...RUN, '--journal', journalPath], out.stream, { err: err.stream, maxPageCount });

    // during: one line says the journal is full, which file, the free space beside it, and that the run waits
    await waitFor(() => err.text().includes('journal full:'), 30_000);
    const partial = count(journalPath, 'SELECT count(*) FROM events');
    expect(err.text()).toMatch(
      new RegExp(
        `^journal full: ${journalPath} cannot grow \\(database or disk is full \\(SQLITE_FULL\\)\\), \\d+(\\.\\d)? MiB free in ${dir} — waiting, the run resumes by itself when it can write \\(Ctrl-C to stop\\)\n$`,
      ),
    );

    // room comes back: the run resumes by itself and finishes
    freeBallast(journalPath);
    expect(await running).toBe(0);
    expect(err.text().match(/journal full:/g)).toHaveLength(1);
    expect(err.text()).toMatch(/\njournal takes writes again after [\d.]+(ms|s|m)\n$/);
    expect(out.text()).toContain(`journal   ${journalPath} session 1, digest`);

    // nothing lost, nothing twice: the same rows and the same digest as a run that never waited
    const roomy = await roomyRun();
    const waited = contents(journalPath);
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(roomy.events);
    expect(waited).toEqual(roomy);
    expect(waited.distinct).toBe(waited.events);
    expect(integrityOk(journalPath)).toBe(true);
  }, 90_000);

  it('waits out another program holding the write lock mid-run, says "journal busy", and loses nothing', async () => {
    const journalPath = join(dir, 'linesight.db');
    openJournal(journalPath).close();
    const err = sink();
    const notices = journalWaitNotices(journalPath, err.stream);
    const states: JournalState[] = [];
    let lock: { release(): void } | undefined;
    const scenario = loadScenario('baseline', { until: '1d' });
    const running = runSimulation(scenario, {
      journalPath,
      // small transactions, so most of the run comes after the lock is taken
      batchSize: 100,
      // another program takes the write lock once the first transaction is in
      onApplied: () => {
        lock ??= holdWriteLock(journalPath);
      },
      onJournal: (s) => {
        states.push(s);
        notices(s);
      },
    });
    // the writer's busy timeout (5 s) passes before the first refusal
    await waitFor(() => states.some((s) => s.state === 'unavailable'), 30_000);
    const during = states.find((s) => s.state === 'unavailable')!;
    expect(during).toMatchObject({ state: 'unavailable', cause: 'busy', path: journalPath, reason: expect.stringMatching(/SQLITE_BUSY/) });
    expect(err.text()).toBe(
      `journal busy: ${journalPath} is locked by another program (${during.state === 'unavailable' ? during.reason : ''}) — waiting, the run resumes by itself when it can write (Ctrl-C to stop)\n`,
    );
    const held = count(journalPath, 'SELECT count(*) FROM events');
    lock!.release();

    const result = await running;
    expect(states.at(-1)).toEqual({ state: 'ok' });
    expect(err.text()).toMatch(/\njournal takes writes again after [\d.]+(ms|s|m)\n$/);
    const roomy = await roomyRun();
    expect(held).toBeLessThan(roomy.events);
    expect(result.events).toBe(roomy.events);
    expect(contents(journalPath)).toEqual(roomy);
    expect(integrityOk(journalPath)).toBe(true);
  }, 90_000);

  it('stops with exit 3 and the reason once the journal has refused writes past the limit', async () => {
    const journalPath = join(dir, 'linesight.db');
    const maxPageCount = journalWithBallast(journalPath, SPARE_KIB);
    const err = sink();
    const code = await runCommand([...RUN, '--journal', journalPath], sink().stream, {
      err: err.stream,
      maxPageCount,
      journalRetry: { firstMs: 20, maxMs: 100, giveUpMs: 1_000 },
    });
    expect(code).toBe(3);
    const lines = err.text().trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^journal full: .* — waiting, the run resumes by itself when it can write \(Ctrl-C to stop\)$/);
    expect(lines[1]).toBe(
      `linesight: the run stopped: the journal refused writes for 1s — database or disk is full (SQLITE_FULL); what was stored before stays in ${journalPath}`,
    );
    // what the journal did take stays, and the file is sound
    expect(count(journalPath, 'SELECT count(*) FROM events')).toBeGreaterThan(0);
    expect(integrityOk(journalPath)).toBe(true);
  }, 60_000);
});
