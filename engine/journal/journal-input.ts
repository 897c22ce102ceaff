import type { AnyEvent, LedgerEntry, QuarantineRecord } from '../../model/index.js';

/**
 * One unit of what a session hands the journal, whatever made it: a canonical event (`retained`:
 * it came as an MQTT retained message, old news the broker kept), input that could not become an
 * event (kept in quarantine with its bytes and a reason), or a simulation's fault-ledger entry.
 * The simulator's outputs, a broker message decoded or mapped, a replayed event: all are these.
 */
export type JournalInput =
  | { readonly kind: 'event'; readonly event: AnyEvent; readonly retained?: true }
  | { readonly kind: 'quarantine'; readonly record: QuarantineRecord }
  | { readonly kind: 'ledger'; readonly entry: LedgerEntry };
