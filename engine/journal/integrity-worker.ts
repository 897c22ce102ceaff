/**
 * Entry of the background integrity check's worker thread: `PRAGMA integrity_check` on a read-only
 * connection, which may take minutes on a large journal — off every thread a user waits on. Loaded
 * from `dist/` (a worker cannot load .ts on Node 20) — see integrity-check.ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import type { IntegrityReply } from './integrity-check.js';
import { checkFindings } from './journal-checks.js';
import { nativeBindingOption } from './native-binding.js';

/** problems reported at most: the first few say enough */
const MAX_PROBLEMS = 20;

function main(): void {
  if (!parentPort) throw new Error('integrity-worker must run as a worker thread');
  const { path } = workerData as { path: string };
  const started = Date.now();
  let reply: IntegrityReply;
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { ...nativeBindingOption(), readonly: true, fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    const problems = checkFindings(db.pragma(`integrity_check(${MAX_PROBLEMS})`, { simple: false }) as Record<string, string>[]).slice(0, MAX_PROBLEMS);
    reply = { ok: problems.length === 0, problems, ms: Date.now() - started };
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    const text = `${(err as Error).message}${typeof code === 'string' ? ` (${code})` : ''}`;
    // a damaged file can make the check itself fail: that is its finding
    reply = typeof code === 'string' && code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB'
      ? { ok: false, problems: [text], ms: Date.now() - started }
      : { ok: null, problems: [text], ms: Date.now() - started };
  } finally {
    db?.close();
  }
  parentPort.postMessage(reply);
}

main();
