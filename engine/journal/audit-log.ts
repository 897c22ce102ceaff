import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { canonicalJson } from './canonical-json.js';
import { statement } from './statement-cache.js';

/**
 * The audit log (migration 11): a hash chain of the actions that reach beyond Linesight or change
 * what it kept. Each entry's `hash` is SHA-256 (lowercase hex) over the RFC 8785 canonical JSON of
 * `{ action, at, details, id, prev_hash, role, session, target, who }` — `details` as its stored
 * JSON text, a NULL as `null` — and `prev_hash` is the previous entry's `hash` (the first entry's:
 * `AUDIT_GENESIS`). Changing, removing or inserting an entry breaks the chain at that entry; a
 * chain rewritten from an entry onward (hashes recomputed) is whole again, and only a head printed
 * before (an evidence pack's) tells: the entry at its position no longer has that hash.
 */

/** `prev_hash` of the first entry: 64 zeros. */
export const AUDIT_GENESIS = '0'.repeat(64);

/** What Linesight records in the audit log. */
export const AUDIT_ACTIONS = [
  /** a simulation or watch that publishes to a broker started */
  'session.publish',
  /** a recorded session is being replayed to a broker */
  'session.replay-to-broker',
  /** an operator's injection went out to a broker */
  'operator.inject',
  /** a reversal went out to a broker */
  'reversals.request',
  'exceptions.resend',
  'exceptions.discard',
  /** a watched connection's mappings file was replaced */
  'mappings.save',
  'sessions.delete',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** What the writer appends; it adds the position, the time and the hashes. */
export type AuditEntryInput = {
  /** the operator's name */
  readonly who: string;
  /** NULL until Linesight knows roles */
  readonly role: string | null;
  readonly action: AuditAction;
  /** the session the action concerned (null: none) */
  readonly session: number | null;
  /** what it acted on: message ids, a session, a connection */
  readonly target: string | null;
  /** a few facts about it, JSON-serializable (never a password) */
  readonly details: unknown;
};

/** The last entry of the chain: its position and hash. */
export type AuditHead = { readonly id: number; readonly hash: string };

/** One row of `audit_log`; `details` is its JSON text as stored (and hashed). */
export type AuditEntry = {
  readonly id: number;
  /** wall clock, epoch ms */
  readonly at: number;
  readonly who: string;
  readonly role: string | null;
  readonly action: string;
  readonly session: number | null;
  readonly target: string | null;
  readonly details: string;
  readonly prevHash: string;
  readonly hash: string;
};

/** Why the chain is broken at an entry. */
export type AuditBreakReason = 'hash mismatch' | 'prev_hash does not link' | 'missing entry (gap in ids)';

/** What `verifyAudit` found. */
export type AuditVerification = {
  /** the chain is whole (and, when a head was given, still holds it) */
  readonly ok: boolean;
  /** entries in the log */
  readonly entries: number;
  /** the first entry at which the chain breaks (for a gap: the missing id) */
  readonly firstBroken?: { readonly id: number; readonly reason: AuditBreakReason };
  /** the log's last entry as stored (null: the log is empty) */
  readonly head: AuditHead | null;
  /** a head was given: whether the chain still holds it (that hash, at that position when one was given) */
  readonly headMatches?: boolean;
  /** why it does not, in words */
  readonly headProblem?: string;
};

/** A head printed earlier (an evidence pack's): its hash, and its position when known. */
export type ExpectedHead = { readonly hash: string; readonly id?: number };

const COLUMNS = 'id, at, who, role, action, session, target, details, prev_hash AS prevHash, hash';
const INSERT = 'INSERT INTO audit_log (id, at, who, role, action, session, target, details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)';
const HEAD = 'SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1';

/** The hash of an entry from its other columns (see the top of this file). */
export function auditHash(e: Omit<AuditEntry, 'hash'>): string {
  // keys in RFC 8785 order already; canonicalJson checks that and writes it as JSON.stringify would
  const text = canonicalJson({
    action: e.action,
    at: e.at,
    details: e.details,
    id: e.id,
    prev_hash: e.prevHash,
    role: e.role,
    session: e.session,
    target: e.target,
    who: e.who,
  });
  return createHash('sha256').update(text).digest('hex');
}

/** Whether the journal has the audit log (a journal from before migration 11 opened read-only has not; nor has one whose table was dropped). */
export function hasAuditLog(db: Database): boolean {
  return statement(db, "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'audit_log'", 'pluck').get() !== undefined;
}

/** The last entry of the chain, or null when the log is empty. */
export function auditHead(db: Database): AuditHead | null {
  return (statement(db, HEAD).get() as AuditHead | undefined) ?? null;
}

const text = (value: unknown, what: string, max: number): string => {
  if (typeof value !== 'string' || value.trim() === '') throw new Error(`audit entry: ${what} must be non-empty text`);
  if (value.length > max) throw new Error(`audit entry: ${what} must be at most ${max} characters`);
  return value;
};

/**
 * Append an entry after the last one. The caller holds an IMMEDIATE transaction (the writer does),
 * so nothing comes between reading the head and inserting the next entry.
 */
export function appendAudit(db: Database, entry: AuditEntryInput, now: number): AuditHead {
  const who = text(entry.who, 'who', 200);
  const action = text(entry.action, 'action', 100);
  const role = entry.role === null ? null : text(entry.role, 'role', 100);
  const target = entry.target === null ? null : text(entry.target, 'target', 4000);
  const session = entry.session;
  if (session !== null && (!Number.isSafeInteger(session) || session < 1)) throw new Error(`audit entry: session must be a session number, got ${String(session)}`);
  const details = canonicalJson(entry.details ?? {});
  const last = auditHead(db);
  const row = { id: (last?.id ?? 0) + 1, at: now, who, role, action, session, target, details, prevHash: last?.hash ?? AUDIT_GENESIS };
  const hash = auditHash(row);
  statement(db, INSERT).run(row.id, row.at, row.who, row.role, row.action, row.session, row.target, row.details, row.prevHash, hash);
  return { id: row.id, hash };
}

/** The entries in chain order (`session`: only those that name it; `limit`: the last N). */
export function listAudit(db: Database, opts: { readonly session?: number; readonly limit?: number } = {}): AuditEntry[] {
  const where = opts.session === undefined ? '' : ' WHERE session = ?';
  const params = opts.session === undefined ? [] : [opts.session];
  if (opts.limit === undefined) return statement(db, `SELECT ${COLUMNS} FROM audit_log${where} ORDER BY id`).all(...params) as AuditEntry[];
  const last = statement(db, `SELECT ${COLUMNS} FROM audit_log${where} ORDER BY id DESC LIMIT ?`).all(...params, opts.limit) as AuditEntry[];
  return last.reverse();
}

/**
 * Walk the chain from its first entry and report the first one that breaks it: an id missing (ids
 * run 1, 2, 3 …), a `prev_hash` that is not the hash of the entry before it, or a hash that its
 * columns do not give. With `expected`, also check the chain still holds that head: an entry with
 * that hash (at that id, when given). Rows are streamed, never all in memory.
 */
export function verifyAudit(db: Database, expected?: ExpectedHead): AuditVerification {
  const wanted = expected === undefined ? undefined : { hash: expected.hash.trim().toLowerCase(), id: expected.id };
  let entries = 0;
  let nextId = 1;
  let prev = AUDIT_GENESIS;
  let head: AuditHead | null = null;
  let firstBroken: AuditVerification['firstBroken'];
  let foundAt: number | undefined;
  let atPosition: string | undefined;
  for (const row of statement(db, `SELECT ${COLUMNS} FROM audit_log ORDER BY id`).iterate() as IterableIterator<AuditEntry>) {
    entries++;
    head = { id: row.id, hash: row.hash };
    if (wanted !== undefined) {
      if (row.hash === wanted.hash && (wanted.id === undefined || wanted.id === row.id)) foundAt = row.id;
      if (wanted.id === row.id) atPosition = row.hash;
    }
    if (firstBroken !== undefined) continue;
    if (row.id > nextId) firstBroken = { id: nextId, reason: 'missing entry (gap in ids)' };
    else if (row.prevHash !== prev) firstBroken = { id: row.id, reason: 'prev_hash does not link' };
    else if (auditHash(row) !== row.hash) firstBroken = { id: row.id, reason: 'hash mismatch' };
    nextId = row.id + 1;
    prev = row.hash;
  }
  const base = { entries, head, ...(firstBroken === undefined ? {} : { firstBroken }) };
  if (wanted === undefined) return { ok: firstBroken === undefined, ...base };
  const headMatches = foundAt !== undefined;
  const headProblem = headMatches ? undefined : headMismatch(wanted, head, atPosition);
  return { ok: firstBroken === undefined && headMatches, ...base, headMatches, ...(headProblem === undefined ? {} : { headProblem }) };
}

function headMismatch(wanted: { hash: string; id: number | undefined }, head: AuditHead | null, atPosition: string | undefined): string {
  const short = (h: string) => h.slice(0, 16);
  if (head === null) return `the audit log is empty, yet it once ended in ${short(wanted.hash)}…`;
  if (wanted.id !== undefined && atPosition === undefined) return `the audit log has no entry ${wanted.id} (it ends at entry ${head.id}): entries were removed`;
  if (wanted.id !== undefined) return `entry ${wanted.id} has hash ${short(atPosition!)}…, not ${short(wanted.hash)}…: the chain was rewritten at or before it`;
  return `no entry has hash ${short(wanted.hash)}…: the chain was rewritten at or before the entry that was its head, or that entry was removed`;
}
