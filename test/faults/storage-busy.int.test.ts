import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { importCommand } from '../../cli/commands/import.js';
import { createLocalApi, type JournalState, type LocalApi } from '../../engine/index.js';
import { openJournal } from '../../engine/journal/index.js';
import { journalBannerLines, journalNotice } from '../../renderer/components/journal/journal-banner-logic.js';
import { waitFor } from '../engine/session/fake-clock.js';
import { startMosquitto, type Broker } from '../support/mosquitto.js';
import { plantTraffic } from '../support/plant-traffic.js';
import { count, holdWriteLock, integrityOk, publishEvents, sink } from './storage-support.js';

/**
 * Another program holds the journal's write lock (an open `BEGIN IMMEDIATE` on a second
 * connection) while a watch ingests: a clear "journal busy" state, ingest paused with nothing
 * acknowledged, an import refused with the reason and nothing written, no crash — and when the
 * lock is let go, ingest resumes by itself, every message journaled once.
 */
let broker: Broker;
let dir: string;
let journalPath: string;
let api: LocalApi;

const traffic = plantTraffic('4h');
const live = traffic.slice(0, 300);
const imported = traffic.slice(300, 320);

beforeAll(async () => {
  broker = await startMosquitto({ maxQueuedMessages: 0 });
}, 30_000);
afterAll(async () => {
  await broker?.stop();
});
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'linesight-storage-busy-'));
  journalPath = join(dir, 'linesight.db');
  openJournal(journalPath).close();
  api = createLocalApi({ journalPath, configDir: join(dir, 'config') });
});
afterEach(async () => {
  await api.close();
  rmSync(dir, { recursive: true, force: true });
});

const journalOf = async (): Promise<JournalState | undefined> => (await api.queries['session.status']()).watching?.[0]?.journal;

describe('the journal locked by another program during a watch', () => {
  it('shows "journal busy", pauses ingest, refuses an import, and resumes by itself when the lock is let go', async () => {
    await api.commands['session.watch']({ brokers: [{ url: broker.url, clientId: `storage-busy-${Date.now()}` }] });
    await publishEvents(broker.url, live.slice(0, 100));
    await waitFor(() => count(journalPath, 'SELECT count(*) FROM events') === 100, 30_000);

    const lock = holdWriteLock(journalPath);
    let released = false;
    try {
      await publishEvents(broker.url, live.slice(100));
      // an import started meanwhile waits out SQLite's busy timeout, then is refused as a whole
      const importFile = join(dir, 'more.jsonl');
      writeFileSync(importFile, imported.map((e) => JSON.stringify(e)).join('\n') + '\n');
      const err = sink();
      const importing = importCommand([importFile, '--journal', journalPath], sink().stream, err.stream).then(
        () => 'imported',
        (e: Error) => e.message,
      );

      // during: the watch's journal state says busy (after SQLite's 5 s busy timeout), the console says it in words
      await waitFor(async () => (await journalOf())?.state === 'unavailable', 30_000);
      const down = (await journalOf())!;
      expect(down).toMatchObject({ state: 'unavailable', cause: 'busy', path: journalPath, reason: 'database is locked (SQLITE_BUSY)' });
      expect(journalNotice(down)).toBe('journal unavailable: database is locked (SQLITE_BUSY)');
      expect(journalNotice(down, true)).toMatch(/journal busy: another program holds its write lock; ingest resumes by itself/);
      expect(journalBannerLines(down, undefined)).toEqual([
        { tone: 'alert', title: 'Journal busy', text: expect.stringContaining(`${journalPath} is locked by another program`) },
      ]);
      expect((await api.queries['session.status']()).status).toBe('running');
      expect(count(journalPath, 'SELECT count(*) FROM events')).toBe(100);

      expect(await importing).toMatch(
        new RegExp(`^journal ${journalPath} is busy: another program holds its write lock \\(.*SQLITE_BUSY.*\\): the import was refused and nothing of it was kept`),
      );
      expect(count(journalPath, "SELECT count(*) FROM sessions WHERE kind = 'import'")).toBe(0);

      lock.release();
      released = true;
    } finally {
      if (!released) lock.release();
    }

    // after: ingest resumes by itself, every message once, the session never stopped
    await waitFor(() => count(journalPath, 'SELECT count(*) FROM events') === live.length, 30_000);
    await waitFor(async () => (await journalOf())?.state === 'ok', 30_000);
    expect(count(journalPath, 'SELECT count(DISTINCT id) FROM events')).toBe(live.length);
    // the monitor takes each batch just after its commit
    await waitFor(async () => (await api.queries['session.status']()).events === live.length, 10_000);
    expect(await api.queries['session.status']()).toMatchObject({ status: 'running', error: null, events: live.length });

    // and the import goes through now
    const out = sink();
    await expect(importCommand([join(dir, 'more.jsonl'), '--journal', journalPath], out.stream, sink().stream)).resolves.toBe(0);
    expect(out.text()).toMatch(/^imported 20 events from 1 file into session \d+ of /);
    expect(integrityOk(journalPath)).toBe(true);
  }, 90_000);
});
