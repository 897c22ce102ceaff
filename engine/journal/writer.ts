import { Worker } from 'node:worker_threads';
import { workerScript } from '../worker-script.js';
import type { AppendBatch } from './append-batch.js';
import type { AuditEntryInput, AuditHead } from './audit-log.js';
import type { SessionLabel } from './label-session.js';
import type { OutboxPage } from './outbox.js';
import type { ConnectionOutageRecord } from './record-outages.js';
import type { SessionOutcome } from './record-outcome.js';
import type { TrainingRunRecord } from './training-runs.js';
import type { AppendResult, SessionStart } from './types.js';
import type { WireError, WriterInit, WriterReply, WriterRequest } from './writer-protocol.js';

/** The journal's one writer, running better-sqlite3 on a worker thread. */
export type JournalWriter = {
  /** Record a new session; resolves with its id once committed. */
  startSession(start: SessionStart): Promise<number>;
  /**
   * Queue a batch; resolves when it is committed (durable: WAL + synchronous=FULL), rejects with
   * the SQLite error when nothing of it was stored. Keep at most a few batches in flight.
   */
  append(session: number, batch: AppendBatch): Promise<AppendResult>;
  /** The undelivered messages of `connection` after outbox row `afterId`, oldest first (at most `limit`). */
  outboxPending(connection: string, afterId: number, limit: number): Promise<OutboxPage>;
  /** Mark outbox rows delivered: their broker acknowledged them. */
  outboxDelivered(ids: readonly number[]): Promise<void>;
  /** Record the session's end time. */
  endSession(session: number): Promise<void>;
  /** Set a session's name and/or note (undefined keeps, null clears); refused for an unknown or deleted session. */
  labelSession(session: number, label: SessionLabel): Promise<void>;
  /**
   * Record what a session left open, once, and cache its event count and digest; ends the session
   * if it is still open. Call it where the session ends (instead of, or after, `endSession`).
   */
  recordOutcome(session: number, outcome: SessionOutcome): Promise<void>;
  /**
   * Record when a watched connection went down (or may have lost messages), or that it is back: one
   * transaction, idempotent (a row is kept; only its missing end is set), so a refused call may simply be made again.
   */
  recordOutages(session: number, outages: readonly ConnectionOutageRecord[]): Promise<void>;
  /** Record a trainee's scored run of an exercise; answers its id. */
  recordTrainingRun(run: TrainingRunRecord): Promise<number>;
  /**
   * Append an entry to the audit log after its last one (one IMMEDIATE transaction: the head is read
   * and the next entry inserted with nothing between); answers the new entry's position and hash.
   */
  appendAudit(entry: AuditEntryInput): Promise<AuditHead>;
  /** Hide a session from every list and query at once; `compactJournal` later removes its rows. */
  markDeleted(session: number): Promise<void>;
  /** Finish queued work, close the database and stop the thread. */
  close(): Promise<void>;
};

export type JournalWriterOptions = {
  /** cap the file at this many pages; writes beyond fail with SQLITE_FULL (tests provoke a full disk this way) */
  readonly maxPageCount?: number;
};

type Pending = { resolve(value: never): void; reject(err: Error): void; what: string };

function errorFrom(w: WireError, what: string, path: string): Error {
  const code = w.code ? ` (${w.code})` : '';
  // An append is one transaction: when it fails, none of its rows were stored. Say so.
  const tail = what === 'append' ? ' — nothing of this batch was stored' : '';
  const err = new Error(`journal ${what} failed${code}: ${w.message}${tail}`);
  if (w.code) (err as Error & { code?: string }).code = w.code;
  // which file refused: what a user is told to look at (its folder's free space, who holds its lock)
  (err as Error & { journalPath?: string }).journalPath = path;
  return err;
}

/** Start the writer thread on the journal at `path` (created and migrated if needed). */
export async function openJournalWriter(path: string, opts: JournalWriterOptions = {}): Promise<JournalWriter> {
  const init: WriterInit = { path, ...(opts.maxPageCount === undefined ? {} : { maxPageCount: opts.maxPageCount }) };
  const worker = new Worker(workerScript(import.meta.url, 'engine/journal/writer-worker.js', 'journal writer worker'), { workerData: init });
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let stopped: Error | undefined;

  const stop = (err: Error) => {
    stopped ??= err;
    for (const p of pending.values()) p.reject(new Error(`journal ${p.what} failed: ${err.message}`));
    pending.clear();
  };

  const opened = new Promise<void>((resolve, reject) => {
    pending.set(0, { resolve: resolve, reject, what: 'open' });
  });
  worker.on('message', (r: WriterReply) => {
    const p = pending.get(r.id);
    if (!p) return;
    pending.delete(r.id);
    if (r.ok) p.resolve(r.value as never);
    else p.reject(errorFrom(r.error, p.what, path));
  });
  worker.on('error', (err) => stop(new Error(`journal writer thread crashed: ${err.message}`)));
  worker.on('exit', (code) => stop(new Error(`journal writer thread exited (code ${code})`)));

  const request = <T>(req: WriterRequest, what: string): Promise<T> => {
    if (stopped) return Promise.reject(new Error(`journal ${what} refused: ${stopped.message}`));
    return new Promise<T>((resolve, reject) => {
      pending.set(req.id, { resolve: resolve, reject, what });
      try {
        worker.postMessage(req);
      } catch (err) {
        // e.g. DataCloneError: something in the batch or meta cannot be copied to the worker.
        pending.delete(req.id);
        reject(new Error(`journal ${what} failed: ${(err as Error).message}`));
      }
    });
  };

  try {
    await opened;
  } catch (err) {
    await worker.terminate();
    throw err;
  }

  let closing: Promise<void> | undefined;
  return {
    startSession: (start) => request<number>({ id: nextId++, op: 'start', start }, 'startSession'),
    append: (session, batch) => request<AppendResult>({ id: nextId++, op: 'append', session, batch }, 'append'),
    outboxPending: (connection, afterId, limit) => request<OutboxPage>({ id: nextId++, op: 'outbox-pending', connection, afterId, limit }, 'outboxPending'),
    outboxDelivered: async (ids) => {
      await request<null>({ id: nextId++, op: 'outbox-delivered', ids }, 'outboxDelivered');
    },
    endSession: async (session) => {
      await request<null>({ id: nextId++, op: 'end', session }, 'endSession');
    },
    labelSession: async (session, label) => {
      await request<null>({ id: nextId++, op: 'label', session, label }, 'labelSession');
    },
    recordOutcome: async (session, outcome) => {
      await request<null>({ id: nextId++, op: 'outcome', session, outcome }, 'recordOutcome');
    },
    recordOutages: async (session, outages) => {
      await request<null>({ id: nextId++, op: 'outages', session, outages }, 'recordOutages');
    },
    recordTrainingRun: (run) => request<number>({ id: nextId++, op: 'training', run }, 'recordTrainingRun'),
    appendAudit: (entry) => request<AuditHead>({ id: nextId++, op: 'audit', entry }, 'appendAudit'),
    markDeleted: async (session) => {
      await request<null>({ id: nextId++, op: 'delete', session }, 'markDeleted');
    },
    close() {
      closing ??= (async () => {
        try {
          if (!stopped) await request<null>({ id: nextId++, op: 'close' }, 'close');
        } finally {
          stopped ??= new Error('journal writer is closed');
          await worker.terminate();
        }
      })();
      return closing;
    },
  };
}
