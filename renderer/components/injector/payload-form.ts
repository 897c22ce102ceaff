/**
 * Conversions between an event's payload and the form that edits it. Pure, so both the injector
 * and the exceptions workbench's "Edit and resend" share them and tests can pin them down.
 */
import type { AnyEvent, EventType, InjectDraft, PayloadField } from '../../../engine/contract/index.js';

/**
 * What one payload input holds: text for text and number inputs (so a half-typed value survives
 * a re-render), a flag for checkboxes.
 */
export type FieldValue = string | boolean;
export type FormValues = Readonly<Record<string, FieldValue>>;

/** The payload field that carries the production order; the form fills it from the event's order. */
export const ORDER_FIELD = 'order';

/** Blank inputs for a template: unchecked boxes, the first option of a required choice, empty text. */
export function emptyValues(fields: readonly PayloadField[]): FormValues {
  const values: Record<string, FieldValue> = {};
  for (const f of fields) {
    if (f.kind === 'boolean') values[f.name] = false;
    else values[f.name] = f.options && !f.optional ? (f.options[0] ?? '') : '';
  }
  return values;
}

/** Inputs showing an existing payload (a journaled event or a dead letter). */
export function valuesFromData(fields: readonly PayloadField[], data: Readonly<Record<string, unknown>>): FormValues {
  const values: Record<string, FieldValue> = {};
  for (const f of fields) {
    const v = data[f.name];
    if (f.kind === 'boolean') values[f.name] = v === true;
    else if (v === undefined || v === null) values[f.name] = '';
    // a payload field is a string or a number; anything else is shown as its JSON, not as [object Object]
    else values[f.name] = typeof v === 'string' || typeof v === 'number' ? String(v) : JSON.stringify(v);
  }
  return values;
}

/**
 * One input's value as the payload carries it; undefined leaves the field out. Text that is not a
 * number stays text, so the engine's validator names the field instead of the form guessing.
 */
export function fieldValue(field: PayloadField, raw: FieldValue | undefined): unknown {
  if (field.kind === 'boolean') return raw === true;
  if (typeof raw !== 'string' || raw.trim() === '') return undefined;
  if (field.kind === 'string') return raw;
  const n = Number(raw);
  return Number.isFinite(n) ? n : raw;
}

/** The payload the inputs describe (empty inputs left out, so a missing required field is reported as such). */
export function dataFromValues(fields: readonly PayloadField[], values: FormValues): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const f of fields) {
    const v = fieldValue(f, values[f.name]);
    if (v !== undefined) data[f.name] = v;
  }
  return data;
}

/** The fields whose edited value differs from the original payload: a resend's `changes`. */
export function changedFields(
  fields: readonly PayloadField[],
  values: FormValues,
  original: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  for (const [name, v] of Object.entries(dataFromValues(fields, values))) if (v !== original[name]) changes[name] = v;
  return changes;
}

/** Field descriptions guessed from a payload, for a message type without a template. */
export function inferFields(data: Readonly<Record<string, unknown>>): PayloadField[] {
  return Object.entries(data).map(([name, v]) => ({
    name,
    kind: typeof v === 'boolean' ? 'boolean' : typeof v === 'number' ? 'number' : 'string',
  }));
}

/** Everything the injector's form holds about the event itself (the sending options live apart). */
export type DraftForm = {
  readonly type: EventType;
  readonly order: string;
  readonly businesskey: string;
  readonly lot: string;
  readonly values: FormValues;
};

/** A fresh form for a template. */
export function blankForm(type: EventType, fields: readonly PayloadField[]): DraftForm {
  return { type, order: '', businesskey: '', lot: '', values: emptyValues(fields) };
}

/** A form prefilled from a journaled event, keeping its business key (what makes a copy a duplicate). */
export function formFromEvent(event: AnyEvent, fields: readonly PayloadField[]): DraftForm {
  const data = event.data as Readonly<Record<string, unknown>>;
  const dataOrder = typeof data[ORDER_FIELD] === 'string' ? data[ORDER_FIELD] : '';
  return {
    type: event.type,
    order: event.subject ?? dataOrder,
    businesskey: event.businesskey,
    lot: event.lot ?? '',
    values: valuesFromData(fields, data),
  };
}

/** The payload inputs the injector shows: the order field follows the event's order, so it is not asked twice. */
export const editableFields = (fields: readonly PayloadField[]): PayloadField[] => fields.filter((f) => f.name !== ORDER_FIELD);

/** The draft `operator.inject` and `events.validate` take. */
export function draftFromForm(form: DraftForm, fields: readonly PayloadField[]): InjectDraft {
  const data = dataFromValues(editableFields(fields), form.values);
  const order = form.order.trim();
  if (order !== '' && fields.some((f) => f.name === ORDER_FIELD)) data[ORDER_FIELD] = order;
  const draft = { type: form.type, order, businesskey: form.businesskey.trim(), data };
  const lot = form.lot.trim();
  return lot === '' ? draft : { ...draft, lot };
}
