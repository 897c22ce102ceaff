import { needsErpPosting, type AnyEvent, type FaultEffect, type FaultKind, type LedgerEntry } from '../../model/index.js';
import type { Envelopes } from '../core/envelope.js';
import type { OrderRt } from '../core/records.js';
import type { Out } from '../output.js';
import type { LineRt } from '../plant/master-data.js';
import type { FaultRt } from './faults.js';

/** Writes the fault ledger: ground truth of what each injected fault did, for tests to join against the journal. */
export class Ledger {
  constructor(
    private readonly out: Out,
    private readonly env: Envelopes,
  ) {}

  /** A fault acted on message `ev` of order `ord`. `posting` overrides whether the message counts as needing a posting. */
  message(now: number, f: FaultRt, effect: FaultEffect, ev: AnyEvent, ord: OrderRt, detail: string, posting?: boolean): void {
    const entry: LedgerEntry = {
      time: this.env.time(now),
      kind: f.kind,
      effect,
      plant: ord.line.plant,
      line: ord.line.line,
      messageId: ev.id,
      messageType: ev.type,
      businesskey: ev.businesskey,
      order: ord.id,
      needsPosting: posting ?? needsErpPosting(ev.type),
      detail,
    };
    this.out.ledger(entry);
  }

  /**
   * A fault that acts by its scenario entry alone (no runtime state: schema drift, a master data
   * change) did something to `ev` on `line`, of order `order` when it has one.
   */
  noted(now: number, kind: FaultKind, effect: FaultEffect, ev: AnyEvent, line: LineRt, order: string | undefined, detail: string): void {
    const entry: LedgerEntry = {
      time: this.env.time(now),
      kind,
      effect,
      plant: line.plant,
      line: line.line,
      messageId: ev.id,
      messageType: ev.type,
      businesskey: ev.businesskey,
      ...(order === undefined ? {} : { order }),
      needsPosting: needsErpPosting(ev.type),
      detail,
    };
    this.out.ledger(entry);
  }

  /** The window of windowed fault `f` on `line` closed now, having affected `messages` messages there. */
  window(now: number, f: FaultRt, line: LineRt, messages: number): void {
    const start = this.env.time(f.from);
    const end = this.env.time(now);
    const entry: LedgerEntry = {
      time: end,
      kind: f.kind,
      effect: 'window',
      plant: line.plant,
      line: line.line,
      needsPosting: false,
      detail: `${f.kind} on ${line.key} from ${start} to ${end}: ${messages} message${messages === 1 ? '' : 's'} affected`,
      window: { start, end, messagesAffected: messages },
    };
    this.out.ledger(entry);
  }
}
