import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditHash, type AuditEntry, type AuditHead } from '../../engine/journal/audit-log.js';
import { openJournal } from '../../engine/journal/open-journal.js';
import { openJournalWriter } from '../../engine/journal/writer.js';
import { newSession } from '../engine/journal/helpers.js';

/** The `linesight` bin as a user runs it: a separate process on the compiled build. */
const bin = join(import.meta.dirname, '..', '..', 'bin', 'linesight.js');
const dir = mkdtempSync(join(tmpdir(), 'linesight-audit-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function linesight(args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const db = join(dir, 'j.db');
let session: number;
const heads: AuditHead[] = [];

beforeAll(async () => {
  const j = openJournal(db);
  session = newSession(j.db);
  newSession(j.db, 'to-delete');
  j.close();
  const w = await openJournalWriter(db);
  try {
    for (const [action, target] of [['exceptions.resend', 'msg-1'], ['exceptions.discard', 'msg-2, msg-3'], ['mappings.save', 'plant-broker']] as const) {
      heads.push(await w.appendAudit({ who: 'ana', role: null, action, session, target, details: { why: `because of ${target}` } }));
    }
  } finally {
    await w.close();
  }
});

/** A copy of the journal with the triggers dropped and `work` done on it, as someone with sqlite3 could. */
function tampered(name: string, work: (db: Database.Database) => void): string {
  const path = join(dir, name);
  copyFileSync(db, path);
  const raw = new Database(path);
  raw.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
  work(raw);
  raw.close();
  return path;
}

const rows = (raw: Database.Database) =>
  raw.prepare('SELECT id, at, who, role, action, session, target, details, prev_hash AS prevHash, hash FROM audit_log ORDER BY id').all() as AuditEntry[];

describe('linesight audit', () => {
  it('verify prints the entries checked and the head, and exits 0 for a whole chain; with the head printed before too', () => {
    const r = linesight(['audit', 'verify', db]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`audit log of ${db}: 3 entries checked\nhead: entry 3 ${heads[2]!.hash}\nthe chain is whole\n`);
    const held = linesight(['audit', 'verify', db, '--head', heads[2]!.hash.toUpperCase()]);
    expect(held.code).toBe(0);
    expect(held.stdout).toMatch(/the chain still holds the head [0-9a-f]{64}\n$/);
    expect(linesight(['audit', 'verify', db, '--head', `2:${heads[1]!.hash}`]).code).toBe(0);
    const json = JSON.parse(linesight(['audit', 'verify', db, '--json']).stdout) as Record<string, unknown>;
    expect(json).toEqual({ ok: true, entries: 3, head: heads[2] });
  });

  it('verify exits 1 at the first broken entry: one entry changed', () => {
    const path = tampered('changed.db', (raw) => raw.prepare(`UPDATE audit_log SET target = 'msg-9' WHERE id = 2`).run());
    const r = linesight(['audit', 'verify', path]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('broken at entry 2: hash mismatch\n');
  });

  it('verify exits 1 with --head when the chain was rewritten from an entry onward (alone it says whole)', () => {
    const path = tampered('rewritten.db', (raw) => {
      let prev = heads[0]!.hash;
      for (const e of rows(raw).slice(1)) {
        const hash = auditHash({ ...e, who: 'mallory', prevHash: prev });
        raw.prepare(`UPDATE audit_log SET who = 'mallory', prev_hash = ?, hash = ? WHERE id = ?`).run(prev, hash, e.id);
        prev = hash;
      }
    });
    expect(linesight(['audit', 'verify', path]).code).toBe(0);
    const r = linesight(['audit', 'verify', path, '--head', heads[2]!.hash]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('the chain is whole\nhead does not match: no entry has hash');
    const at = linesight(['audit', 'verify', path, '--head', `3:${heads[2]!.hash}`]);
    expect(at.code).toBe(1);
    expect(at.stdout).toMatch(/head does not match: entry 3 has hash [0-9a-f]{16}…, not [0-9a-f]{16}…/);
  });

  it('list prints the entries as a table, and as JSON', () => {
    const r = linesight(['audit', 'list', db]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^id\s+at \(UTC\)\s+who\s+role\s+action\s+session\s+target\s+details\s+hash$/);
    expect(lines).toHaveLength(5);
    expect(lines[3]).toMatch(new RegExp(`^\\s*2\\s+\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\s+ana\\s+—\\s+exceptions\\.discard\\s+${session}\\s+msg-2, msg-3\\s+\\{"why":"because of msg-2, msg-3"\\}\\s+${heads[1]!.hash.slice(0, 12)}$`));
    const json = JSON.parse(linesight(['audit', 'list', db, '--json', '--last', '1']).stdout) as AuditEntry[];
    expect(json.map((e) => [e.id, e.action, e.hash])).toEqual([[3, 'mappings.save', heads[2]!.hash]]);
  });

  it('sessions --delete records the deletion in the audit log, and compaction keeps the chain', () => {
    const path = join(dir, 'delete.db');
    copyFileSync(db, path);
    const r = linesight(['sessions', path, '--delete', '2']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const json = JSON.parse(linesight(['audit', 'list', path, '--json', '--session', '2']).stdout) as AuditEntry[];
    expect(json).toHaveLength(1);
    expect(json[0]).toMatchObject({ id: 4, action: 'sessions.delete', session: 2, target: '2', role: 'engineer', prevHash: heads[2]!.hash });
    expect(JSON.parse(json[0]!.details)).toEqual({ kind: 'simulation', startedAt: expect.any(Number) });
    expect(linesight(['audit', 'verify', path, '--head', heads[2]!.hash]).code).toBe(0);
  });

  it('refuses bad input with exit 2', () => {
    writeFileSync(join(dir, 'not-a-journal.db'), 'hello, this is text\n'.repeat(100));
    const cases: Array<[string[], RegExp]> = [
      [['audit'], /audit needs verify or list/],
      [['audit', 'check', db], /audit needs verify or list/],
      [['audit', 'verify', join(dir, 'missing.db')], /no journal at/],
      [['audit', 'verify', join(dir, 'not-a-journal.db')], /is not a journal Linesight can read/],
      [['audit', 'verify', db, '--head', 'abc'], /--head: expected the head's SHA-256/],
      [['audit', 'list', db, '--last', '0'], /--last: expected a number of entries/],
      [['audit', 'verify', db, '--bogus'], /Unknown option/],
    ];
    for (const [args, message] of cases) {
      const r = linesight(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
    }
  });
});
