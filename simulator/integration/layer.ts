import { decodeEvent, interfaceOfMessage, type AnyEvent, type CanonicalEvent, type ExceptionCategory, type Interface } from '../../model/index.js';
import type { Ctx, LayerPort } from '../core/context.js';
import type { Msg, OrderRt } from '../core/records.js';
import { channelOf } from '../plant/master-data.js';
import { Gates } from './gates.js';
import { claimKey, forgetKey } from './idempotency.js';
import type { IntEvents } from './int-events.js';
import { Outbound } from './outbound.js';
import { Resequencer } from './resequencer.js';
import { masterData } from '../plant/master-data-changes.js';
import { readSchema } from './schema-reader.js';
import { quantitiesOf, validateUom } from './validation.js';

/**
 * The modeled integration layer. Every plant message reaches it (after the edge); it restores
 * each source's order, learns gate preconditions, and routes the messages that need the other
 * side through validation, idempotency and gates to MES (order releases) or to ERP delivery.
 * Everything else on the bus is not a message for ERP and is dropped silently.
 */
export class Layer implements LayerPort {
  private readonly reseq: Resequencer | undefined;
  /** per channel, the highest sequence that has reached the layer */
  private readonly maxArrived: number[] = [];
  private readonly gates: Gates;
  private readonly outbound: Outbound;
  /**
   * Open dead letters by message id, for an operator's retry, resend or discard. Like a real
   * middleware's error queue it holds what nobody has dealt with yet, and nothing else.
   */
  private readonly dead = new Map<string, Msg>();

  constructor(
    private readonly c: Ctx,
    private readonly int: IntEvents,
  ) {
    const cfg = c.scenario.integration;
    const process = (ev: AnyEvent, ord: OrderRt) => this.process(ev, ord);
    const deadLetter = (msg: Msg, category: ExceptionCategory, reason: string) => this.deadLetter(msg, category, reason);
    this.reseq = cfg.resequencing.enabled ? new Resequencer(c, int, cfg.resequencing.windowMs, process) : undefined;
    this.gates = new Gates(c, int, (msg) => this.forward(msg), deadLetter);
    this.outbound = new Outbound(c, int, deadLetter);
  }

  arrive(ev: AnyEvent, ord: OrderRt): void {
    const ch = channelOf(ord.line, ev.type).index;
    const seq = Number(ev.sequence);
    if (seq > (this.maxArrived[ch] ?? 0)) this.maxArrived[ch] = seq;
    // ERP's sequence counts postings the layer never sees, so only plant sources are resequenced
    if (this.reseq !== undefined && ev.type.charCodeAt(0) !== 101) this.reseq.accept(ev, ord, ch, seq);
    else this.process(ev, ord);
  }

  /** True when a later message of the same source has already reached the layer. */
  overtaken(ev: AnyEvent, ord: OrderRt): boolean {
    return (this.maxArrived[channelOf(ord.line, ev.type).index] ?? 0) > Number(ev.sequence);
  }

  private process(ev: AnyEvent, ord: OrderRt): void {
    const iface = interfaceOfMessage(ev.type);
    if (iface !== undefined) this.route(ev, ord, iface);
    // a hold release is routed to ERP before the receipt it frees
    if (this.c.scenario.integration.gates.enabled) this.gates.observe(ev, ord);
  }

  private route(ev: AnyEvent, ord: OrderRt, iface: Interface): void {
    const cfg = this.c.scenario.integration;
    // a newer payload version (schema drift) is read first: strict refuses it, tolerant maps it
    const read = ev.dataschema === undefined ? undefined : readSchema(cfg.schemaReader ?? 'tolerant', ev, ord, iface, this.int);
    const msg: Msg = { ev: read?.ev ?? ev, ord, iface, qty: 0, scrap: 0, uom: '', attempts: 0 };
    if (read?.refusal !== undefined) {
      this.deadLetter(msg, 'data-quality', read.refusal);
      return;
    }
    quantitiesOf(msg);
    if (cfg.validation.enabled) {
      const newest = cfg.validation.against === 'newest' ? masterData(this.c) : undefined;
      const refusal = validateUom(msg, newest) ?? newest?.againstNewest(msg);
      if (refusal !== undefined) {
        this.deadLetter(msg, 'data-quality', refusal);
        return;
      }
    }
    if (cfg.idempotency.enabled) {
      const first = claimKey(ord, ev.businesskey, ev.id);
      if (first !== undefined) {
        this.int.duplicateSuppressed(ev, ord, iface, first);
        return;
      }
    }
    if (cfg.gates.enabled && !this.gates.admit(msg)) return;
    this.forward(msg);
  }

  private forward(msg: Msg): void {
    if (msg.iface !== 'order-release') {
      this.outbound.enqueue(msg);
      return;
    }
    msg.attempts++;
    const ev = msg.ev;
    // a change or cancellation of a released order travels the release's way to MES
    const refused =
      ev.type === 'erp.order.changed' || ev.type === 'erp.order.cancelled' ? this.c.mes.receiveChange(ev, msg.ord) : this.c.mes.receiveRelease(ev as CanonicalEvent<'erp.order.released'>, msg.ord);
    if (refused !== undefined) this.deadLetter(msg, 'business-rule', refused.reason);
  }

  private deadLetter(msg: Msg, category: ExceptionCategory, reason: string): void {
    this.int.deadLettered(msg.ev, msg.ord, msg.iface, category, reason, msg.attempts);
    forgetKey(msg.ord, msg.ev.businesskey, msg.ev.id);
    this.dead.set(msg.ev.id, msg);
  }

  /** The open dead letter with this message id. */
  deadLetterOf(messageId: string): Msg | undefined {
    return this.dead.get(messageId);
  }

  /** Take a dead letter off the queue (retry, resend and discard all start here). */
  takeDeadLetter(messageId: string): Msg | undefined {
    const msg = this.dead.get(messageId);
    if (msg !== undefined) this.dead.delete(messageId);
    return msg;
  }

  /** Deliver a dead letter again as it is: validation, idempotency and gates judge it afresh. */
  retry(msg: Msg): void {
    this.route(msg.ev, msg.ord, msg.iface);
  }

  /** Bytes that arrived on `channel`: decoded by the shared decoder; what fails is quarantined with its reason. */
  quarantine(raw: Uint8Array, channel: string, ord: OrderRt): string | undefined {
    const decoded = decodeEvent(raw);
    if (decoded.ok) return undefined;
    const c = this.c;
    const ref = c.ids.quarantineRef();
    c.out.quarantine({ time: c.env.time(c.sched.now), source: channel, reason: decoded.reason, detail: decoded.detail, raw });
    this.int.quarantined(ord, ref, channel, decoded.reason, decoded.detail, raw.byteLength);
    return ref;
  }
}
