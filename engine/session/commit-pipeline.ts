import type { AnyEvent, LedgerEntry, QuarantineRecord, Scenario } from '../../model/index.js';
import { toEventRow, type AppendBatch, type AppendResult, type EventRow, type JournalWriter, type OutboxEntry } from '../journal/index.js';
import type { JournalInput } from '../journal/journal-input.js';
import type { HostClock } from './host-clock.js';
import { createJournalRetry, type JournalRetry } from './journal-retry.js';

/** What one batch added. */
export type BatchCounts = { readonly events: number; readonly quarantined: number; readonly ledger: number };

/**
 * Journal inputs (a simulator's outputs, decoded broker messages, replayed events) → journal
 * writer → the caller's `committed` callback, in order. A batch is
 * handed on only after the writer has committed it (so the monitor shows exactly what the journal
 * holds), while up to `maxInFlight` later batches are already on their way to the writer thread.
 *
 * Without `retry` a refused batch fails the pipeline. With it (a watch session: the broker keeps
 * what is not acknowledged) a refused batch is appended again with backoff, no new batch goes to
 * the writer meanwhile, and each batch's `durable` waits for the batches before it — so nothing is
 * acknowledged that is not stored, and acknowledgements keep the order of the batches. Only when
 * the journal refuses writes past the limit (or `abandon` is called) do `push` and `drain` reject.
 */
export function createCommitPipeline(
  writer: JournalWriter,
  session: number,
  maxInFlight: number,
  /** stamps each batch's `received_at` */
  clock: HostClock,
  /** `retained`: those of `events` that came as retained messages (absent when none did) */
  committed: (events: readonly AnyEvent[], retained?: ReadonlySet<AnyEvent>) => void,
  retry?: JournalRetry,
) {
  const retrier = retry === undefined ? undefined : createJournalRetry(retry);
  /** every batch queued so far is stored (a refused batch is appended again only after those before it) */
  let lastStored: Promise<unknown> = Promise.resolve();
  /** the last batch queued is acknowledged (the next batch's `durable` waits for it) */
  let lastAcked: Promise<unknown> = Promise.resolve();
  /**
   * Append a batch; with `retry`, append it again while the journal refuses it. The batch is built
   * by `make` for each attempt rather than kept for a retry that rarely comes: its rows (two JSON
   * texts per event) are copied to the writer thread as they are posted, and once posted they can
   * go with the young generation instead of living until the commit (each batch in flight would
   * otherwise be copied by every scavenge until it commits). `toEventRow` gives the same rows again.
   */
  const store = (make: () => AppendBatch): Promise<AppendResult> => {
    const first = writer.append(session, make());
    if (retrier === undefined) return first;
    const before = lastStored;
    return first.catch((err: unknown) => retrier.again(() => writer.append(session, make()), before, err));
  };
  /** nothing more is handed on once the pipeline gave up: what follows a lost batch must not look complete */
  const check = () => {
    if (retrier?.failure) throw retrier.failure;
  };
  const inFlight: { readonly done: Promise<AppendResult>; readonly events: AnyEvent[]; readonly retained?: Set<AnyEvent> }[] = [];
  const settleOne = async () => {
    const p = inFlight.shift()!;
    const result = await p.done;
    check();
    // an event the journal already held (a broker's redelivery, an echo of our own publish) is not news
    if (result.notInserted === undefined) committed(p.events, p.retained);
    else {
      const skip = new Set(result.notInserted);
      committed(p.events.filter((_, i) => !skip.has(i)), p.retained);
    }
  };
  return {
    /**
     * Queue a batch for the journal; waits only when too many batches are in flight (or the journal
     * refuses writes). `durable` (a broker's acknowledgements) runs as soon as the batch and every
     * batch queued before it are committed, before it is applied.
     */
    async push(outputs: readonly JournalInput[], durable?: () => void, outbox?: readonly OutboxEntry[]): Promise<BatchCounts> {
      const receivedAt = clock.epochMs();
      const events: AnyEvent[] = [];
      let quarantined = 0;
      let ledger = 0;
      let retained: Set<AnyEvent> | undefined;
      for (const o of outputs) {
        if (o.kind === 'event') {
          events.push(o.event);
          if (o.retained === true) (retained ??= new Set()).add(o.event);
        } else if (o.kind === 'quarantine') quarantined++;
        else ledger++;
      }
      if (outputs.length > 0) {
        // while the journal refuses writes, the batches before this one settle first (or the pipeline gives up)
        while (retrier?.down && inFlight.length > 0) await settleOne();
        check();
        const stored = store(() => appendBatchOf(outputs, receivedAt, outbox));
        // nothing is acknowledged that did not commit, nor before the batches ahead of it: a batch
        // never stored is never acknowledged, and the broker redelivers it (and what followed it)
        const acked = lastAcked.then(() => stored).then(() => durable?.());
        // handed on once acknowledged: after `drain`, every acknowledgement so far has run
        const done = acked.then(() => stored);
        lastStored = lastStored.then(() => stored);
        lastAcked = acked;
        // the failure is the caller's through push/drain: these must not go unhandled meanwhile
        for (const p of [stored, acked, done, lastStored]) p.catch(() => undefined);
        inFlight.push(retained === undefined ? { done, events } : { done, events, retained });
      }
      while (inFlight.length > maxInFlight) await settleOne();
      return { events: events.length, quarantined, ledger };
    },
    /** Wait until every queued batch is committed and handed on. */
    async drain(): Promise<void> {
      check();
      while (inFlight.length > 0) await settleOne();
    },
    /** Stop waiting for a journal that refuses writes: what waits for it is refused with `reason` (a watch stopping). */
    abandon(reason: string): void {
      retrier?.abandon(reason);
    },
  };
}

/** The journal's batch for `outputs`: their rows, quarantine records and ledger entries, in order. */
function appendBatchOf(outputs: readonly JournalInput[], receivedAt: number, outbox: readonly OutboxEntry[] | undefined): AppendBatch {
  const rows: EventRow[] = [];
  const quarantine: QuarantineRecord[] = [];
  const ledger: LedgerEntry[] = [];
  for (const o of outputs) {
    if (o.kind === 'event') rows.push(toEventRow(o.event, receivedAt, o.retained === true));
    else if (o.kind === 'quarantine') quarantine.push(o.record);
    else ledger.push(o.entry);
  }
  return outbox && outbox.length > 0 ? { events: rows, quarantine, ledger, outbox } : { events: rows, quarantine, ledger };
}

/**
 * The virtual time at which a finished run is judged: the end of the run (duration or drain,
 * whichever is later) plus the longest grace period, so every message has had its interface's full
 * grace period — what a real monitor would see once that time passed with nothing more arriving.
 * One millisecond more: a grace period runs out strictly after its deadline, so a message due
 * exactly at the last instant is judged too.
 */
export function settledAt(scenario: Scenario, nowMs: number, endMs: number): number {
  return Math.max(nowMs, endMs) + Math.max(...Object.values(scenario.integration.gracePeriods)) + 1;
}
