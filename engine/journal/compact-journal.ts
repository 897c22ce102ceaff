import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { existsSync, fsyncSync, openSync, closeSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { openJournal } from './open-journal.js';
import { nativeBindingOption } from './native-binding.js';

/** What compacting did: file sizes (the old one with its `-wal`) and the deleted sessions left out. */
export type CompactResult = { readonly bytesBefore: number; readonly bytesAfter: number; readonly removedSessions: readonly number[] };

const size = (path: string) => (existsSync(path) ? statSync(path).size : 0);
const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** A deleted session keeps a tombstone row (its id is never reused) with nothing that says what it was. */
const SESSIONS_SELECT = `SELECT id,
    CASE WHEN id IN (SELECT session FROM main.deleted_sessions) THEN '(deleted)' ELSE scenario END,
    CASE WHEN id IN (SELECT session FROM main.deleted_sessions) THEN NULL ELSE seed END,
    kind, started_at, ended_at,
    CASE WHEN id IN (SELECT session FROM main.deleted_sessions) THEN '{}' ELSE meta END,
    first_seq
  FROM main.sessions ORDER BY id`;

/**
 * Tables copied as they are: the schema history, the list of deletions itself, and the audit log —
 * a hash chain, whose entries (a deleted session's, and the deletion's own) must stay as they were.
 */
const KEEP_ALL = new Set(['migrations', 'deleted_sessions', 'audit_log']);

function tableColumns(db: Database.Database, schema: string, table: string): string[] {
  return (db.prepare(`SELECT name FROM pragma_table_info(?, ?) ORDER BY cid`).pluck().all(table, schema) as string[]);
}

/**
 * Rewrite the journal at `path` into a new file without the rows of deleted sessions, then put
 * the new file in its place. The journal must be closed by everyone else: switching the old file
 * out of WAL mode — which SQLite allows only to its sole connection — checks that, and makes its
 * `-wal` empty. Every table is copied with `INSERT … SELECT` keeping its ids (`seq` included), in
 * one transaction; the append-only triggers guard UPDATE and DELETE only, so they stay quiet. The
 * copy is checked (`integrity_check`, `foreign_key_check`, row counts per table) before an atomic
 * rename replaces the old file; on any failure the old file is left as it was and the copy removed.
 */
export function compactJournal(path: string): CompactResult {
  if (!existsSync(path)) throw new Error(`no journal at ${path}`);
  const bytesBefore = size(path) + size(`${path}-wal`);
  const temp = join(dirname(path), `.${basename(path)}.compact-${randomUUID()}`);
  // The copy gets the same schema by running the same migrations; then its rows are replaced.
  openJournal(path).close();
  openJournal(temp).close();
  let db: Database.Database | undefined;
  try {
    db = new Database(path, nativeBindingOption());
    db.pragma('busy_timeout = 2000');
    let mode: unknown;
    try {
      mode = db.pragma('journal_mode = DELETE', { simple: true });
    } catch (err) {
      throw new Error(`the journal is open elsewhere (${(err as Error).message}): close Linesight and other SQLite tools on ${path} first`, { cause: err });
    }
    if (mode !== 'delete') throw new Error(`the journal is open elsewhere: close Linesight and other SQLite tools on ${path} first`);
    db.prepare('ATTACH DATABASE ? AS dest').run(temp);
    const removedSessions = db.prepare('SELECT session FROM main.deleted_sessions ORDER BY session').pluck().all() as number[];
    const tables = db.prepare("SELECT name FROM dest.sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY rowid").pluck().all() as string[];
    const expected = new Map<string, number>();
    const copy = db.transaction(() => {
      db!.exec('DELETE FROM dest.migrations');
      for (const table of tables) {
        const columns = tableColumns(db!, 'dest', table);
        const list = columns.map(quote).join(', ');
        const where = KEEP_ALL.has(table) || !columns.includes('session') ? '' : ' WHERE session NOT IN (SELECT session FROM main.deleted_sessions)';
        const select = table === 'sessions' ? SESSIONS_SELECT : `SELECT ${list} FROM main.${quote(table)}${where}`;
        const info = db!.prepare(`INSERT INTO dest.${quote(table)} (${list}) ${select}`).run();
        expected.set(table, info.changes);
        const source = db!.prepare(`SELECT count(*) FROM main.${quote(table)}${table === 'sessions' ? '' : where}`).pluck().get() as number;
        if (source !== info.changes) throw new Error(`compaction copied ${info.changes} rows of ${table}, expected ${source}`);
      }
    });
    copy.immediate();
    db.exec('DETACH DATABASE dest');
    db.close();
    db = undefined;
    checkCopy(temp, expected);
    // The old file is in rollback mode now, so it has no -wal; remove leftovers of a crash anyway.
    rmSync(`${path}-wal`, { force: true });
    rmSync(`${path}-shm`, { force: true });
    rmSync(`${path}-journal`, { force: true });
    renameSync(temp, path);
    syncDir(dirname(path));
    return { bytesBefore, bytesAfter: size(path), removedSessions };
  } catch (err) {
    db?.close();
    for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${temp}${suffix}`, { force: true });
    throw err;
  }
}

/** Open the copy on its own and check it before it replaces anything. */
function checkCopy(temp: string, expected: ReadonlyMap<string, number>): void {
  const j = openJournal(temp);
  try {
    const integrity = j.db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') throw new Error(`the compacted copy fails integrity_check: ${String(integrity)}`);
    const orphans = j.db.pragma('foreign_key_check') as unknown[];
    if (orphans.length > 0) throw new Error(`the compacted copy has ${orphans.length} rows naming a missing session`);
    for (const [table, rows] of expected) {
      const n = j.db.prepare(`SELECT count(*) FROM ${quote(table)}`).pluck().get() as number;
      if (n !== rows) throw new Error(`the compacted copy has ${n} rows in ${table}, expected ${rows}`);
    }
    // Fold the copy's WAL into the file so the renamed file is complete on its own.
    j.db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    j.close();
  }
}

/** Make the rename durable (no-op where directories cannot be opened, e.g. Windows). */
function syncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // best effort
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
