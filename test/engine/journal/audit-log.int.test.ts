import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { AUDIT_GENESIS, auditHash, auditHead, verifyAudit, type AuditEntry, type AuditEntryInput, type AuditHead } from '../../../engine/journal/audit-log.js';
import { compactJournal } from '../../../engine/journal/compact-journal.js';
import { MIGRATIONS } from '../../../engine/journal/migrations/index.js';
import { openJournal } from '../../../engine/journal/open-journal.js';
import { openJournalReader } from '../../../engine/journal/open-reader.js';
import { sessionDigest } from '../../../engine/journal/session-digest.js';
import { openJournalWriter } from '../../../engine/journal/writer.js';
import { orderEvent, tempDir } from './fixtures.js';
import { appendEvents, newSession } from './helpers.js';

/**
 * The audit log (migration 11): entries appended by the one writer, hash-chained; a changed entry is
 * found at exactly that entry, a removed one as a gap, and a chain rewritten from an entry onward —
 * whole again — by the head printed before. Compaction keeps every entry; no digest includes them.
 */
const tmp = tempDir('linesight-audit-');
afterAll(() => tmp.cleanup());

const entry = (n: number, session: number | null = null): AuditEntryInput => ({
  who: `engineer-${n}`,
  role: null,
  action: n % 2 === 0 ? 'exceptions.discard' : 'exceptions.resend',
  session,
  target: `msg-${n}`,
  details: { why: `reason ${n}`, changes: { uom: 'EA', qty: n } },
});

/** A journal with one session and `n` audit entries appended through the writer; answers the heads it was told. */
async function chain(name: string, n: number): Promise<{ path: string; session: number; heads: AuditHead[] }> {
  const path = tmp.path(name);
  const j = openJournal(path);
  const session = newSession(j.db);
  j.close();
  const w = await openJournalWriter(path);
  const heads: AuditHead[] = [];
  try {
    for (let i = 1; i <= n; i++) heads.push(await w.appendAudit(entry(i, session)));
  } finally {
    await w.close();
  }
  return { path, session, heads };
}

const rows = (db: Database.Database) =>
  db.prepare('SELECT id, at, who, role, action, session, target, details, prev_hash AS prevHash, hash FROM audit_log ORDER BY id').all() as AuditEntry[];

/** A raw connection with the append-only triggers dropped: what someone with an SQLite tool can do. */
function tamper(path: string, work: (db: Database.Database) => void): void {
  const db = new Database(path);
  try {
    db.exec('DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete;');
    work(db);
  } finally {
    db.close();
  }
}

function verify(path: string, head?: { hash: string; id?: number }) {
  const r = openJournal(path, { readonly: true });
  try {
    return verifyAudit(r.db, head);
  } finally {
    r.close();
  }
}

