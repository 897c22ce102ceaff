import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { journalNotices } from '../../cli/journal-notices.js';
import { createLocalApi, type JournalState, type LocalApi } from '../../engine/index.js';
import { journalBannerLines } from '../../renderer/components/journal/journal-banner-logic.js';
import { waitFor } from '../engine/session/fake-clock.js';
import { startMosquitto, type Broker } from '../support/mosquitto.js';
import { plantTraffic } from '../support/plant-traffic.js';
import { count, freeBallast, integrityOk, journalWithBallast, publishEvents, sink } from './storage-support.js';

/**
 * Disk full while watching a broker (a real SQLITE_FULL: the writer's `max_page_count`). What the
 * user sees during it — the journal state with its file and free space, the banner, the terminal
 * line, an injection refused at once — and that ingest resumes by itself once there is room,
 * with every message journaled exactly once and the file sound.
 */
let broker: Broker;
let dir: string;
let journalPath: string;
let api: LocalApi;
/** what `linesight serve` would print on its terminal */
let terminal: ReturnType<typeof sink>;

const traffic = plantTraffic('4h').slice(0, 300);
const draft = {
  type: 'mes.operation.confirmed',
  order: 'PO-STORAGE-1',
  businesskey: 'US01-L2-PO-STORAGE-1-0010-1',
  data: { order: 'PO-STORAGE-1', operation: '0010', workCenter: 'WC-L2', goodQty: 10, scrapQty: 0, uom: 'EA', final: false },
} as const;

beforeAll(async () => {
  broker = await startMosquitto({ maxQueuedMessages: 0 });
}, 30_000);
afterAll(async () => {
  await broker?.stop();
});
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'linesight-storage-full-'));
  journalPath = join(dir, 'linesight.db');
  const maxPageCount = journalWithBallast(journalPath);
  api = createLocalApi({ journalPath, maxPageCount, configDir: join(dir, 'config'), operator: 'tester' });
  terminal = sink();
  api.onFrame(journalNotices(terminal.stream));
});
afterEach(async () => {
  await api.close();
  rmSync(dir, { recursive: true, force: true });
});

const journalOf = async (): Promise<JournalState | undefined> => (await api.queries['session.status']()).watching?.[0]?.journal;

describe('the journal runs out of disk space during a watch', () => {
  it('says so with the file and its free space, refuses injections, and resumes by itself with nothing lost or corrupted', async () => {
    await api.commands['session.watch']({
      brokers: [{ url: broker.url, name: 'line2-edge', clientId: `storage-full-${Date.now()}`, publish: { allow: ['linesight/v1/US01/L2/'] } }],
    });
    await publishEvents(broker.url, traffic);

    // during: the state says full, which file, and the free space of its folder
    await waitFor(async () => (await journalOf())?.state === 'unavailable', 30_000);
    const down = (await journalOf())!;
    expect(down).toMatchObject({ state: 'unavailable', cause: 'full', path: journalPath, reason: expect.stringMatching(/database or disk is full \(SQLITE_FULL\)/) });
    expect(down.state === 'unavailable' && typeof down.freeBytes === 'number' && down.freeBytes > 0).toBe(true);
    const stored = count(journalPath, 'SELECT count(*) FROM events');
    expect(stored).toBeLessThan(traffic.length);

    // the console's banner and the terminal say it in words
    const banner = journalBannerLines(down, undefined);
    expect(banner).toEqual([{ tone: 'alert', title: 'Journal full', text: expect.stringContaining(`${journalPath} cannot grow`) }]);
    expect(banner[0]!.text).toMatch(new RegExp(`\\d+(\\.\\d)? [KMGT]?i?B free in ${dir}`));
    expect(banner[0]!.text).toMatch(/resumes by itself/);
    await waitFor(() => terminal.text().includes('journal unavailable'), 5_000);
    expect(terminal.text()).toContain(`journal unavailable: database or disk is full (SQLITE_FULL) — retrying; nothing is acknowledged to the broker until it is stored (${journalPath}; `);
    expect(terminal.text()).toMatch(new RegExp(`; \\d+ MiB free in ${dir}\\)\n`));

    // an injection is refused at once, saying why; nothing of it is journaled or queued
    await expect(api.commands['operator.inject']({ event: draft, line: 'US01/L2', why: 'while full' })).rejects.toThrow(
      `the injection was not sent: the journal ${journalPath} refuses writes (database or disk is full (SQLITE_FULL)); nothing was journaled or published`,
    );
    expect(count(journalPath, 'SELECT count(*) FROM outbox')).toBe(0);

    // space comes back: ingest resumes by itself, every message journaled once
    freeBallast(journalPath);
    await waitFor(async () => (await journalOf())?.state === 'ok', 30_000);
    await waitFor(() => count(journalPath, 'SELECT count(*) FROM events') === traffic.length, 30_000);
    expect(count(journalPath, 'SELECT count(DISTINCT id) FROM events')).toBe(traffic.length);
    // the monitor takes each batch just after its commit
    await waitFor(async () => (await api.queries['session.status']()).events === traffic.length, 10_000);
    const info = await api.queries['session.status']();
    expect(info).toMatchObject({ status: 'running', error: null, events: traffic.length });
    await waitFor(() => /journal writable again after [\d.]+(ms|s|m): ingest resumed/.test(terminal.text()), 5_000);
    expect(journalBannerLines(info.watching![0]!.journal, info.journal)).toEqual([]);

    // and injecting works again
    const sent = await api.commands['operator.inject']({ event: draft, line: 'US01/L2', why: 'after space came back' });
    expect(sent.messages).toHaveLength(1);
    expect(count(journalPath, 'SELECT count(*) FROM events WHERE id = ?', sent.messages[0])).toBe(1);
    expect(integrityOk(journalPath)).toBe(true);
  }, 90_000);
});
