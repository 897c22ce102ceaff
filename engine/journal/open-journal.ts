import Database from 'better-sqlite3';
import { appliedMigrations, checkMigrationPrefix, JournalSchemaError, migrate } from './migrate.js';
import { MIGRATIONS } from './migrations/index.js';
import { applyReaderPragmas, applyWriterPragmas } from './pragmas.js';
import { nativeBindingOption } from './native-binding.js';

/** An open journal file on the calling thread: the raw handle plus its path. */
export type Journal = {
  readonly db: Database.Database;
  readonly path: string;
  readonly readonly: boolean;
  close(): void;
};

export type OpenJournalOptions = {
  /** open for reading only: no migrations, no writes; the file must exist and be fully migrated */
  readonly readonly?: boolean;
  /** cap the file at this many pages; a write beyond it fails with SQLITE_FULL (tests provoke a full disk this way) */
  readonly maxPageCount?: number;
};

/**
 * Open a journal synchronously. Writable opens set the writer pragmas and run pending migrations;
 * the application's one writer is the worker behind `openJournalWriter` — a writable open here is
 * for tools, tests and the benchmark baseline. Readers open `readonly` and may run alongside it.
 */
export function openJournal(path: string, opts: OpenJournalOptions = {}): Journal {
  const readonly = opts.readonly ?? false;
  const db = new Database(path, { ...nativeBindingOption(), ...(readonly ? { readonly: true, fileMustExist: true } : {}) });
  try {
    if (readonly) {
      applyReaderPragmas(db);
      const applied = appliedMigrations(db);
      checkMigrationPrefix(applied, MIGRATIONS, path);
      if (applied.length < MIGRATIONS.length) {
        throw new JournalSchemaError(
          `journal ${path} is at migration ${applied.length} of ${MIGRATIONS.length}; open it once for writing to upgrade it`,
        );
      }
    } else {
      applyWriterPragmas(db, opts.maxPageCount === undefined ? {} : { maxPageCount: opts.maxPageCount });
      migrate(db, path);
    }
  } catch (err) {
    db.close();
    throw err;
  }
  return { db, path, readonly, close: () => db.close() };
}
