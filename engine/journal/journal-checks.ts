import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import Database from 'better-sqlite3';
import { appliedMigrations, checkMigrationPrefix } from './migrate.js';
import { MIGRATIONS } from './migrations/index.js';
import { nativeBindingOption } from './native-binding.js';

/**
 * The checks a journal gets when it is opened, before anything writes to it: what fits in the time
 * a user waits for the console. The header and the schema are read at once; `PRAGMA quick_check`
 * (every page, but not the indexes against their tables) only while the file is small enough to be
 * quick. The full `integrity_check` runs afterwards, in the background (`startIntegrityCheck`).
 */

/** Files up to this size get `quick_check` while the user waits (about 0.1 s per 10 MiB measured here). */
export const QUICK_CHECK_MAX_BYTES = 64 * 1024 * 1024;

const MAGIC = Buffer.from('SQLite format 3\0', 'latin1');
const HEADER_BYTES = 100;

/** Whether the file at `path` starts with the SQLite header (a journal, not a scenario or rules file). */
export function startsAsSqlite(path: string): boolean {
  if (!existsSync(path)) return false;
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(MAGIC.length);
    return readSync(fd, head, 0, MAGIC.length, 0) === MAGIC.length && head.equals(MAGIC);
  } finally {
    closeSync(fd);
  }
}

/** What the checks at open found. */
export type JournalCheck =
  /** no file yet (or an empty one): a new journal */
  | { readonly state: 'new' }
  /** header and schema sound; `quick`: quick_check ran too and found nothing */
  | { readonly state: 'ok'; readonly quick: boolean }
  /** damaged: never write to it */
  | { readonly state: 'corrupt'; readonly problem: string }
  /** could not be read for another reason (locked, no permission, a newer schema): opening it will say why */
  | { readonly state: 'unchecked'; readonly reason: string };

/**
 * Pure: what is wrong with an SQLite file's 100-byte header given the file's size, or null.
 * Catches a file that is not SQLite at all, a header overwritten, and a truncated file.
 * `walBytes`: the size of the `-wal` file beside it. While a WAL holds frames, a header that counts
 * more pages than the file holds is no damage: a checkpoint writes pages in page order, page 1
 * (with the new count) first, so a process killed mid-checkpoint leaves exactly that, and SQLite
 * completes it from the WAL at the next open (the crash harness met this after a SIGKILL).
 */
export function journalHeaderProblem(header: Buffer, fileSize: number, walBytes = 0): string | null {
  if (fileSize < HEADER_BYTES || header.length < HEADER_BYTES) return `the file is ${fileSize} bytes, too short for an SQLite database`;
  if (!header.subarray(0, 16).equals(MAGIC)) return 'the file does not start with the SQLite header ("SQLite format 3")';
  const raw = header.readUInt16BE(16);
  const pageSize = raw === 1 ? 65536 : raw;
  if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) !== 0) return `the header's page size (${raw}) is not a power of two from 512 to 65536`;
  if (![1, 2].includes(header[18]!) || ![1, 2].includes(header[19]!)) return `the header's file format versions (${header[18]}, ${header[19]}) are not 1 or 2`;
  if (header[21] !== 64 || header[22] !== 32 || header[23] !== 32) return "the header's payload fractions are not 64/32/32";
  if (fileSize % pageSize !== 0) return `the file's size (${fileSize} bytes) is not a whole number of ${pageSize}-byte pages`;
  // the page count in the header is valid when its version-valid-for number matches the change counter
  const pages = header.readUInt32BE(28);
  if (walBytes === 0 && pages > 0 && header.readUInt32BE(92) === header.readUInt32BE(24) && pages * pageSize > fileSize) {
    return `the file is truncated: its header counts ${pages} pages of ${pageSize} bytes, the file holds ${fileSize / pageSize}`;
  }
  return null;
}

/**
 * The findings of `quick_check` / `integrity_check`, one per line: SQLite answers "ok", or rows
 * whose text may hold several lines under a "*** in database main ***" heading.
 */
export function checkFindings(rows: readonly Record<string, string>[]): string[] {
  return rows
    .flatMap((r) => String(Object.values(r)[0] ?? '').split('\n'))
    .map((l) => l.trim())
    .filter((l) => l !== '' && l !== 'ok' && !/^\*\*\* in database \w+ \*\*\*$/.test(l));
}

/** SQLite error codes that mean the file is damaged (not merely locked or unreadable). */
const CORRUPT_CODES = new Set(['SQLITE_CORRUPT', 'SQLITE_NOTADB', 'SQLITE_CORRUPT_INDEX', 'SQLITE_CORRUPT_SEQUENCE', 'SQLITE_CORRUPT_VTAB']);