describe('the audit log', () => {
  it('chains entries appended by the writer: ids 1…n, each prev_hash the hash before (64 zeros first), each hash over the documented JSON', async () => {
    const { path, session, heads } = await chain('append.db', 5);
    expect(heads.map((h) => h.id)).toEqual([1, 2, 3, 4, 5]);
    const r = openJournalReader(path);
    const all = rows(r.db);
    expect(all.map((e) => e.prevHash)).toEqual([AUDIT_GENESIS, ...heads.slice(0, 4).map((h) => h.hash)]);
    expect(all.map((e) => e.hash)).toEqual(heads.map((h) => h.hash));
    expect(AUDIT_GENESIS).toBe('0'.repeat(64));
    // the definition in docs/journal.md, written out independently: sorted keys, no whitespace, details as its text
    const e3 = all[2]!;
    expect(e3).toMatchObject({ who: 'engineer-3', role: null, action: 'exceptions.resend', session, target: 'msg-3', details: '{"changes":{"qty":3,"uom":"EA"},"why":"reason 3"}' });
    const preimage =
      `{"action":${JSON.stringify(e3.action)},"at":${e3.at},"details":${JSON.stringify(e3.details)},"id":3,"prev_hash":"${e3.prevHash}",` +
      `"role":null,"session":${session},"target":"msg-3","who":"engineer-3"}`;
    expect(createHash('sha256').update(preimage).digest('hex')).toBe(e3.hash);
    expect(auditHash(e3)).toBe(e3.hash);
    expect(auditHead(r.db)).toEqual(heads[4]);
    expect(verifyAudit(r.db)).toEqual({ ok: true, entries: 5, head: heads[4] });
    expect(verifyAudit(r.db, { hash: heads[4]!.hash.toUpperCase() })).toEqual({ ok: true, entries: 5, head: heads[4], headMatches: true });
    // an older head is still held: entries appended since do not change it
    expect(verifyAudit(r.db, { hash: heads[1]!.hash, id: 2 })).toMatchObject({ ok: true, headMatches: true });
    r.close();
    const j = openJournal(path);
    expect(() => j.db.exec("UPDATE audit_log SET who = 'someone else'")).toThrow(/audit_log is append-only: UPDATE is not allowed/);
    expect(() => j.db.exec('DELETE FROM audit_log WHERE id = 5')).toThrow(/audit_log is append-only: DELETE is not allowed/);
    j.close();
  });

  it('an empty log verifies, with no head; a head given for it is not held', async () => {
    const { path } = await chain('empty.db', 0);
    expect(verify(path)).toEqual({ ok: true, entries: 0, head: null });
    expect(verify(path, { hash: 'a'.repeat(64) })).toMatchObject({ ok: false, headMatches: false, headProblem: expect.stringMatching(/empty/) });
  });

  it('finds one tampered entry at exactly that entry', async () => {
    const { path, heads } = await chain('tamper.db', 6);
    tamper(path, (db) => db.prepare(`UPDATE audit_log SET details = '{"changes":{"qty":300,"uom":"EA"},"why":"reason 3"}' WHERE id = 3`).run());
    expect(verify(path)).toEqual({ ok: false, entries: 6, head: heads[5], firstBroken: { id: 3, reason: 'hash mismatch' } });
    // the same entry with its own hash recomputed: the next entry no longer links to it
    tamper(path, (db) => {
      const e3 = rows(db)[2]!;
      db.prepare('UPDATE audit_log SET hash = ? WHERE id = 3').run(auditHash(e3));
    });
    expect(verify(path).firstBroken).toEqual({ id: 4, reason: 'prev_hash does not link' });
  });

  it('a chain rewritten from the tampered entry onward verifies alone, but no longer holds the head printed before', async () => {
    const { path, heads } = await chain('rewrite.db', 6);
    const printed = heads[5]!;
    tamper(path, (db) => {
      let prev = heads[1]!.hash;
      for (const e of rows(db).slice(2)) {
        const changed = { ...e, who: e.id === 3 ? 'nobody' : e.who, prevHash: prev };
        const hash = auditHash(changed);
        db.prepare('UPDATE audit_log SET who = ?, prev_hash = ?, hash = ? WHERE id = ?').run(changed.who, prev, hash, e.id);
        prev = hash;
      }
    });
    const alone = verify(path);
    expect(alone.ok).toBe(true);
    expect(alone.head?.id).toBe(6);
    expect(alone.head?.hash).not.toBe(printed.hash);
    const held = verify(path, { hash: printed.hash });
    expect(held).toMatchObject({ ok: false, entries: 6, headMatches: false });
    expect(held.firstBroken).toBeUndefined();
    expect(held.headProblem).toMatch(/no entry has hash .*rewritten/);
    expect(verify(path, { hash: printed.hash, id: 6 }).headProblem).toMatch(/^entry 6 has hash [0-9a-f]{16}…, not [0-9a-f]{16}…: the chain was rewritten/);
    // a head printed before the tampered entry is still held: a pack vouches for the entries up to its head
    expect(verify(path, { hash: heads[1]!.hash, id: 2 })).toMatchObject({ ok: true, headMatches: true });
  });

  it('finds a removed entry as a gap; a removed last entry only by the head printed before', async () => {
    const { path } = await chain('gap.db', 5);
    tamper(path, (db) => db.prepare('DELETE FROM audit_log WHERE id = 2').run());
    expect(verify(path)).toMatchObject({ ok: false, entries: 4, firstBroken: { id: 2, reason: 'missing entry (gap in ids)' } });

    const tail = await chain('tail.db', 5);
    tamper(tail.path, (db) => db.prepare('DELETE FROM audit_log WHERE id = 5').run());
    expect(verify(tail.path)).toEqual({ ok: true, entries: 4, head: tail.heads[3] });
    expect(verify(tail.path, { hash: tail.heads[4]!.hash, id: 5 })).toMatchObject({ ok: false, headMatches: false, headProblem: expect.stringMatching(/has no entry 5 \(it ends at entry 4\)/) });
  });

  it('keeps every entry as it was through the compaction that deletes a session, and no session digest includes them', async () => {
    const path = tmp.path('compact.db');
    const j = openJournal(path);
    const a = newSession(j.db, 'kept');
    appendEvents(j.db, a, Array.from({ length: 20 }, (_, i) => orderEvent(i)));
    const b = newSession(j.db, 'deleted');
    appendEvents(j.db, b, Array.from({ length: 20 }, (_, i) => orderEvent(i + 100)));
    const digestBefore = sessionDigest(j.db, a);
    j.close();

    const w = await openJournalWriter(path);
    await w.appendAudit(entry(1, a));
    await w.appendAudit(entry(2, b));
    await w.markDeleted(b);
    const head = await w.appendAudit({ who: 'engineer', role: null, action: 'sessions.delete', session: b, target: String(b), details: { kind: 'simulation' } });
    await w.close();

    const before = openJournalReader(path);
    const kept = rows(before.db);
    // entries name sessions, yet the digest reads events only
    expect(sessionDigest(before.db, a)).toBe(digestBefore);
    before.close();
    expect(kept.map((e) => e.session)).toEqual([a, b, b]);

    expect(compactJournal(path).removedSessions).toEqual([b]);
    const after = openJournalReader(path);
    expect(after.db.prepare('SELECT count(*) FROM events WHERE session = ?').pluck().get(b)).toBe(0);
    expect(rows(after.db)).toEqual(kept);
    expect(verifyAudit(after.db, head)).toEqual({ ok: true, entries: 3, head, headMatches: true });
    expect(sessionDigest(after.db, a)).toBe(digestBefore);
    expect(after.db.prepare('SELECT name FROM migrations ORDER BY id').pluck().all()).toEqual(MIGRATIONS.map((m) => m.name));
    after.close();

    // the compacted journal appends after the kept head, and refuses UPDATE/DELETE as before
    const w2 = await openJournalWriter(path);
    expect(await w2.appendAudit(entry(4, a))).toMatchObject({ id: 4 });
    await w2.close();
    expect(verify(path)).toMatchObject({ ok: true, entries: 4 });
    const raw = openJournal(path);
    expect(() => raw.db.exec('DELETE FROM audit_log')).toThrow(/append-only/);
    raw.close();
  });

  it('refuses an entry without who or action, or with a session that is not a number, and appends nothing', async () => {
    const { path } = await chain('refused.db', 1);
    const w = await openJournalWriter(path);
    try {
      await expect(w.appendAudit({ ...entry(2), who: ' ' })).rejects.toThrow(/who must be non-empty/);
      await expect(w.appendAudit({ ...entry(2), action: '' as never })).rejects.toThrow(/action must be non-empty/);
      await expect(w.appendAudit({ ...entry(2), session: 0 })).rejects.toThrow(/session must be a session number/);
      expect(await w.appendAudit(entry(2))).toMatchObject({ id: 2 });
    } finally {
      await w.close();
    }
    expect(verify(path)).toMatchObject({ ok: true, entries: 2 });
  });
});
