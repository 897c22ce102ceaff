import type { Database } from 'better-sqlite3';
import { MIGRATIONS, type Migration } from './migrations/index.js';

/** Thrown when a journal's schema history does not match what this build ships. */
export class JournalSchemaError extends Error {
  override readonly name = 'JournalSchemaError';
}

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS migrations (
  id          INTEGER PRIMARY KEY,
  name        TEXT    NOT NULL UNIQUE,
  applied_at  INTEGER NOT NULL
)`;

/** Names of the migrations already applied to `db`, in the order they were applied. */
export function appliedMigrations(db: Database): string[] {
  const exists = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'migrations'").get();
  if (!exists) return [];
  return db.prepare('SELECT name FROM migrations ORDER BY id').pluck().all() as string[];
}

/**
 * Refuse a journal whose applied list is not a prefix of `shipped`: it was written by a newer or a
 * diverging build, and appending to it could corrupt what that build expects.
 */
export function checkMigrationPrefix(applied: readonly string[], shipped: readonly Migration[], path: string): void {
  for (let i = 0; i < applied.length; i++) {
    if (shipped[i]?.name !== applied[i]) {
      const expected = shipped[i]?.name ?? '(none: this build ships only ' + shipped.length + ')';
      throw new JournalSchemaError(
        `journal ${path} has migration "${applied[i]}" at position ${i + 1} where this build expects ${expected}; ` +
          `it was written by a different version of Linesight — open it with that version or start a new journal`,
      );
    }
  }
}

/** Apply every shipped migration not yet applied, each in its own transaction with its record. */
export function migrate(db: Database, path: string, shipped: readonly Migration[] = MIGRATIONS): void {
  db.exec(CREATE_TABLE);
  const applied = appliedMigrations(db);
  checkMigrationPrefix(applied, shipped, path);
  const record = db.prepare('INSERT INTO migrations (id, name, applied_at) VALUES (?, ?, ?)');
  for (let i = applied.length; i < shipped.length; i++) {
    const m = shipped[i]!;
    db.transaction(() => {
      db.exec(m.sql);
      record.run(i + 1, m.name, Date.now());
    }).immediate();
  }
}
