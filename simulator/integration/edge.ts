import { interfaceOfMessage, interfaceOfPosting, type AnyEvent, type Interface } from '../../model/index.js';
import type { Ctx, EdgePort } from '../core/context.js';
import type { OrderRt } from '../core/records.js';
import { PRIO, type TaskHandler } from '../core/scheduler.js';
import { num, str, struck, type FaultRt } from '../faults/faults.js';
import { corruptBytes } from '../faults/malformed.js';
import { channelOf, componentOf, type LineRt } from '../plant/master-data.js';
import { asProducerSends } from '../actors/schema-drift.js';
import type { IntEvents } from './int-events.js';
import { MesBacklog } from './mes-backlog.js';

const ARRIVE = 0;
const COPY = 1;
const FLUSH = 2;
const REORDERED = 3;

/**
 * The interface a message on the line's link belongs to, if it is an integration message: a
 * message for the other side, or MES's acknowledgement (the posting of a release). The rest of
 * the line's traffic rides along unreported; losing it shows only as a hole in its sequence.
 */
function linkInterface(type: string): Interface | undefined {
  return interfaceOfMessage(type) ?? interfaceOfPosting(type);
}

type Parked = { readonly ev: AnyEvent; readonly ord: OrderRt; readonly at: number };
/** A line's store-and-forward buffer; `restoreAt` is when the WAN is back for everything in it. */
type EdgeBuffer = { items: Parked[]; restoreAt: number; readonly line: LineRt };

/**
 * The path from a system to the integration layer: where transit faults act (loss, delay,
 * overtaking, re-sends, corrupted copies) and where each line's edge gateway buffers messages
 * while its WAN is down. Every message is journaled as its sender made it — Linesight watches the
 * plant side, like an engineer's PC on the line network — even one that is then lost on the way to
 * the integration layer: the monitor finds such a loss by reconciliation (the sender's message with
 * no integration-layer record and no posting once its grace period is over), never by silence.
 */
export class Edge implements TaskHandler, EdgePort {
  private readonly buffers: EdgeBuffer[];
  /** what a restarting MES queues (mes-restart) */
  private readonly backlog: MesBacklog;

  constructor(
    private readonly c: Ctx,
    private readonly int: IntEvents,
  ) {
    this.buffers = c.lines.map((line) => ({ items: [], restoreAt: Number.NEGATIVE_INFINITY, line }));
    this.backlog = new MesBacklog(c, (ev, ord, f) => this.send(ev, ord, f));
  }

  fire(kind: number, a: unknown, b: unknown): void {
    if (kind === ARRIVE) this.c.layer.arrive(a as AnyEvent, b as OrderRt);
    else if (kind === COPY) this.resend(a as AnyEvent, b as [OrderRt, FaultRt]);
    else if (kind === REORDERED) this.arriveReordered(a as AnyEvent, b as [OrderRt, FaultRt]);
    else this.flush(a as EdgeBuffer);
  }

  send(sent: AnyEvent, ord: OrderRt, f: FaultRt | undefined): void {
    if (this.backlog.hold(sent, ord, f)) return;
    const c = this.c;
    const ev = asProducerSends(c.scenario, sent, ord.line, c.sched.now);
    if (ev !== sent) c.ledger.noted(c.sched.now, 'schema-drift', 'schema-drifted', ev, ord.line, ord.id, `sent as ${(ev as { dataschema?: string }).dataschema}`);
    if (f === undefined) {
      c.out.event(ev);
      c.layer.arrive(ev, ord);
      return;
    }
    const now = c.sched.now;
    const ledger = c.ledger;
    switch (f.kind) {
      case 'drop':
        ledger.message(now, f, 'dropped', ev, ord, 'lost between sender and integration layer');
        c.out.event(ev);
        return;
      case 'delay': {
        const by = num(f, 'byMs');
        ledger.message(now, f, 'delayed', ev, ord, `reaches the integration layer ${by}ms late`);
        c.out.event(ev);
        c.sched.at(now + by, PRIO.layer, this, ARRIVE, ev, ord);
        return;
      }
      case 'reorder':
        // the ledger says what it did when the message arrives: overtaken, or only late
        c.out.event(ev);
        c.sched.at(now + num(f, 'windowMs'), PRIO.layer, this, REORDERED, ev, [ord, f]);
        return;
      case 'duplicate': {
        c.out.event(ev);
        c.layer.arrive(ev, ord);
        const copies = num(f, 'copies');
        const after = num(f, 'afterMs');
        for (let i = 1; i <= copies; i++) c.sched.at(now + i * after, PRIO.plant, this, COPY, ev, [ord, f]);
        return;
      }
      case 'uom-mismatch':
        ledger.message(now, f, 'mismatched-uom', ev, ord, `sent in ${str(f, 'uom')} instead of base unit ${uomOf(ev, ord)}`);
        c.out.event(ev);
        c.layer.arrive(ev, ord);
        return;
      case 'malformed': {
        const mode = str(f, 'mode');
        ledger.message(now, f, 'malformed', ev, ord, `an extra ${mode} copy was sent`, false);
        c.out.event(ev);
        c.layer.arrive(ev, ord);
        c.layer.quarantine(corruptBytes(ev, mode), ev.source, ord);
        return;
      }
      case 'wan-outage':
        this.park(ev, ord, f);
        return;
      default:
        c.out.event(ev);
        c.layer.arrive(ev, ord);
    }
  }

