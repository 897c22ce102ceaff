import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { JournalSchemaError, migrate } from '../../../engine/journal/migrate.js';
import { MIGRATIONS } from '../../../engine/journal/migrations/index.js';
import { openJournal } from '../../../engine/journal/open-journal.js';
import { openJournalWriter } from '../../../engine/journal/writer.js';
import { tempDir } from './fixtures.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const applied = (db: Database.Database) => db.prepare('SELECT id, name FROM migrations ORDER BY id').all();

describe('migrations', () => {
  it('records every shipped migration, in order, once', () => {
    const path = tmp.path('fresh.db');
    openJournal(path).close();
    const j = openJournal(path);
    expect(applied(j.db)).toEqual(MIGRATIONS.map((m, i) => ({ id: i + 1, name: m.name })));
    expect(MIGRATIONS[0]?.name).toBe('0001-initial');
    j.close();
  });

  it('applies only the migrations a journal lacks', () => {
    const db = new Database(':memory:');
    const a = { name: '0001-a', sql: 'CREATE TABLE a (x)' };
    const b = { name: '0002-b', sql: 'CREATE TABLE b (x)' };
    migrate(db, ':memory:', [a]);
    migrate(db, ':memory:', [a, b]);
    expect(applied(db)).toEqual([
      { id: 1, name: '0001-a' },
      { id: 2, name: '0002-b' },
    ]);
    db.close();
  });

  it('refuses a journal whose applied list is not a prefix of the shipped list', () => {
    const db = new Database(':memory:');
    migrate(db, 'mem', [{ name: '0001-a', sql: 'CREATE TABLE a (x)' }]);
    expect(() => migrate(db, 'mem', [{ name: '0001-other', sql: '' }])).toThrow(JournalSchemaError);
    expect(() => migrate(db, 'mem', [])).toThrow(/has migration "0001-a" at position 1/);
    db.close();
  });

  it('refuses, with a clear error, a journal written by a newer build — in-process and in the writer', async () => {
    const path = tmp.path('newer.db');
    openJournal(path).close();
    const raw = new Database(path);
    raw.prepare("INSERT INTO migrations (id, name, applied_at) VALUES (99, '0099-from-the-future', 0)").run();
    raw.close();
    expect(() => openJournal(path)).toThrow(/0099-from-the-future.*different version of Linesight/);
    expect(() => openJournal(path, { readonly: true })).toThrow(JournalSchemaError);
    await expect(openJournalWriter(path)).rejects.toThrow(/0099-from-the-future/);
  });

  it('refuses to read a journal it would have to migrate', () => {
    const path = tmp.path('old.db');
    const raw = new Database(path);
    raw.exec('CREATE TABLE migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, applied_at INTEGER NOT NULL)');
    raw.close();
    expect(() => openJournal(path, { readonly: true })).toThrow(/migration 0 of .*open it once for writing/);
  });
});
