import type { JournalRefusal } from '../contract/index.js';
import { freeBytesBeside } from './journal-location.js';

/** What kind of refusal an SQLite error code means (see `JournalRefusal`). */
export function refusalCause(code: string | undefined): JournalRefusal {
  if (code === undefined) return 'other';
  if (code.startsWith('SQLITE_FULL')) return 'full';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'busy';
  if (code.startsWith('SQLITE_READONLY')) return 'read-only';
  if (code.startsWith('SQLITE_IOERR')) return 'io';
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return 'damaged';
  return 'other';
}

/** A journal's refusal in detail: its kind, the file (the writer names it on its errors) and its folder's free space now. */
export type RefusalDetail = { readonly cause: JournalRefusal; readonly path?: string; readonly freeBytes?: number | null };

/** The detail of a journal writer's error (`journalPath`: where the writer names the file; `fallbackPath` otherwise). */
export function refusalDetail(err: unknown, fallbackPath?: string): RefusalDetail {
  const e = err as { code?: unknown; journalPath?: unknown } | undefined;
  const cause = refusalCause(typeof e?.code === 'string' ? e.code : undefined);
  const path = typeof e?.journalPath === 'string' ? e.journalPath : fallbackPath;
  return path === undefined ? { cause } : { cause, path, freeBytes: freeBytesBeside(path) };
}
