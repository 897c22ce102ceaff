/**
 * Entry of the journal writer's worker thread: owns the one writing connection. Requests are
 * handled strictly in arrival order; consecutive appends that arrive together are committed in
 * one transaction (group commit, up to GROUP_ROWS event rows), and each is acknowledged only after
 * that commit. Loaded from `dist/` (a worker cannot load .ts on Node 20) — see writer.ts.
 */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { appendBatch } from './append-batch.js';
import { appendAudit } from './audit-log.js';
import { endSession } from './end-session.js';
import { openJournal, type Journal } from './open-journal.js';
import { countPendingOutbox, markDelivered, pendingOutbox } from './outbox.js';
import { startSession } from './start-session.js';
import { labelSession } from './label-session.js';
import { markDeleted } from './mark-deleted.js';
import { recordOutcome } from './record-outcome.js';
import { recordTrainingRun } from './training-runs.js';
import { recordOutages } from './record-outages.js';
import type { AppendResult } from './types.js';
import { toWireError, type WriterInit, type WriterReply, type WriterRequest } from './writer-protocol.js';

/** Rows per transaction at most when grouping small appends; the measured sweet spot is 500–1,000. */
const GROUP_ROWS = 1000;

type AppendRequest = Extract<WriterRequest, { op: 'append' }>;

const CLOSED = { name: 'Error', message: 'journal writer is closed' } as const;

/** An SQLite refusal that concerns the journal as a whole, not one batch (a constraint would). */
function journalWide(err: unknown): boolean {
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' && /^SQLITE_(BUSY|LOCKED|FULL|READONLY|IOERR|CORRUPT|NOTADB|CANTOPEN)/.test(code);
}

function serve(port: MessagePort, journal: Journal): void {
  const db = journal.db;
  const reply = (r: WriterReply) => port.postMessage(r);
  const queue: WriterRequest[] = [];
  let scheduled = false;
  let closed = false;

  const writeGroup = db.transaction((group: readonly AppendRequest[], now: number): AppendResult[] =>
    group.map((a) => appendBatch(db, a.session, a.batch, now)),
  );

  /** Commit a group; if it fails, commit its appends one by one so only the failing one is refused. */
  const commitGroup = (group: readonly AppendRequest[]): void => {
    try {
      const results = writeGroup.immediate(group, Date.now());
      group.forEach((a, i) => reply({ id: a.id, ok: true, value: results[i]! }));
      return;
    } catch (err) {
      // The journal itself refuses (locked by another program, full, read-only): every append of
      // the group would be refused alike — and each retry of a locked one waits busy_timeout again.
      if (group.length === 1 || journalWide(err)) {
        for (const a of group) reply({ id: a.id, ok: false, error: toWireError(err) });
        return;
      }
    }
    for (const a of group) commitGroup([a]);
  };

  const close = (id: number): void => {
    closed = true;
    try {
      journal.close();
      reply({ id, ok: true, value: null });
    } catch (err) {
      reply({ id, ok: false, error: toWireError(err) });
    }
    // Requests that raced the close get a clear refusal instead of silence.
    for (const r of queue.splice(0)) reply({ id: r.id, ok: false, error: CLOSED });
    port.close();
  };

  const drain = (): void => {
    scheduled = false;
    while (queue.length > 0 && !closed) {
      const req = queue[0]!;
      if (req.op === 'append') {
        const group: AppendRequest[] = [];
        let rows = 0;
        while (queue[0]?.op === 'append' && (group.length === 0 || rows + queue[0].batch.events.length <= GROUP_ROWS)) {
          const a = queue.shift() as AppendRequest;
          group.push(a);
          rows += a.batch.events.length;
        }
        commitGroup(group);
        continue;
      }
      queue.shift();
      if (req.op === 'close') {
        close(req.id);
        return;
      }
      try {
        if (req.op === 'start') reply({ id: req.id, ok: true, value: startSession(db, req.start, Date.now()) });
        else if (req.op === 'outbox-pending') {
          const messages = pendingOutbox(db, req.connection, req.afterId, req.limit);
          reply({ id: req.id, ok: true, value: { messages, pending: countPendingOutbox(db, req.connection) } });
        } else if (req.op === 'label') {
          labelSession(db, req.session, req.label, Date.now());
          reply({ id: req.id, ok: true, value: null });
        } else if (req.op === 'outcome') {
          db.transaction(() => recordOutcome(db, req.session, req.outcome, Date.now())).immediate();
          reply({ id: req.id, ok: true, value: null });
        } else if (req.op === 'outages') {
          db.transaction(() => recordOutages(db, req.session, req.outages)).immediate();
          reply({ id: req.id, ok: true, value: null });
        } else if (req.op === 'training') {
          const run = req.run;
          reply({ id: req.id, ok: true, value: db.transaction(() => recordTrainingRun(db, run, Date.now())).immediate() });
        } else if (req.op === 'audit') {
          // reading the head and inserting the next entry in one IMMEDIATE transaction: nothing comes between
          const entry = req.entry;
          reply({ id: req.id, ok: true, value: db.transaction(() => appendAudit(db, entry, Date.now())).immediate() });
        } else if (req.op === 'delete') {
          markDeleted(db, req.session, Date.now());
          reply({ id: req.id, ok: true, value: null });
        } else if (req.op === 'outbox-delivered') {
          markDelivered(db, req.ids, Date.now());
          reply({ id: req.id, ok: true, value: null });
        } else {
          endSession(db, req.session, Date.now());
          reply({ id: req.id, ok: true, value: null });
        }
      } catch (err) {
        reply({ id: req.id, ok: false, error: toWireError(err) });
      }
    }
  };

  port.on('message', (req: WriterRequest) => {
    if (closed) return reply({ id: req.id, ok: false, error: CLOSED });
    queue.push(req);
    // Drain once the current burst of messages is queued, so appends posted together share a commit.
    if (!scheduled) {
      scheduled = true;
      setImmediate(drain);
    }
  });
}

function main(): void {
  if (!parentPort) throw new Error('writer-worker must run as a worker thread');
  const init = workerData as WriterInit;
  let journal: Journal;
  try {
    journal = openJournal(init.path, init.maxPageCount === undefined ? {} : { maxPageCount: init.maxPageCount });
  } catch (err) {
    // The caller rejects `openJournalWriter` with this; closing the port lets the thread end.
    parentPort.postMessage({ id: 0, ok: false, error: toWireError(err) } satisfies WriterReply);
    parentPort.close();
    return;
  }
  parentPort.postMessage({ id: 0, ok: true, value: null } satisfies WriterReply);
  serve(parentPort, journal);
}

main();
