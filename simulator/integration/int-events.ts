import type { AnyEvent, EventData, ExceptionCategory, Gate, IntEventType, Interface, QuarantineReason } from '../../model/index.js';
import type { Ctx } from '../core/context.js';
import type { OrderRt } from '../core/records.js';

/**
 * The integration layer's reports about the messages it handles. Each names the message
 * (`messageId`, `messageType`, `interface`), carries its business key, order and lot, and gives
 * the message as its cause. Data keys are written in code-point order (canonical JSON).
 */
export class IntEvents {
  constructor(private readonly c: Ctx) {}

  private emit<T extends IntEventType>(type: T, ev: AnyEvent, ord: OrderRt, data: EventData[T]): void {
    const c = this.c;
    c.out.event(c.env.build(ord.line.int, type, c.sched.now, data, ev.businesskey, ev.correlationid, ev.subject, ev.id, ev.lot) as AnyEvent);
  }

  buffered(ev: AnyEvent, ord: OrderRt, iface: Interface, bufferDepth: number): void {
    this.emit('int.message.buffered', ev, ord, { bufferDepth, interface: iface, messageId: ev.id, messageType: ev.type });
  }

  forwarded(ev: AnyEvent, ord: OrderRt, iface: Interface, bufferedMs: number): void {
    this.emit('int.message.forwarded', ev, ord, { bufferedMs, interface: iface, messageId: ev.id, messageType: ev.type });
  }

  resequenced(ev: AnyEvent, ord: OrderRt, iface: Interface, expected: number): void {
    const data = { expectedSequence: String(expected), interface: iface, messageId: ev.id, messageType: ev.type, receivedSequence: ev.sequence };
    this.emit('int.message.resequenced', ev, ord, data);
  }

  duplicateSuppressed(ev: AnyEvent, ord: OrderRt, iface: Interface, firstMessageId: string): void {
    this.emit('int.message.duplicate-suppressed', ev, ord, { firstMessageId, interface: iface, messageId: ev.id, messageType: ev.type });
  }

  gated(ev: AnyEvent, ord: OrderRt, iface: Interface, gate: Gate, reason: string): void {
    this.emit('int.message.gated', ev, ord, { gate, interface: iface, messageId: ev.id, messageType: ev.type, reason });
  }

  released(ev: AnyEvent, ord: OrderRt, iface: Interface, gate: Gate, heldMs: number): void {
    this.emit('int.message.released', ev, ord, { gate, heldMs, interface: iface, messageId: ev.id, messageType: ev.type });
  }

  retried(ev: AnyEvent, ord: OrderRt, iface: Interface, attempt: number, error: string, backoffMs: number): void {
    this.emit('int.message.retried', ev, ord, { attempt, backoffMs, error, interface: iface, messageId: ev.id, messageType: ev.type });
  }

  deadLettered(ev: AnyEvent, ord: OrderRt, iface: Interface, category: ExceptionCategory, reason: string, attempts: number): void {
    const data = { attempts, category, interface: iface, messageId: ev.id, messageType: ev.type, reason };
    this.emit('int.message.dead-lettered', ev, ord, data);
  }

  schemaMapped(ev: AnyEvent, ord: OrderRt, iface: Interface, dataschema: string, renamed: readonly string[], ignored: readonly string[]): void {
    const data = { dataschema, ignored: [...ignored], interface: iface, messageId: ev.id, messageType: ev.type, renamed: [...renamed] };
    this.emit('int.message.schema-mapped', ev, ord, data);
  }

  discarded(ev: AnyEvent, ord: OrderRt, iface: Interface, reason: string): void {
    this.emit('int.message.discarded', ev, ord, { interface: iface, messageId: ev.id, messageType: ev.type, reason });
  }

  /** Undecodable bytes: nothing in them can be trusted, so the report is its own transaction, named by its quarantine ref. */
  quarantined(ord: OrderRt, ref: string, channel: string, reason: QuarantineReason, detail: string, bytes: number): void {
    const c = this.c;
    const data = { bytes, channel, detail, quarantineRef: ref, reason };
    c.out.event(c.env.build(ord.line.int, 'int.message.quarantined', c.sched.now, data, ref, ref, undefined, undefined, undefined));
  }
}
