import { describe, expect, it } from 'vitest';
import type { JournalHealth, JournalState } from '../../../../engine/contract/index.js';
import { CHECKING_NOTICE_AFTER_MS, journalBannerLines } from '../../../../renderer/components/journal/journal-banner-logic.js';

/**
 * The banner for every kind of session: a simulation's refused writes (`health.writes`) as well as a
 * watch's (its connections' state) — one line either way — and a quiet line while the background
 * integrity check still runs 2 s after the console saw it start.
 */
const full = { state: 'unavailable', reason: 'database or disk is full (SQLITE_FULL)', since: 0, retries: 1, cause: 'full', path: '/data/linesight.db', freeBytes: 3 * 1024 ** 2 } as const;
const health = (more: Partial<JournalHealth> = {}): JournalHealth => ({ path: '/data/linesight.db', integrity: 'ok', ...more });

describe('the journal banner, whatever the session', () => {
  it("says a simulation's journal is full, with its file and free space, and that the run resumes by itself", () => {
    expect(journalBannerLines(undefined, health({ writes: full }))).toEqual([
      {
        tone: 'alert',
        title: 'Journal full',
        text: '/data/linesight.db cannot grow: database or disk is full (SQLITE_FULL) — 3.0 MiB free in /data. Free some space there. The run is paused and resumes by itself once the journal takes writes; injections and other actions are refused until then.',
      },
    ]);
  });

  it('says "journal busy" for a simulation too, and that the run stopped once it gave up', () => {
    const busy: JournalState = { ...full, reason: 'database is locked (SQLITE_BUSY)', cause: 'busy' };
    expect(journalBannerLines(undefined, health({ writes: busy }))[0]).toMatchObject({ title: 'Journal busy', text: expect.stringContaining('is locked by another program') });
    const failed: JournalState = { state: 'failed', reason: 'database or disk is full (SQLITE_FULL)', since: 0, cause: 'full', path: '/data/linesight.db' };
    const lines = journalBannerLines(undefined, health({ writes: failed }));
    expect(lines).toHaveLength(1);
    expect(lines[0]!.text).toMatch(/The run stopped after waiting for it/);
    expect(lines[0]!.text).not.toMatch(/resumes by itself/);
  });

  it('shows one refusal line when a watch and the host both report one, in the watch’s words', () => {
    const lines = journalBannerLines(full, health({ writes: full }));
    expect(lines).toHaveLength(1);
    expect(lines[0]!.text).toMatch(/Ingest is paused and resumes by itself/);
    // a watch whose journal takes writes again: nothing
    expect(journalBannerLines({ state: 'ok' }, health())).toEqual([]);
  });

  it('keeps quiet about an integrity check during its first 2 s, then says it runs in the background, and stops once it ended', () => {
    const checking = health({ integrity: 'checking' });
    expect(journalBannerLines(undefined, checking, { now: 10_000, checkingSince: 10_000 - CHECKING_NOTICE_AFTER_MS + 1 })).toEqual([]);
    expect(journalBannerLines(undefined, checking, { now: 10_000, checkingSince: 10_000 - CHECKING_NOTICE_AFTER_MS })).toEqual([
      { tone: 'notice', title: 'Checking the journal', text: 'The integrity check of /data/linesight.db runs in the background; you can work meanwhile.' },
    ]);
    // not seen starting (no time given): nothing
    expect(journalBannerLines(undefined, checking)).toEqual([]);
    // done: sound says nothing, damaged is the alert line only
    expect(journalBannerLines(undefined, health(), { now: 10_000, checkingSince: 0 })).toEqual([]);
    const damaged = journalBannerLines(undefined, health({ integrity: 'damaged', problems: ['page 7: btree broken'] }), { now: 10_000, checkingSince: 0 });
    expect(damaged.map((l) => l.title)).toEqual(['Journal damaged']);
  });
});
