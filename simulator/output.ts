import type { AnyEvent, Control, FaultKind, LedgerEntry, QuarantineRecord } from '../model/index.js';
import type { ActResult, OperatorCommand } from './operator/commands.js';

/** One thing the simulation produced, in virtual-time order. */
export type SimOutput =
  | { readonly kind: 'event'; readonly event: AnyEvent }
  | { readonly kind: 'quarantine'; readonly record: QuarantineRecord }
  | { readonly kind: 'ledger'; readonly entry: LedgerEntry };

/** A running simulation; the caller pulls outputs in batches. */
export type Simulation = {
  /** Advance the virtual clock until at least `max` outputs are ready (or the run is over); returns them in order. [] once done. */
  pull(max: number): SimOutput[];
  /**
   * Like `pull`, but never past virtual instant `atMs`: runs only what is due by then. [] once
   * everything due by `atMs` was pulled; the clock then stands at `atMs` (an operator acting at that
   * instant: a scripted trainee).
   */
  pullUntil(atMs: number, max: number): SimOutput[];
  readonly done: boolean;
  /** virtual clock, epoch ms */
  readonly nowMs: number;
  /** scenario start + duration: no new orders are created after it; work in flight drains */
  readonly endMs: number;
  /**
   * Carry out an operator's action at the current virtual instant — or at `atMs` when that is later
   * and nothing is due before it — (throws `OperatorError` when it cannot be done; nothing is then
   * emitted). Its outputs are ready at once: take them with `flush`.
   */
  act(cmd: OperatorCommand, atMs?: number): ActResult;
  /** outputs already made and not yet pulled, without advancing the clock */
  flush(): SimOutput[];
  /** controls as they are now, and the faults an operator has switched on (`since`: epoch ms) */
  settings(): { controls: Record<Control, boolean>; faults: { fault: FaultKind; line: string | null; since: number }[] };
  /** the message of an open dead letter, as its sender made it */
  deadLetter(messageId: string): AnyEvent | undefined;
};

/** Collects outputs as the actors make them; every output is stamped with the current virtual time. */
export class Out {
  buf: SimOutput[] = [];

  event(event: AnyEvent): void {
    this.buf.push({ kind: 'event', event });
  }

  ledger(entry: LedgerEntry): void {
    this.buf.push({ kind: 'ledger', entry });
  }

  quarantine(record: QuarantineRecord): void {
    this.buf.push({ kind: 'quarantine', record });
  }
}
