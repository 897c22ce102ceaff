import { randomUUID } from 'node:crypto';
import { payloadProblems, rfc3339, sourceOf, templateOf, type AnyEvent, type EventData } from '../../model/index.js';
import type { OrderView } from '../../monitor/index.js';
import type { OperatorCommand } from '../../simulator/index.js';
import { OperatorError } from '../../simulator/index.js';

/** Where a connected-mode injection goes: the connection to publish on, and the line when the order is new to us. */
export type InjectTarget = { readonly connection?: string | undefined; readonly line?: string | undefined };

type Inject = Extract<OperatorCommand, { kind: 'inject' }>;

/** The messages of one injection into a watched broker, and the operator events that record it. */
export type LiveInjection = { readonly messages: AnyEvent[]; readonly actions: AnyEvent[] };

const MAX_COPIES = 1000;

/**
 * Build what an operator injects into a live broker: `count` copies of the draft, each a new
 * message (new id, its own sequence) with `origin: injected`, sent as the order's line's system
 * would send it — and, for each, an `operator.event-injected` event saying who and why. The line
 * is the order's as the monitor knows it, or `target.line` (`PLANT/LINE`) for an order not seen yet.
 * Spacing and delay are simulator options: a broker gets the copies back to back.
 */
export function buildLiveInjection(
  cmd: Inject,
  target: InjectTarget,
  orders: readonly OrderView[],
  nextSequence: (source: string) => number,
  nowMs: number,
): LiveInjection {
  const fail = (message: string): never => {
    throw new OperatorError(message);
  };
  const problems = payloadProblems(cmd.event);
  if (problems.length > 0) fail(`the event is not valid: ${problems.join('; ')}`);
  if (!Number.isSafeInteger(cmd.count) || cmd.count < 1 || cmd.count > MAX_COPIES) fail(`count must be a whole number from 1 to ${MAX_COPIES}, got ${cmd.count}`);
  if (cmd.spacingMs !== 0 || cmd.delayMs !== 0) fail('spacing and delay are simulator options: a watched broker gets the copies back to back (set both to 0)');
  const d = cmd.event;
  const known = orders.find((o) => o.order === d.order);
  let plant: string;
  let line: string;
  if (target.line !== undefined) {
    const parts = target.line.split('/');
    if (parts.length !== 2 || parts.some((p) => p.trim() === '')) fail(`line must be PLANT/LINE, got "${target.line}"`);
    [plant, line] = parts as [string, string];
    if (known && (known.plant !== plant || known.line !== line)) fail(`order ${d.order} runs on ${known.plant}/${known.line}, not ${target.line}`);
  } else if (known) {
    ({ plant, line } = known);
  } else {
    fail(`order ${d.order} has not been seen on this broker yet: say which line it runs on (PLANT/LINE)`);
  }
  const system = templateOf(d.type as Parameters<typeof templateOf>[0]).system as 'mes' | 'wms' | 'qms';
  const messages: AnyEvent[] = [];
  const actions: AnyEvent[] = [];
  for (let i = 0; i < cmd.count; i++) {
    const message = envelope(d.type, d.data, sourceOf(plant!, line!, system), plant!, line!, d.order, d.businesskey, d.lot, nextSequence, nowMs);
    messages.push(message);
    const data: EventData['operator.event-injected'] = { eventId: message.id, eventType: message.type, who: cmd.who, why: cmd.why };
    if (cmd.template !== undefined) data.template = cmd.template;
    actions.push(envelope('operator.event-injected', data, sourceOf(plant!, line!, 'operator'), plant!, line!, d.order, d.businesskey, d.lot, nextSequence, nowMs));
  }
  return { messages, actions };
}

/**
 * An operator-made message or operator event as a watched line's system would send it: a new id,
 * the source's next sequence, `origin: injected`, and (for a reversal) the posting it answers.
 */
export function envelope(
  type: string,
  data: object,
  source: string,
  plant: string,
  line: string,
  order: string,
  businesskey: string,
  lot: string | undefined,
  nextSequence: (source: string) => number,
  nowMs: number,
  causationid?: string,
): AnyEvent {
  // keys in sorted order, as every event Linesight makes (the journal's canonical JSON relies on it)
  const e: Record<string, unknown> = { businesskey };
  if (causationid !== undefined) e.causationid = causationid;
  Object.assign(e, { correlationid: order, data, datacontenttype: 'application/json', id: randomUUID(), line });
  if (lot !== undefined) e.lot = lot;
  e.origin = 'injected';
  e.plant = plant;
  e.sequence = String(nextSequence(source));
  e.source = source;
  e.specversion = '1.0';
  e.subject = order;
  e.time = rfc3339(nowMs);
  e.type = type;
  return e as unknown as AnyEvent;
}
