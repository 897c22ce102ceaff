import { describe, expect, it } from 'vitest';
import { refusalCause, refusalDetail } from '../../../engine/journal/journal-refusal.js';

describe('what kind of refusal a journal error is', () => {
  it('reads SQLite error codes, extended ones included', () => {
    expect(['SQLITE_FULL', 'SQLITE_BUSY', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_LOCKED', 'SQLITE_READONLY_DBMOVED', 'SQLITE_IOERR_WRITE', 'SQLITE_CORRUPT', 'SQLITE_NOTADB', 'SQLITE_CONSTRAINT', undefined].map(refusalCause)).toEqual([
      'full',
      'busy',
      'busy',
      'busy',
      'read-only',
      'io',
      'damaged',
      'damaged',
      'other',
      'other',
    ]);
  });

  it('names the file the writer names, with its folder free space', () => {
    const err = Object.assign(new Error('journal append failed (SQLITE_FULL): database or disk is full'), { code: 'SQLITE_FULL', journalPath: '/tmp/j.db' });
    const d = refusalDetail(err);
    expect(d).toMatchObject({ cause: 'full', path: '/tmp/j.db' });
    expect(typeof d.freeBytes).toBe('number');
    expect(refusalDetail(new Error('boom'))).toEqual({ cause: 'other' });
    expect(refusalDetail(new Error('boom'), '/nowhere/at/all/j.db')).toEqual({ cause: 'other', path: '/nowhere/at/all/j.db', freeBytes: null });
  });
});