function readHeader(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    const header = Buffer.alloc(HEADER_BYTES);
    readSync(fd, header, 0, HEADER_BYTES, 0);
    return header;
  } finally {
    closeSync(fd);
  }
}

/**
 * The checks at open, on a read-only connection: the file is never changed. `quickCheckMaxBytes`
 * (default `QUICK_CHECK_MAX_BYTES`) bounds the files `quick_check` runs on now.
 */
export function checkJournalAtOpen(path: string, opts: { readonly quickCheckMaxBytes?: number } = {}): JournalCheck {
  if (!existsSync(path)) return { state: 'new' };
  let size: number;
  try {
    size = statSync(path).size;
    if (size === 0) return { state: 'new' };
    const wal = `${path}-wal`;
    const problem = journalHeaderProblem(readHeader(path), size, existsSync(wal) ? statSync(wal).size : 0);
    if (problem !== null) return { state: 'corrupt', problem };
  } catch (err) {
    return { state: 'unchecked', reason: (err as Error).message };
  }
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { ...nativeBindingOption(), readonly: true, fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    // reads every page of the schema: a damaged sqlite_schema fails here
    const tables = new Set(db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all() as string[]);
    const applied = appliedMigrations(db);
    checkMigrationPrefix(applied, MIGRATIONS, path);
    if (applied.length > 0) {
      for (const t of ['sessions', 'events', 'quarantine']) if (!tables.has(t)) return { state: 'corrupt', problem: `its schema lacks the ${t} table` };
      // the right edge of the largest tables: a damaged interior page on the way fails here
      db.prepare('SELECT max(seq) FROM events').get();
      db.prepare('SELECT max(id) FROM sessions').get();
    }
    const quick = size <= (opts.quickCheckMaxBytes ?? QUICK_CHECK_MAX_BYTES);
    if (quick) {
      const found = checkFindings(db.pragma('quick_check(20)', { simple: false }) as Record<string, string>[]);
      if (found.length > 0) return { state: 'corrupt', problem: `quick_check: ${found.slice(0, 3).join('; ')}${found.length > 3 ? '; …' : ''}` };
    }
    return { state: 'ok', quick };
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    if (typeof code === 'string' && CORRUPT_CODES.has(code)) return { state: 'corrupt', problem: `${(err as Error).message} (${code})` };
    return { state: 'unchecked', reason: (err as Error).message };
  } finally {
    db?.close();
  }
}

/** A journal named at start that the checks found damaged, and the new one used instead. */
export type ReplacedJournal = {
  /** the damaged journal, left exactly as it was: open it read-only to export what it holds */
  readonly path: string;
  readonly problem: string;
};

/** Which journal to write to: the one asked for, or — when that one is damaged — a new one beside it. */
export type PreparedJournal = {
  readonly path: string;
  readonly check: JournalCheck;
  /** set when the journal asked for was damaged */
  readonly replaced?: ReplacedJournal;
};

/** `linesight.db` → `linesight.2.db`, `linesight.3.db`, …: the candidates for a journal beside a damaged one. */
export function siblingJournalPath(path: string, n: number): string {
  const ext = extname(path);
  return join(dirname(path), `${basename(path, ext)}.${n}${ext}`);
}

/**
 * Check the journal at `path` before it is opened for writing. A damaged one is never written to:
 * the next sibling (`name.2.db`, `name.3.db`, …) that is new or sound is used instead, so a restart
 * with the same `--journal` keeps appending to the same replacement.
 */
export function prepareJournal(path: string, opts: { readonly quickCheckMaxBytes?: number } = {}): PreparedJournal {
  const check = checkJournalAtOpen(path, opts);
  if (check.state !== 'corrupt') return { path, check };
  for (let n = 2; n < 100; n++) {
    const candidate = siblingJournalPath(path, n);
    const c = checkJournalAtOpen(candidate, opts);
    if (c.state === 'new' || c.state === 'ok') return { path: candidate, check: c, replaced: { path, problem: check.problem } };
  }
  throw new Error(`journal ${path} is damaged (${check.problem}) and so are the 98 journals started beside it: choose another with --journal`);
}

/** What to tell the user when a damaged journal was replaced: both paths, and how to get at the old one's data. */
export function replacedJournalNotice(prepared: Pick<PreparedJournal, 'path' | 'replaced'>): string | null {
  const r = prepared.replaced;
  if (r === undefined) return null;
  return (
    `journal ${r.path} is damaged (${r.problem}): it was left untouched, read-only — export its sessions with ` +
    `\`linesight export ${r.path}\` — and new sessions go to ${prepared.path}`
  );
}
