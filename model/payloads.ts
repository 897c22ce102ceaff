import type { EventData } from './event.js';
import { interfaceOfMessage } from './interfaces.js';
import { DISPOSITIONS, EVENT_TYPES, USAGE_DECISIONS, type EventType, type Interface } from './names.js';

/** A field of an event type's payload, as the injector's form shows it and the validator checks it. */
export type PayloadField = {
  readonly name: string;
  readonly kind: 'string' | 'number' | 'integer' | 'boolean';
  /** allowed values, when the field is one of a fixed set */
  readonly options?: readonly string[];
  readonly optional?: boolean;
};

/** An injectable event type: who sends it, the interface it travels on (if any) and its payload fields. */
export type EventTemplate = {
  readonly type: EventType;
  readonly system: string;
  readonly interface: Interface | null;
  readonly fields: readonly PayloadField[];
};

/** A canonical event an operator composed, before the engine gives it an envelope of its own. */
export type InjectDraft = {
  readonly type: EventType;
  /** production order (the `subject`); it must be an order the session knows */
  readonly order: string;
  /** the business key; for a copy of a journaled event, that event's key */
  readonly businesskey: string;
  readonly lot?: string;
  readonly data: Readonly<Record<string, unknown>>;
};

const s = (name: string, optional = false): PayloadField => (optional ? { name, kind: 'string', optional } : { name, kind: 'string' });
const n = (name: string): PayloadField => ({ name, kind: 'number' });
const i = (name: string): PayloadField => ({ name, kind: 'integer' });
const b = (name: string): PayloadField => ({ name, kind: 'boolean' });
/** optional number, integer and boolean fields (absent in older journals, or when there is nothing to say) */
const no = (name: string): PayloadField => ({ name, kind: 'number', optional: true });
const io = (name: string): PayloadField => ({ name, kind: 'integer', optional: true });
const bo = (name: string): PayloadField => ({ name, kind: 'boolean', optional: true });
const one = (name: string, options: readonly string[]): PayloadField => ({ name, kind: 'string', options });

/**
 * The payload fields of every message a plant system sends (MES, WMS, QMS): what an operator may
 * inject. ERP's postings and the integration layer's reports are outcomes, not inputs, so they
 * are not injectable. Kept beside `EventData`; a test checks the two agree.
 */
export const PAYLOAD_FIELDS = {
  'mes.order.acknowledged': [s('order'), s('routing'), s('revision')],
  'mes.operation.started': [s('order'), s('operation'), s('workCenter')],
  'mes.operation.confirmed': [
    s('order'),
    s('operation'),
    s('workCenter'),
    n('goodQty'),
    n('scrapQty'),
    s('uom'),
    b('final'),
    no('reworkQty'),
    io('setupMs'),
    io('machineMs'),
    io('laborMs'),
    s('postingDate', true),
  ],
  'mes.material.consumed': [s('order'), s('item'), s('lot', true), n('qty'), s('uom'), bo('backflush'), s('postingDate', true)],
  'mes.downtime.reported': [s('workCenter'), s('reason'), i('durationMs'), s('order', true)],
  'mes.order.completed': [s('order'), s('item'), s('lot'), n('goodQty'), n('scrapQty'), s('uom'), no('receiptQty'), s('postingDate', true)],
  'mes.output.declared': [s('order'), s('item'), s('lot'), n('qty'), s('uom'), s('postingDate', true)],
  'mes.confirmation.cancelled': [s('order'), s('operation'), s('reverses'), n('goodQty'), n('scrapQty'), s('uom')],
  'mes.consumption.reversed': [s('order'), s('item'), s('lot', true), n('qty'), s('uom'), s('reverses')],
  'mes.receipt.reversed': [s('order'), s('item'), s('lot'), n('qty'), s('uom'), s('reverses')],
  'wms.material.staged': [s('order'), s('item'), s('lot'), n('qty'), s('uom'), s('expiry')],
  'wms.lot.split': [s('order'), s('item'), s('lot'), s('newLot'), n('qty'), s('uom')],
  'wms.pick.refused': [s('order'), s('item'), s('lot'), s('reason'), s('expiry')],
  'qms.inspection.requested': [s('order'), s('item'), s('lot'), n('qty')],
  'qms.inspection.recorded': [s('order'), s('lot'), one('result', ['pass', 'fail']), s('defect', true)],
  'qms.hold.placed': [s('order'), s('item'), s('lot'), n('qty'), s('reason')],
  'qms.hold.released': [s('order'), s('lot'), one('disposition', DISPOSITIONS)],
  'qms.usage.decided': [s('order'), s('item'), s('lot'), n('qty'), one('decision', USAGE_DECISIONS)],
  'mes.order.change-acknowledged': [s('order'), n('qty'), s('uom'), i('change')],
  'mes.order.cancel-acknowledged': [s('order'), s('operation', true)],
} as const satisfies { readonly [T in keyof EventData]?: readonly PayloadField[] };

