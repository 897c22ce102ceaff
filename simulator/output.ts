import type { AnyEvent, LedgerEntry, QuarantineRecord } from '../model/index.js';

/** One thing the simulation produced, in virtual-time order. */
export type SimOutput =
  | { readonly kind: 'event'; readonly event: AnyEvent }
  | { readonly kind: 'quarantine'; readonly record: QuarantineRecord }
  | { readonly kind: 'ledger'; readonly entry: LedgerEntry };

/** A running simulation; the caller pulls outputs in batches. */
export type Simulation = {
  /** Advance the virtual clock until at least `max` outputs are ready (or the run is over); returns them in order. [] once done. */
  pull(max: number): SimOutput[];
  readonly done: boolean;
  /** virtual clock, epoch ms */
  readonly nowMs: number;
  /** scenario start + duration: no new orders are created after it; work in flight drains */
  readonly endMs: number;
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
