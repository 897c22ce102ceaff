import { isPosting, isReversalMessage, isReversalPosting, payloadProblems, reversalMessageFor, reversalPayload, sourceOf, type AnyEvent, type EventData } from '../../model/index.js';
import type { ReversalPreview } from '../../monitor/index.js';
import { OperatorError, type OperatorCommand } from '../../simulator/index.js';
import { envelope, type LiveInjection } from './live-inject.js';

type Reverse = Extract<OperatorCommand, { kind: 'reverse' }>;
type Previewed = Extract<ReversalPreview, { ok: true }>;

const fail = (message: string): never => {
  throw new OperatorError(message);
};

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);

/**
 * The data of a reversal message (interface 3 of the design): a cancelled confirmation names its
 * operation and the good and scrap quantities it takes back; a reversed consumption or receipt its
 * item, lot and quantity. Quantities are ONE posting's worth, as the monitor previewed them; the
 * operation and item come from the key's own message (or, if only its posting was seen, the posting;
 * else the preview's label).
 */
export function reversalData(preview: Previewed, of: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const { key, order, uom } = preview;
  const facts = { order, reverses: key, qty: preview.qty, scrap: preview.scrap, uom };
  switch (preview.messageType) {
    case 'mes.confirmation.cancelled': {
      const operation = text(of.operation) ?? text(preview.label) ?? fail(`cannot tell which operation ${key} confirmed`);
      return reversalPayload(preview.messageType, { ...facts, operation });
    }
    case 'mes.consumption.reversed': {
      const item = text(of.item) ?? text(preview.label) ?? fail(`cannot tell which component ${key} consumed`);
      return reversalPayload(preview.messageType, { ...facts, item, lot: text(preview.lot) ?? text(of.lot) });
    }
    case 'mes.receipt.reversed': {
      const item = text(of.item) ?? text(preview.label) ?? fail(`cannot tell which material ${key} received`);
      const lot = text(preview.lot) ?? text(of.lot) ?? fail(`cannot tell which lot ${key} received`);
      return reversalPayload(preview.messageType, { ...facts, item, lot });
    }
    default:
      return fail(`${preview.messageType} is not a reversal message Linesight can send`);
  }
}

/**
 * Build what an operator's reversal sends to a live broker: the `operator.reversal-requested` event
 * (who, why, the key, the message) and the reversal message itself — keyed `preview.reversalKey`,
 * sent as the line's MES would send it, caused by the key's latest ERP posting. `keyEvents` are the
 * journaled events of the reversed key, in journal order.
 */
export function buildLiveReversal(
  cmd: Reverse,
  preview: ReversalPreview,
  keyEvents: readonly AnyEvent[],
  nextSequence: (source: string) => number,
  nowMs: number,
): LiveInjection {
  if (!preview.ok) return fail(preview.refused);
  const { key, plant, line, order } = preview;
  if (!isReversalMessage(preview.messageType)) fail(`${preview.messageType} does not reverse a posting`);
  const message = keyEvents.filter((e) => reversalMessageFor(e.type) !== undefined).at(-1);
  const posting = keyEvents.filter((e) => isPosting(e.type) && !isReversalPosting(e.type)).at(-1);
  const of = ((message ?? posting)?.data ?? {}) as Readonly<Record<string, unknown>>;
  const data = reversalData(preview, of);
  const lot = text(data.lot) ?? message?.lot;
  const problems = payloadProblems({ type: preview.messageType, order, businesskey: preview.reversalKey, data, ...(lot === undefined ? {} : { lot }) });
  if (problems.length > 0) fail(`the reversal of ${key} would not be a valid ${preview.messageType}: ${problems.join('; ')}`);
  const reversal = envelope(preview.messageType, data, sourceOf(plant, line, 'mes'), plant, line, order, preview.reversalKey, lot, nextSequence, nowMs, posting?.id);
  const requested: EventData['operator.reversal-requested'] = { who: cmd.who, why: cmd.why, reverses: key, messageId: reversal.id, messageType: reversal.type };
  const action = envelope('operator.reversal-requested', requested, sourceOf(plant, line, 'operator'), plant, line, order, key, lot, nextSequence, nowMs);
  return { messages: [reversal], actions: [action] };
}
