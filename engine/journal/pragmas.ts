import type { Database } from 'better-sqlite3';

/**
 * Page size of a journal created by this build (an existing journal keeps the size it was made
 * with: changing it means rewriting the file). Measured on 100k-row appends after 100k (one
 * thread, `synchronous=FULL`, median of three): 16 KiB pages cost about a sixth less CPU per row
 * than SQLite's default 4 KiB with the simulator's ids (13.0 → 10.9 µs), and a quarter less with
 * random (UUID) ids (43.6 → 33.2 µs), whose index inserts dirty a page each: a commit writes
 * fewer, larger WAL frames, and the checkpoint copies fewer. 64 KiB was cheaper still here, but
 * then every random index insert rewrites 64 KiB.
 */
export const JOURNAL_PAGE_SIZE = 16384;

/**
 * WAL bytes after which a commit checkpoints them into the journal (SQLite's default is 1,000
 * pages). A page written by many commits is copied once per checkpoint, so a larger WAL copies
 * less: random (UUID) ids measured 18 % less CPU per row with 40 MB than with 4 MB, and with
 * 16 KiB pages 27.8 µs against 43.6 µs for 4 KiB pages and SQLite's default interval.
 */
const CHECKPOINT_BYTES = 64 * 1024 * 1024;

/**
 * Settings for the one connection that writes. WAL lets readers (UI queries, reports, tests) read
 * while the writer commits. better-sqlite3 builds SQLite with `synchronous=NORMAL` as the WAL
 * default, which may lose the last commits on power loss — an acknowledged input must survive
 * that, so FULL is set explicitly (and must be set after the journal mode).
 */
export function applyWriterPragmas(db: Database, opts: { maxPageCount?: number } = {}): void {
  // only an empty file takes a page size, and only before it is in WAL mode
  if (db.pragma('page_count', { simple: true }) === 0) db.pragma(`page_size = ${JOURNAL_PAGE_SIZE}`);
  const mode = db.pragma('journal_mode = WAL', { simple: true });
  if (mode !== 'wal') throw new Error(`journal could not switch to WAL mode (got "${String(mode)}")`);
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  // Wait for a reader's checkpoint lock rather than fail at once.
  db.pragma('busy_timeout = 5000');
  // Eight index B-trees are updated per row; a larger page cache keeps their hot pages in memory.
  db.pragma('cache_size = -65536');
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  db.pragma(`wal_autocheckpoint = ${Math.max(1000, Math.round(CHECKPOINT_BYTES / pageSize))}`);
  // Keep the -wal file from staying larger than that after a burst (bytes).
  db.pragma(`journal_size_limit = ${CHECKPOINT_BYTES}`);
  if (opts.maxPageCount !== undefined) db.pragma(`max_page_count = ${Math.floor(opts.maxPageCount)}`);
}

/** Settings for a reading connection: it never writes, it only waits politely for locks. */
export function applyReaderPragmas(db: Database): void {
  db.pragma('busy_timeout = 5000');
  db.pragma('cache_size = -16384');
}
