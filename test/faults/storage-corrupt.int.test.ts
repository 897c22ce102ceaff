import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportCommand } from '../../cli/commands/export.js';
import { importCommand } from '../../cli/commands/import.js';
import { createLocalApi } from '../../engine/index.js';
import { journalBannerLines } from '../../renderer/components/journal/journal-banner-logic.js';
import { plantTraffic } from '../support/plant-traffic.js';
import { count, integrityOk, sha256, sink } from './storage-support.js';

/**
 * A journal damaged at start (bytes overwritten in a copy): the checks at open find it, it is left
 * exactly as it was — still readable for export — a new journal is started beside it, and the
 * user is told both paths: by `linesight serve`, by `linesight import`, and in the API's journal state.
 */
const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'bin', 'linesight.js');
let dir: string;
let damaged: string;
let beside: string;
const traffic = plantTraffic('4h').slice(0, 300);


/** A sound journal of one imported session, copied into `plant/`, and one index page of the copy overwritten. */
async function damagedJournal(): Promise<string> {
  const source = join(dir, 'source', 'linesight.db');
  mkdirSync(join(dir, 'source'));
  mkdirSync(join(dir, 'plant'));
  const file = join(dir, 'source', 'traffic.jsonl');
  writeFileSync(file, traffic.map((e) => JSON.stringify(e)).join('\n') + '\n');
  expect(await importCommand([file, '--journal', source], sink().stream, sink().stream)).toBe(0);
  // closed cleanly: everything in the main file, no -wal beside it
  const w = new Database(source);
  w.pragma('wal_checkpoint(TRUNCATE)');
  w.close();
  expect(existsSync(`${source}-wal`)).toBe(false);
  const copy = join(dir, 'plant', 'linesight.db');
  copyFileSync(source, copy);
  // the root page of an index nothing reads in an export: the data stays readable, the file is damaged
  const db = new Database(copy, { readonly: true });
  const pageNo = db.prepare("SELECT rootpage FROM sqlite_schema WHERE name = 'events_causation'").pluck().get() as number;
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  db.close();
  const bytes = readFileSync(copy);
  bytes.fill(0xff, (pageNo - 1) * pageSize, (pageNo - 1) * pageSize + 64);
  writeFileSync(copy, bytes);
  return copy;
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'linesight-storage-corrupt-'));
  damaged = await damagedJournal();
  beside = join(dir, 'plant', 'linesight.2.db');
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('a journal found damaged at start', () => {
  it('is set aside untouched for a new journal beside it — serve, import and the API say both paths — and stays readable for export', async () => {
    const hash = sha256(damaged);

    // linesight serve: says so before the URL line, and serves on the new journal
    const child = spawn(process.execPath, [bin, 'serve', '--port', '0', '--journal', damaged], { cwd: dir });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
        if (stdout.includes('Linesight is serving on')) resolve();
      });
      void exited.then((code) => reject(new Error(`serve exited early (${code}): ${stderr}`)));
    });
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    const lines = stdout.split('\n');
    expect(lines[0]).toMatch(
      new RegExp(`^journal ${damaged} is damaged \\(quick_check: .+\\): it was left untouched, read-only — export its sessions with \`linesight export ${damaged}\` — and new sessions go to ${beside}$`),
    );
    expect(lines[1]).toMatch(new RegExp(`^Linesight is serving on http://127\\.0\\.0\\.1:\\d+ \\(journal ${beside}\\)$`));
    expect(sha256(damaged)).toBe(hash);

    // the API: the journal state names both, the banner says it in words; sessions go to the new journal
    const api = createLocalApi({ journalPath: damaged, configDir: join(dir, 'config') });
    try {
      const info = await api.queries['session.status']();
      expect(info.journal).toMatchObject({ path: beside, replaced: { path: damaged, problem: expect.stringMatching(/^quick_check: /) } });
      expect(journalBannerLines(undefined, info.journal)).toEqual([
        { tone: 'notice', title: 'Damaged journal set aside', text: expect.stringContaining(`new sessions go to ${beside}`) },
      ]);
      await api.commands['session.start']({ scenario: 'baseline', until: '30m' });
      await api.commands['session.step']({ events: 20 });
    } finally {
      await api.close();
    }
    expect(count(beside, 'SELECT count(*) FROM events')).toBeGreaterThanOrEqual(20);

    // linesight import: tells both paths on stderr, imports into the new journal
    const file = join(dir, 'more.jsonl');
    writeFileSync(file, plantTraffic('4h').slice(300, 310).map((e) => JSON.stringify(e)).join('\n') + '\n');
    const out = sink();
    const err = sink();
    expect(await importCommand([file, '--journal', damaged], out.stream, err.stream)).toBe(0);
    expect(err.text()).toContain(`linesight: journal ${damaged} is damaged (`);
    expect(err.text()).toContain(`new sessions go to ${beside}`);
    expect(out.text()).toContain(`of ${beside}`);

    // the damaged journal: exportable read-only, and never modified
    const exported = sink();
    expect(await exportCommand([damaged, '--session', '1'], exported.stream)).toBe(0);
    expect(exported.text().trim().split('\n')).toHaveLength(traffic.length);
    expect(sha256(damaged)).toBe(hash);
    expect(integrityOk(beside)).toBe(true);
  }, 90_000);
});
