import { interfaceOfMessage, interfaceOfPosting, systemOf, type AnyEvent } from '../../model/index.js';
import type { Ctx } from '../core/context.js';
import type { OrderRt } from '../core/records.js';
import { PRIO, type TaskHandler } from '../core/scheduler.js';
import { struck, type FaultRt } from '../faults/faults.js';
import type { LineRt } from '../plant/master-data.js';

const FLUSH = 0;

/** a message MES made, or (ev undefined) a completion QMS is to hear of: QMS learns of completions from MES */
type Held = { readonly ev: AnyEvent | undefined; readonly ord: OrderRt; readonly fault: FaultRt | undefined; readonly causeId: string };
type Queue = { items: Held[]; backAt: number; readonly line: LineRt };

/**
 * A line's MES restarting (`mes-restart`): for the fault's window MES sends nothing, yet the line
 * keeps working and MES queues each message it makes — with its own time and sequence, as it was
 * made. When MES is back it sends the whole backlog at once, oldest first, each message then on
 * its way like any other (its transit fault, drawn when it was made, still applies). Nothing of
 * the backlog is on the wire, so nothing is journaled, until MES sends it: the monitor meets hours
 * of messages whose times lie far behind its clock. QMS hears of a completion from MES too, so it
 * inspects what was completed meanwhile only once MES is back (else its usage decision would reach
 * ERP before the receipt it decides on).
 */
export class MesBacklog implements TaskHandler {
  private readonly queues: Queue[];

  constructor(
    private readonly c: Ctx,
    private readonly send: (ev: AnyEvent, ord: OrderRt, f: FaultRt | undefined) => void,
  ) {
    this.queues = c.lines.map((line) => ({ items: [], backAt: Number.NEGATIVE_INFINITY, line }));
    const qms = c.qms;
    this.inspect = (ord, causeId) => qms.inspect(ord, causeId);
    c.qms = { inspect: (ord, causeId) => (this.queue(undefined, ord, undefined, causeId) ? undefined : qms.inspect(ord, causeId)) };
  }

  private readonly inspect: (ord: OrderRt, causeId: string) => void;

  fire(_kind: number, a: unknown): void {
    this.flush(a as Queue);
  }

  /** MES of `ord`'s line is restarting: queue `ev` (made by MES, not injected) and say so; false when it may go now. */
  hold(ev: AnyEvent, ord: OrderRt, fault: FaultRt | undefined): boolean {
    if (ev.origin !== 'simulated' || systemOf(ev.source) !== 'mes') return false;
    return this.queue(ev, ord, fault, ev.id);
  }

  private queue(ev: AnyEvent | undefined, ord: OrderRt, fault: FaultRt | undefined, causeId: string): boolean {
    const c = this.c;
    const now = c.sched.now;
    const f = c.faults.mesRestart(ord.line, now);
    if (f === undefined) return false;
    const q = this.queues[ord.line.index]!;
    q.items.push({ ev, ord, fault, causeId });
    if (ev !== undefined && (interfaceOfMessage(ev.type) !== undefined || interfaceOfPosting(ev.type) !== undefined)) {
      struck(f, ord.line);
      c.ledger.message(now, f, 'delayed', ev, ord, `MES restarting: queued until ${c.env.date(f.until)}`);
    }
    if (f.until > q.backAt) {
      q.backAt = f.until;
      if (Number.isFinite(f.until)) c.sched.at(f.until, PRIO.window, this, FLUSH, q);
    }
    return true;
  }

  /** An operator ended the restart of these lines: their MES sends its backlog now. */
  back(lines: readonly LineRt[]): void {
    const now = this.c.sched.now;
    for (const line of lines) {
      const q = this.queues[line.index]!;
      if (q.backAt <= now && q.items.length === 0) continue;
      q.backAt = now;
      this.c.sched.at(now, PRIO.window, this, FLUSH, q);
    }
  }

  /** MES is back: everything it queued leaves at once, oldest first. */
  private flush(q: Queue): void {
    if (this.c.sched.now < q.backAt) return;
    const items = q.items;
    q.items = [];
    for (const h of items) {
      if (h.ev !== undefined) this.send(h.ev, h.ord, h.fault);
      else this.inspect(h.ord, h.causeId);
    }
  }
}
