/**
 * What happened to each event of an order's lineage, in words and as an outcome class the timeline
 * colours by. Pure functions over journaled envelopes, so they are unit-tested without a DOM.
 */
import type { AnyEvent } from '../../../engine/contract/index.js';

/**
 * How an event fared. The integration layer reports on messages with `int.message.*` events that
 * name the message (`data.messageId`); a message takes the outcome of the last such report, so a
 * confirmation that was dead-lettered is highlighted where it was sent, not only where it failed.
 */
export type Outcome = 'ok' | 'dead-lettered' | 'gated' | 'retried' | 'duplicate';

/** How the legend explains each outcome. */
export const OUTCOME_LABELS: Readonly<Record<Outcome, string>> = {
  ok: 'delivered or recorded',
  'dead-lettered': 'dead-lettered',
  gated: 'held (gated, buffered or resequenced)',
  retried: 'retried',
  duplicate: 'duplicate suppressed',
};

/** The same in a word or two, for table cells, badges and tooltips. */
export const OUTCOME_SHORT: Readonly<Record<Outcome, string>> = {
  ok: 'delivered',
  'dead-lettered': 'dead-lettered',
  gated: 'held',
  retried: 'retried',
  duplicate: 'duplicate suppressed',
};

/** The outcome an `int.message.*` report stands for; null for reports that say the message went on. */
function reportOutcome(type: string): Outcome | null {
  switch (type) {
    case 'int.message.dead-lettered':
    case 'int.message.quarantined':
    case 'int.message.discarded':
      return 'dead-lettered';
    case 'int.message.gated':
    case 'int.message.buffered':
    case 'int.message.resequenced':
      return 'gated';
    case 'int.message.retried':
      return 'retried';
    case 'int.message.duplicate-suppressed':
      return 'duplicate';
    default:
      return null;
  }
}

/** The message an integration report is about, if it names one. */
function reportedMessage(e: AnyEvent): string | undefined {
  const data = e.data as { readonly messageId?: unknown };
  return e.type.startsWith('int.message.') && typeof data.messageId === 'string' ? data.messageId : undefined;
}

/**
 * Outcome per event id, for events in time order. Reports keep their own outcome; a message gets
 * the outcome of its last report (a gated message later released is `ok` again).
 */
export function outcomes(events: readonly AnyEvent[]): ReadonlyMap<string, Outcome> {
  const result = new Map<string, Outcome>();
  for (const e of events) {
    const own = reportOutcome(e.type);
    if (!result.has(e.id)) result.set(e.id, own ?? 'ok');
    const message = reportedMessage(e);
    if (message !== undefined) result.set(message, own ?? 'ok');
  }
  return result;
}

const str = (v: unknown): string => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');

/** One short line saying what an event carries, e.g. a dead-letter reason or a confirmed quantity. */
export function summarize(e: AnyEvent): string {
  const d = e.data as Readonly<Record<string, unknown>>;
  // a newer payload version (schema drift) is named with the fields it carries, as they were sent
  const dataschema = (e as { readonly dataschema?: unknown }).dataschema;
  if (typeof dataschema === 'string') return `payload ${dataschema}: ${Object.keys(d).join(', ')}`;
  switch (e.type) {
    case 'int.message.schema-mapped': {
      const list = (v: unknown): string => (Array.isArray(v) && v.length > 0 ? v.map(String).join(', ') : 'none');
      return `${str(d.messageType)} read as ${str(d.dataschema)}: renamed ${list(d.renamed)}; ignored ${list(d.ignored)}`;
    }
    case 'int.message.dead-lettered':
      return `${str(d.messageType)} dead-lettered (${str(d.category)}): ${str(d.reason)}`;
    case 'int.message.gated':
      return `${str(d.messageType)} held at the ${str(d.gate)} gate: ${str(d.reason)}`;
    case 'int.message.released':
      return `${str(d.messageType)} released from the ${str(d.gate)} gate`;
    case 'int.message.retried':
      return `${str(d.messageType)} attempt ${str(d.attempt)} failed: ${str(d.error)}`;
    case 'int.message.duplicate-suppressed':
      return `${str(d.messageType)} suppressed as a duplicate of ${str(d.firstMessageId)}`;
    case 'int.message.resequenced':
      return `${str(d.messageType)} held for sequence ${str(d.expectedSequence)} (got ${str(d.receivedSequence)})`;
    case 'int.message.discarded':
      return `${str(d.messageType)} discarded: ${str(d.reason)}`;
    case 'int.message.quarantined':
      return `bytes quarantined (${str(d.reason)}): ${str(d.detail)}`;
    case 'int.message.buffered':
    case 'int.message.forwarded':
      return `${str(d.messageType)} ${e.type === 'int.message.buffered' ? 'buffered' : 'forwarded'}`;
    case 'mes.operation.confirmed':
    case 'erp.confirmation.posted':
      return `operation ${str(d.operation)}: ${str(d.goodQty)} good, ${str(d.scrapQty)} scrap ${str(d.uom)}`;
    case 'mes.material.consumed':
    case 'erp.consumption.posted':
    case 'wms.material.staged':
      return `${str(d.qty)} ${str(d.uom)} ${str(d.item)} from lot ${str(d.lot)}`;
    case 'mes.confirmation.cancelled':
    case 'erp.confirmation.cancelled':
      return `reverses ${str(d.reverses)}: operation ${str(d.operation)}, ${str(d.goodQty)} good, ${str(d.scrapQty)} scrap ${str(d.uom)}`;
    case 'mes.consumption.reversed':
    case 'erp.consumption.reversed':
    case 'mes.receipt.reversed':
    case 'erp.goods.reversed':
      return `reverses ${str(d.reverses)}: ${str(d.qty)} ${str(d.uom)} ${str(d.item)}${d.lot === undefined ? '' : ` from lot ${str(d.lot)}`}`;
    case 'operator.reversal-requested':
      return `${str(d.who)} asked ERP to reverse ${str(d.reverses)}: ${str(d.why)}`;
    case 'operator.answer-given':
      return `${str(d.who)} answered ${str(d.question)} of ${str(d.exercise)}: ${str(d.answer)}`;
    case 'operator.hint-taken':
      return `${str(d.who)} took hint ${str(d.hint)} of ${str(d.exercise)}`;
    case 'qms.inspection.recorded':
      return `lot ${str(d.lot)}: ${str(d.result)}${d.defect === undefined ? '' : ` (${str(d.defect)})`}`;
    case 'qms.hold.placed':
      return `lot ${str(d.lot)} held: ${str(d.reason)}`;
    default:
      if (e.type.startsWith('operator.')) return `${str(d.who)}: ${str(d.why)}`;
      return 'qty' in d ? `${str(d.qty)} ${str(d.uom)} ${str(d.item)}`.trim() : '';
  }
}