  /**
   * An operator's message: journaled now, and on its way to the integration layer like any message
   * from `ord`'s line (a WAN outage buffers it). With `delayMs` it reaches the layer that much later,
   * so messages sent meanwhile overtake it.
   */
  inject(ev: AnyEvent, ord: OrderRt, delayMs: number): void {
    const c = this.c;
    const outage = c.faults.wanOutage(ord.line, c.sched.now);
    if (delayMs <= 0 || outage !== undefined) {
      this.send(ev, ord, outage);
      return;
    }
    c.out.event(ev);
    c.sched.at(c.sched.now + delayMs, PRIO.layer, this, ARRIVE, ev, ord);
  }

  /** An operator ended an MES restart on these lines: their MES sends its backlog now. */
  mesBack(lines: readonly LineRt[]): void {
    this.backlog.back(lines);
  }

  /** An operator ended a WAN outage on these lines: forward what their edges hold, now. */
  restore(lines: readonly LineRt[]): void {
    const now = this.c.sched.now;
    for (const line of lines) {
      const buf = this.buffers[line.index]!;
      if (buf.restoreAt <= now) continue;
      buf.restoreAt = now;
      this.c.sched.at(now, PRIO.window, this, FLUSH, buf);
    }
  }

  private arriveReordered(ev: AnyEvent, [ord, f]: [OrderRt, FaultRt]): void {
    const c = this.c;
    const w = num(f, 'windowMs');
    if (c.layer.overtaken(ev, ord)) c.ledger.message(c.sched.now, f, 'reordered', ev, ord, `held back ${w}ms; later messages overtook it`);
    else c.ledger.message(c.sched.now, f, 'delayed', ev, ord, `held back ${w}ms; no later message came to overtake it`);
    c.layer.arrive(ev, ord);
  }

  /** The sender re-sends a message it already sent: a new message (id, sequence) with the same business key and data. */
  private resend(orig: AnyEvent, [ord, f]: [OrderRt, FaultRt]): void {
    const c = this.c;
    const copy = c.env.copy(channelOf(ord.line, orig.type), orig, c.sched.now);
    c.ledger.message(c.sched.now, f, 'duplicated', orig, ord, `re-sent as ${copy.id} (sequence ${copy.sequence})`);
    c.out.event(copy);
    c.layer.arrive(copy, ord);
  }

  /**
   * WAN down: keep the message at the edge if store-and-forward is on, else it is lost. A full
   * buffer discards its oldest message to make room (already journaled when made, it is reported
   * discarded and never forwarded). Only integration messages are reported and ledgered.
   */
  private park(ev: AnyEvent, ord: OrderRt, f: FaultRt): void {
    const c = this.c;
    const now = c.sched.now;
    const buf = this.buffers[ord.line.index]!;
    const sf = c.scenario.integration.storeAndForward;
    const iface = linkInterface(ev.type);
    if (iface !== undefined) struck(f, ord.line);
    if (!sf.enabled || sf.capacity < 1) {
      if (iface !== undefined) c.ledger.message(now, f, 'dropped', ev, ord, sf.enabled ? 'WAN down and the edge buffer holds nothing' : 'WAN down and no store-and-forward');
      c.out.event(ev);
      return;
    }
    if (iface !== undefined) c.ledger.message(now, f, 'buffered', ev, ord, 'WAN down; held at the edge');
    c.out.event(ev);
    if (buf.items.length >= sf.capacity) {
      const oldest = buf.items.shift()!;
      const gone = linkInterface(oldest.ev.type);
      if (gone !== undefined) {
        c.ledger.message(now, f, 'dropped', oldest.ev, oldest.ord, 'edge buffer full: the oldest message was discarded');
        this.int.discarded(oldest.ev, oldest.ord, gone, 'edge buffer full');
      }
    }
    buf.items.push({ ev, ord, at: now });
    if (iface !== undefined) this.int.buffered(ev, ord, iface, buf.items.length);
    if (f.until > buf.restoreAt) {
      buf.restoreAt = f.until;
      if (Number.isFinite(f.until)) c.sched.at(f.until, PRIO.window, this, FLUSH, buf);
    }
  }

  /** WAN back: forward everything buffered, oldest first. */
  private flush(buf: EdgeBuffer): void {
    const c = this.c;
    const now = c.sched.now;
    if (now < buf.restoreAt) return;
    const items = buf.items;
    buf.items = [];
    for (const p of items) {
      const iface = linkInterface(p.ev.type);
      if (iface !== undefined) this.int.forwarded(p.ev, p.ord, iface, now - p.at);
      c.layer.arrive(p.ev, p.ord);
    }
  }
}

function uomOf(ev: AnyEvent, ord: OrderRt): string {
  if (ev.type === 'mes.material.consumed') return componentOf(ord.product, ev.data.item)?.item.uom ?? '?';
  return ord.uom;
}
