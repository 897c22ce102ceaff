import { createHash } from 'node:crypto';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openJournal } from '../../../engine/journal/index.js';
import { startIntegrityCheck } from '../../../engine/journal/integrity-check.js';
import { checkJournalAtOpen, journalHeaderProblem, prepareJournal, siblingJournalPath } from '../../../engine/journal/journal-checks.js';
import { orderEvent, tempDir } from './fixtures.js';
import { appendEvents, newSession } from './helpers.js';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir('linesight-checks-');
});
afterEach(() => tmp.cleanup());

const sha = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

/** A journal of `n` events, checkpointed into its main file (as a clean close leaves it). */
function journalOf(n: number): string {
  const path = tmp.path('journal.db');
  const j = openJournal(path);
  const s = newSession(j.db);
  for (let i = 0; i < n; i += 200) appendEvents(j.db, s, Array.from({ length: Math.min(200, n - i) }, (_, k) => orderEvent(i + k)));
  j.close();
  return path;
}
/** A copy of `path` with `length` bytes at `offset` overwritten. */
function damaged(path: string, name: string, offset: number, length: number, byte = 0x41): string {
  const copy = tmp.path(name);
  copyFileSync(path, copy);
  const b = readFileSync(copy);
  b.fill(byte, offset, offset + length);
  writeFileSync(copy, b);
  return copy;
}
const pageSize = (path: string) => readFileSync(path).readUInt16BE(16);

describe('the checks when a journal is opened', () => {
  it('reads a header: a sound one passes; not SQLite, a bad page size or a truncated file is named', () => {
    const path = journalOf(10);
    const header = readFileSync(path).subarray(0, 100);
    const size = readFileSync(path).length;
    expect(journalHeaderProblem(header, size)).toBeNull();
    expect(journalHeaderProblem(Buffer.from('not a database at all, really not'.padEnd(100)), size)).toMatch(/does not start with the SQLite header/);
    const badPage = Buffer.from(header);
    badPage.writeUInt16BE(1000, 16);
    expect(journalHeaderProblem(badPage, size)).toMatch(/page size \(1000\)/);
    expect(journalHeaderProblem(header, size - pageSize(path))).toMatch(/truncated/);
    // a checkpoint killed after page 1: the WAL beside it still holds the pages, SQLite completes it
    expect(journalHeaderProblem(header, size - pageSize(path), 4 * pageSize(path))).toBeNull();
    expect(journalHeaderProblem(header, size + 7)).toMatch(/not a whole number/);
    expect(journalHeaderProblem(header.subarray(0, 50), 50)).toMatch(/too short/);
  });

  it('finds a sound journal sound (quick_check included while it is small), and a missing or empty file new', () => {
    const path = journalOf(500);
    expect(checkJournalAtOpen(path)).toEqual({ state: 'ok', quick: true });
    expect(checkJournalAtOpen(path, { quickCheckMaxBytes: 1 })).toEqual({ state: 'ok', quick: false });
    expect(checkJournalAtOpen(tmp.path('none.db'))).toEqual({ state: 'new' });
    writeFileSync(tmp.path('empty.db'), '');
    expect(checkJournalAtOpen(tmp.path('empty.db'))).toEqual({ state: 'new' });
  });

  it('finds overwritten bytes — in the header, the schema or a data page — without changing the file', () => {
    const path = journalOf(2000);
    const page = pageSize(path);
    const cases = [
      damaged(path, 'header.db', 0, 16),
      damaged(path, 'schema.db', 100, 400, 0xff),
      damaged(path, 'data.db', page * 40 + 8, 600, 0x00),
    ];
    for (const copy of cases) {
      const before = sha(copy);
      const check = checkJournalAtOpen(copy);
      expect(check, copy).toMatchObject({ state: 'corrupt', problem: expect.any(String) });
      expect(sha(copy)).toBe(before);
    }
  });

  it('sets a damaged journal aside for a new one beside it, and keeps using that one on the next start', () => {
    const path = journalOf(200);
    const copy = damaged(path, 'linesight.db', 0, 16);
    const prepared = prepareJournal(copy);
    expect(prepared.path).toBe(siblingJournalPath(copy, 2));
    expect(prepared.path).toMatch(/linesight\.2\.db$/);
    expect(prepared.replaced).toMatchObject({ path: copy, problem: expect.stringMatching(/SQLite header/) });
    // the replacement now holds sessions: the next start appends to it again
    const j = openJournal(prepared.path);
    newSession(j.db);
    j.close();
    expect(prepareJournal(copy).path).toBe(prepared.path);
    expect(prepareJournal(path)).toMatchObject({ path, check: { state: 'ok' } });
  });

  it('runs the full integrity check on its own thread: sound, or the damage it found', async () => {
    const path = journalOf(2000);
    await expect(startIntegrityCheck(path).done).resolves.toMatchObject({ ok: true, problems: [] });
    // an index page overwritten: integrity_check compares every index with its table
    const copy = damaged(path, 'index.db', pageSize(path) * (readFileSync(path).length / pageSize(path) - 2) + 8, 300, 0x00);
    const before = sha(copy);
    const r = await startIntegrityCheck(copy).done;
    expect(r.ok).toBe(false);
    expect(r.problems.length).toBeGreaterThan(0);
    expect(sha(copy)).toBe(before);
  });
});
