import type { Database } from 'better-sqlite3';

/**
 * Settings for the one connection that writes. WAL lets readers (UI queries, reports, tests) read
 * while the writer commits. better-sqlite3 builds SQLite with `synchronous=NORMAL` as the WAL
 * default, which may lose the last commits on power loss — an acknowledged input must survive
 * that, so FULL is set explicitly (and must be set after the journal mode).
 */
export function applyWriterPragmas(db: Database, opts: { maxPageCount?: number } = {}): void {
  const mode = db.pragma('journal_mode = WAL', { simple: true });
  if (mode !== 'wal') throw new Error(`journal could not switch to WAL mode (got "${String(mode)}")`);
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  // Wait for a reader's checkpoint lock rather than fail at once.
  db.pragma('busy_timeout = 5000');
  // Six index B-trees are updated per row; a larger page cache keeps their hot pages in memory.
  db.pragma('cache_size = -65536');
  // Keep the -wal file from staying huge after a burst (bytes).
  db.pragma('journal_size_limit = 67108864');
  if (opts.maxPageCount !== undefined) db.pragma(`max_page_count = ${Math.floor(opts.maxPageCount)}`);
}

/** Settings for a reading connection: it never writes, it only waits politely for locks. */
export function applyReaderPragmas(db: Database): void {
  db.pragma('busy_timeout = 5000');
  db.pragma('cache_size = -16384');
}
