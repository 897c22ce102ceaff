import type { AnyEvent, LedgerEntry, QuarantineRecord, Scenario } from '../../model/index.js';
import type { SimOutput } from '../../simulator/index.js';
import { toEventRow, type AppendResult, type EventRow, type JournalWriter, type OutboxEntry } from '../journal/index.js';

/** What one batch of simulator outputs added. */
export type BatchCounts = { readonly events: number; readonly quarantined: number; readonly ledger: number };

/**
 * Simulator outputs → journal writer → the caller's `committed` callback, in order. A batch is
 * handed on only after the writer has committed it (so the monitor shows exactly what the journal
 * holds), while up to `maxInFlight` later batches are already on their way to the writer thread.
 */
export function createCommitPipeline(
  writer: JournalWriter,
  session: number,
  maxInFlight: number,
  committed: (events: readonly AnyEvent[]) => void,
) {
  const inFlight: { readonly done: Promise<AppendResult>; readonly events: AnyEvent[] }[] = [];
  const settleOne = async () => {
    const p = inFlight.shift()!;
    const result = await p.done;
    // an event the journal already held (a broker's redelivery, an echo of our own publish) is not news
    if (result.notInserted === undefined) committed(p.events);
    else {
      const skip = new Set(result.notInserted);
      committed(p.events.filter((_, i) => !skip.has(i)));
    }
  };
  return {
    /**
     * Queue a batch for the journal; waits only when too many batches are in flight. `durable`
     * runs as soon as the batch is committed (a broker's acknowledgements), before it is applied.
     */
    async push(outputs: readonly SimOutput[], durable?: () => void, outbox?: readonly OutboxEntry[]): Promise<BatchCounts> {
      const receivedAt = Date.now();
      const rows: EventRow[] = [];
      const events: AnyEvent[] = [];
      const quarantine: QuarantineRecord[] = [];
      const ledger: LedgerEntry[] = [];
      for (const o of outputs) {
        if (o.kind === 'event') {
          rows.push(toEventRow(o.event, receivedAt));
          events.push(o.event);
        } else if (o.kind === 'quarantine') quarantine.push(o.record);
        else ledger.push(o.entry);
      }
      if (outputs.length > 0) {
        const done = writer.append(session, outbox && outbox.length > 0 ? { events: rows, quarantine, ledger, outbox } : { events: rows, quarantine, ledger });
        // nothing is acknowledged that did not commit: a failed append is redelivered by the broker
        if (durable) done.then(durable, () => undefined);
        inFlight.push({ done, events });
      }
      while (inFlight.length > maxInFlight) await settleOne();
      return { events: rows.length, quarantined: quarantine.length, ledger: ledger.length };
    },
    /** Wait until every queued batch is committed and handed on. */
    async drain(): Promise<void> {
      while (inFlight.length > 0) await settleOne();
    },
  };
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
