import { existsSync } from 'node:fs';
import { checkJournalAtOpen } from './journal-checks.js';
import { appliedMigrations, JournalSchemaError } from './migrate.js';
import { MIGRATIONS } from './migrations/index.js';
import { openJournal, type Journal } from './open-journal.js';

/**
 * Open an existing journal for reading, upgrading it first when it was written by an older
 * build (a read-only connection cannot migrate). For tools such as the CLI; never creates a file.
 */
export function openJournalReader(path: string): Journal {
  if (!existsSync(path)) throw new JournalSchemaError(`no journal at ${path}`);
  try {
    return openJournal(path, { readonly: true });
  } catch (err) {
    if (!(err instanceof JournalSchemaError)) throw err;
    // a damaged journal is read as it is or not at all: never written to, not even to upgrade it
    const check = checkJournalAtOpen(path);
    if (check.state === 'corrupt') throw new JournalSchemaError(`journal ${path} is damaged (${check.problem}): it is not upgraded or written to`);
    // Behind the shipped list (not diverged from it): apply the missing migrations, then read.
    const j = openJournal(path);
    const behind = appliedMigrations(j.db).length === MIGRATIONS.length;
    j.close();
    if (!behind) throw err;
    return openJournal(path, { readonly: true });
  }
}
