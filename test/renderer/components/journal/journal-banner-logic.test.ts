import { describe, expect, it } from 'vitest';
import type { JournalHealth, JournalState } from '../../../../engine/contract/index.js';
import { formatBytes, journalBannerLines } from '../../../../renderer/components/journal/journal-banner-logic.js';

const base = { reason: 'database or disk is full (SQLITE_FULL)', since: 0, retries: 2 } as const;

describe('the journal banner', () => {
  it('says nothing while all is well, and nothing for a check still running or a sound journal', () => {
    expect(journalBannerLines(undefined, undefined)).toEqual([]);
    expect(journalBannerLines({ state: 'ok' }, { path: '/d/j.db', integrity: 'checking' })).toEqual([]);
    expect(journalBannerLines(undefined, { path: '/d/j.db', integrity: 'ok' })).toEqual([]);
  });

  it('names a full journal, its folder and the free space there, and that ingest resumes by itself', () => {
    const full: JournalState = { state: 'unavailable', ...base, cause: 'full', path: '/data/plant/linesight.db', freeBytes: 0 };
    expect(journalBannerLines(full, undefined)).toEqual([
      {
        tone: 'alert',
        title: 'Journal full',
        text: '/data/plant/linesight.db cannot grow: database or disk is full (SQLITE_FULL) — 0 B free in /data/plant. Free some space there. Ingest is paused and resumes by itself: nothing is acknowledged to the broker, injected or imported until it is stored.',
      },
    ]);
  });

  it('says "journal busy" for a lock held by another program, and that the watch stopped once it gave up', () => {
    const busy: JournalState = { state: 'unavailable', ...base, reason: 'database is locked (SQLITE_BUSY)', cause: 'busy', path: 'C:\\plant\\linesight.db', freeBytes: 5 * 1024 ** 3 };
    expect(journalBannerLines(busy, undefined)[0]).toMatchObject({ title: 'Journal busy', text: expect.stringMatching(/^C:\\plant\\linesight\.db is locked by another program/) });
    const failed: JournalState = { state: 'failed', reason: 'database is locked (SQLITE_BUSY)', since: 0, cause: 'busy' };
    expect(journalBannerLines(failed, undefined)[0]!.text).toMatch(/^the journal is locked .* The watch stopped;/);
  });

  it('tells both paths of a damaged journal set aside, and what a background check found', () => {
    const health: JournalHealth = { path: '/d/linesight.2.db', integrity: 'damaged', problems: ['Tree 5 page 41 cell 0: Offset 0 out of range'], replaced: { path: '/d/linesight.db', problem: 'quick_check: …' } };
    const lines = journalBannerLines(undefined, health);
    expect(lines.map((l) => l.title)).toEqual(['Damaged journal set aside', 'Journal damaged']);
    expect(lines[0]!.text).toContain('/d/linesight.db is damaged');
    expect(lines[0]!.text).toContain('new sessions go to /d/linesight.2.db');
    expect(lines[1]!.text).toContain('Tree 5 page 41 cell 0');
  });

  it('writes sizes as a person reads them', () => {
    expect([0, 512, 2048, 15 * 1024 ** 2, 3.25 * 1024 ** 3].map(formatBytes)).toEqual(['0 B', '512 B', '2.0 KiB', '15 MiB', '3.3 GiB']);
  });
});