export type InjectableType = keyof typeof PAYLOAD_FIELDS;
export const INJECTABLE_TYPES = Object.keys(PAYLOAD_FIELDS) as InjectableType[];

export function isInjectable(type: string): type is InjectableType {
  return Object.prototype.hasOwnProperty.call(PAYLOAD_FIELDS, type);
}

export function templateOf(type: InjectableType): EventTemplate {
  return { type, system: type.slice(0, type.indexOf('.')), interface: interfaceOfMessage(type) ?? null, fields: PAYLOAD_FIELDS[type] };
}

const MAX_TEXT = 200;
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** One field's problem, or undefined. */
function fieldProblem(f: PayloadField, v: unknown): string | undefined {
  if (v === undefined) return f.optional ? undefined : `data.${f.name} is required`;
  switch (f.kind) {
    case 'boolean':
      return typeof v === 'boolean' ? undefined : `data.${f.name} must be true or false`;
    case 'number':
      return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? undefined : `data.${f.name} must be a number ≥ 0`;
    case 'integer':
      return Number.isSafeInteger(v) && (v as number) >= 0 ? undefined : `data.${f.name} must be a whole number ≥ 0`;
    default:
      if (typeof v !== 'string' || v.trim() === '') return `data.${f.name} must be a non-empty string`;
      if (v.length > MAX_TEXT) return `data.${f.name} is longer than ${MAX_TEXT} characters`;
      if (f.options && !f.options.includes(v)) return `data.${f.name} must be one of ${f.options.join(', ')}`;
      return undefined;
  }
}

/** Problems with a payload of `type`: missing, mistyped and unknown fields. Empty when it is valid. */
export function dataProblems(type: InjectableType, data: unknown): string[] {
  if (!isRecord(data)) return ['data must be an object'];
  const fields = PAYLOAD_FIELDS[type] as readonly PayloadField[];
  const problems: string[] = [];
  for (const f of fields) {
    const p = fieldProblem(f, data[f.name]);
    if (p) problems.push(p);
  }
  for (const k of Object.keys(data)) if (!fields.some((f) => f.name === k)) problems.push(`data.${k} is not a field of ${type}`);
  return problems;
}

/** Everything wrong with a draft (type, order, business key, lot, payload); empty when it may be sent. */
export function payloadProblems(draft: unknown): string[] {
  if (!isRecord(draft)) return ['the event must be an object'];
  const problems: string[] = [];
  const type = draft.type;
  if (typeof type !== 'string' || !(EVENT_TYPES as readonly string[]).includes(type)) problems.push(`type ${JSON.stringify(type)} is not a Linesight event type`);
  else if (!isInjectable(type)) problems.push(`${type} is not injectable: only messages of MES, WMS and QMS are (ERP postings and integration reports are outcomes)`);
  for (const k of ['order', 'businesskey'] as const) {
    const v = draft[k];
    if (typeof v !== 'string' || v.trim() === '') problems.push(`${k} must be a non-empty string`);
    else if (v.length > MAX_TEXT) problems.push(`${k} is longer than ${MAX_TEXT} characters`);
  }
  if (draft.lot !== undefined && (typeof draft.lot !== 'string' || draft.lot === '')) problems.push('lot must be a non-empty string when given');
  if (typeof type === 'string' && isInjectable(type)) {
    problems.push(...dataProblems(type, draft.data));
    if (isRecord(draft.data) && typeof draft.data.order === 'string' && draft.data.order !== draft.order) {
      problems.push(`data.order (${draft.data.order}) must be the event's order (${String(draft.order)})`);
    }
  }
  return problems;
}
