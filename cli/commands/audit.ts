import { resolve } from 'node:path';
import { hasAuditLog, listAudit, verifyAudit, type AuditEntry, type AuditVerification, type ExpectedHead, type Journal } from '../../engine/journal/index.js';
import { UsageError } from '../errors.js';
import { parseOptions } from '../parse-options.js';
import { renderTable } from '../table.js';
import { openReader, parseSessionId } from './sessions.js';

export const AUDIT_USAGE = `linesight audit verify <journal> [--head HASH] [--json]
linesight audit list <journal> [--session ID] [--last N] [--json]

  The journal's audit log records who published to a broker (a simulation or watch that publishes,
  an injection or reversal sent to one), replayed a session to a broker, resent or discarded a dead
  letter, saved a connection's mappings or deleted a session. Its entries are hash-chained.
  verify       walks the chain and prints the entries checked and its head (last entry and hash);
               an entry changed, removed or inserted: "broken at entry N: <reason>"
  --head HASH  also check the chain still holds this head (HASH, or N:HASH for entry N), as an
               evidence pack printed it: a chain rewritten from an entry onward is whole again,
               but no longer holds the head printed before
  list         the entries as a table, oldest first (times UTC)
  --session ID only the entries about session ID
  --last N     only the last N entries
  --json       print the result as JSON

  Exit codes: 0 the chain is whole (and holds the head) · 1 it is broken, or does not hold the head ·
  2 bad input (no such journal, a malformed hash)`;

const HEAD = /^(?:(\d+):)?([0-9a-fA-F]{64})$/;

/** `--head HASH` or `--head N:HASH`. */
function parseHead(text: string): ExpectedHead {
  const m = HEAD.exec(text.trim());
  if (m === null) throw new UsageError(`--head: expected the head's SHA-256 (64 hex digits), or N:HASH for entry N; got "${text}"`);
  const id = m[1] === undefined ? undefined : Number(m[1]);
  if (id !== undefined && (!Number.isSafeInteger(id) || id < 1)) throw new UsageError(`--head: expected an entry number ≥ 1 before the colon, got "${m[1]}"`);
  return { hash: m[2]!.toLowerCase(), ...(id === undefined ? {} : { id }) };
}

/** `--last N`: a whole number ≥ 1. */
function parseCount(text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(n) || n < 1) throw new UsageError(`--last: expected a number of entries ≥ 1, got "${text}"`);
  return n;
}

/** Open the journal for reading; a file that is not a journal is bad input. */
function open(path: string): Journal {
  try {
    return openReader(path);
  } catch (err) {
    if (err instanceof UsageError) throw err;
    throw new UsageError(`${path} is not a journal Linesight can read: ${(err as Error).message}`);
  }
}

/** `linesight audit`: returns the process exit code. */
export function auditCommand(argv: readonly string[], out: NodeJS.WritableStream = process.stdout): number {
  const { values, positionals } = parseOptions(
    argv,
    { head: { type: 'string' }, session: { type: 'string' }, last: { type: 'string' }, json: { type: 'boolean' } } as const,
    AUDIT_USAGE,
  );
  const [sub, file, ...extra] = positionals;
  if ((sub !== 'verify' && sub !== 'list') || file === undefined || extra.length > 0) {
    throw new UsageError(`audit needs verify or list, and one journal file\n\n${AUDIT_USAGE}`);
  }
  if (sub === 'verify' && (values.session !== undefined || values.last !== undefined)) throw new UsageError('--session and --last go with audit list');
  if (sub === 'list' && values.head !== undefined) throw new UsageError('--head goes with audit verify');
  const head = values.head === undefined ? undefined : parseHead(values.head);
  const session = values.session === undefined ? undefined : parseSessionId(values.session, '--session');
  const last = values.last === undefined ? undefined : parseCount(values.last);
  const path = resolve(file);
  const journal = open(path);
  try {
    // a journal opened here is at the newest migration: without the table, someone dropped it
    if (!hasAuditLog(journal.db)) {
      out.write(values.json === true ? `${JSON.stringify({ ok: false, problem: 'no audit_log table' })}\n` : `broken: ${path} has no audit_log table (it was dropped)\n`);
      return 1;
    }
    if (sub === 'list') {
      const entries = listAudit(journal.db, { ...(session === undefined ? {} : { session }), ...(last === undefined ? {} : { limit: last }) });
      out.write(values.json === true ? `${JSON.stringify(entries, null, 2)}\n` : `${auditTable(entries)}\n`);
      return 0;
    }
    const v = verifyAudit(journal.db, head);
    out.write(values.json === true ? `${JSON.stringify(v, null, 2)}\n` : `${describeVerification(path, v, head)}\n`);
    return v.ok ? 0 : 1;
  } finally {
    journal.close();
  }
}

/** What verify prints: entries checked, the head, the first break, whether the given head is held. */
export function describeVerification(path: string, v: AuditVerification, head: ExpectedHead | undefined): string {
  const lines = [`audit log of ${path}: ${v.entries} ${v.entries === 1 ? 'entry' : 'entries'} checked`];
  lines.push(v.head === null ? 'head: none (the audit log is empty)' : `head: entry ${v.head.id} ${v.head.hash}`);
  lines.push(v.firstBroken === undefined ? 'the chain is whole' : `broken at entry ${v.firstBroken.id}: ${v.firstBroken.reason}`);
  if (head !== undefined) {
    const which = `${head.id === undefined ? '' : `${head.id}:`}${head.hash}`;
    lines.push(v.headMatches === true ? `the chain still holds the head ${which}` : `head does not match: ${v.headProblem ?? `the chain does not hold ${which}`}`);
  }
  return lines.join('\n');
}

const utc = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
const clip = (text: string | null, max: number) => (text === null ? '—' : text.length > max ? `${text.slice(0, max - 1)}…` : text);

function auditTable(entries: readonly AuditEntry[]): string {
  if (entries.length === 0) return 'no audit entries';
  return renderTable(
    ['id', 'at (UTC)', 'who', 'role', 'action', 'session', 'target', 'details', 'hash'],
    entries.map((e) => [e.id, utc(e.at), clip(e.who, 24), e.role ?? '—', e.action, e.session ?? '—', clip(e.target, 40), clip(e.details, 60), e.hash.slice(0, 12)]),
  );
}
