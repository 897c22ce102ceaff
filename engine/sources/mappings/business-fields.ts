import {
  BUSINESS_EVENT_TYPES,
  DISPOSITIONS,
  PAYLOAD_FIELDS,
  STOCK_CATEGORIES,
  dataProblems,
  isInjectable,
  type BusinessEventType,
  type EventData,
  type PayloadField,
} from '../../../model/index.js';

const s = (name: string): PayloadField => ({ name, kind: 'string' });
const n = (name: string): PayloadField => ({ name, kind: 'number' });
const so = (name: string): PayloadField => ({ name, kind: 'string', optional: true });
const no = (name: string): PayloadField => ({ name, kind: 'number', optional: true });
const stock = (name: string, optional = false): PayloadField => ({ name, kind: 'string', options: STOCK_CATEGORIES, ...(optional ? { optional } : {}) });

/**
 * Payload fields of ERP's messages, which PAYLOAD_FIELDS leaves out because an operator may not
 * inject them; a mapping may still read them off a foreign bus (an ERP bridge publishing postings).
 * TODO: move beside PAYLOAD_FIELDS in model/payloads.ts so one table covers every business type.
 */
const ERP_FIELDS = {
  // an order without a due date is never late (B2MML leaves EndTime optional)
  'erp.order.created': [s('order'), s('item'), n('qty'), s('uom'), s('routing'), s('revision'), { name: 'due', kind: 'string', optional: true }, so('bomRevision')],
  'erp.order.released': [s('order'), s('item'), n('qty'), s('uom'), s('routing'), s('revision'), so('bomRevision')],
  'erp.confirmation.posted': [s('order'), s('operation'), n('goodQty'), n('scrapQty'), s('uom'), s('document'), no('reworkQty')],
  'erp.consumption.posted': [s('order'), s('item'), so('lot'), n('qty'), s('uom'), s('document'), { name: 'backflush', kind: 'boolean', optional: true }],
  'erp.goods.received': [s('order'), s('item'), s('lot'), n('qty'), s('uom'), s('document'), stock('stock', true)],
  'erp.stock.transferred': [s('order'), s('item'), s('lot'), n('qty'), stock('from'), stock('to'), s('document')],
  'erp.confirmation.cancelled': [s('order'), s('operation'), s('reverses'), n('goodQty'), n('scrapQty'), s('uom'), s('document')],
  'erp.consumption.reversed': [s('order'), s('item'), so('lot'), n('qty'), s('uom'), s('reverses'), s('document')],
  'erp.goods.reversed': [s('order'), s('item'), s('lot'), n('qty'), s('uom'), s('reverses'), s('document')],
  'erp.stock.blocked': [s('order'), s('item'), s('lot'), n('qty'), s('document')],
  'erp.stock.released': [s('order'), s('lot'), { name: 'disposition', kind: 'string', options: DISPOSITIONS }, s('document')],
  'erp.order.closed': [s('order'), n('goodQty'), n('scrapQty'), s('uom')],
  'erp.period.closed': [s('plant'), s('period'), s('from'), s('to'), s('closedAt')],
  'erp.period.reopened': [s('plant'), s('period'), s('from'), s('to'), s('reopenedAt')],
  'erp.order.changed': [s('order'), n('qty'), s('uom'), { name: 'change', kind: 'integer' }, so('due')],
  'erp.order.cancelled': [s('order'), s('reason')],
  // change uom: `item` is the component, `from`/`to` the old and new factor of its alternative unit `uom` in its base unit `base`
  'erp.masterdata.changed': [{ name: 'change', kind: 'string', options: ['routing', 'bom', 'uom'] }, s('item'), s('from'), s('to'), s('effective'), so('uom'), so('base')],
} as const satisfies { readonly [T in keyof EventData]?: readonly PayloadField[] };

const BUSINESS = new Set<string>(BUSINESS_EVENT_TYPES);

export function isBusinessType(type: string): type is BusinessEventType {
  return BUSINESS.has(type);
}

/** The data fields of a business event type. */
export function fieldsOf(type: BusinessEventType): readonly PayloadField[] {
  return isInjectable(type) ? PAYLOAD_FIELDS[type] : ERP_FIELDS[type];
}

/**
 * Bring a payload value to the kind its field wants when nothing is lost: plants send order
 * numbers as numbers and quantities as strings often enough that refusing them would quarantine
 * whole interfaces. Anything else is returned as it is and validation names it.
 */
export function coerce(field: PayloadField | undefined, v: unknown): unknown {
  if (field === undefined) return v;
  if (field.kind === 'string' && typeof v === 'number' && Number.isFinite(v)) return String(v);
  if ((field.kind === 'number' || field.kind === 'integer') && typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v.trim())) return Number(v);
  if (field.kind === 'boolean' && (v === 'true' || v === 'false')) return v === 'true';
  return v;
}

/** Problems with `data` for `type`, as dataProblems words them (for ERP types too). */
export function businessDataProblems(type: BusinessEventType, data: Record<string, unknown>): string[] {
  if (isInjectable(type)) return dataProblems(type, data);
  const fields = fieldsOf(type);
  const problems: string[] = [];
  for (const f of fields) {
    const v = data[f.name];
    if (v === undefined) {
      if (!f.optional) problems.push(`data.${f.name} is required`);
    } else if (f.kind === 'number' && !(typeof v === 'number' && Number.isFinite(v) && v >= 0)) problems.push(`data.${f.name} must be a number ≥ 0`);
    else if (f.kind === 'boolean' && typeof v !== 'boolean') problems.push(`data.${f.name} must be true or false`);
    else if (f.kind === 'string' && (typeof v !== 'string' || v.trim() === '')) problems.push(`data.${f.name} must be a non-empty string`);
    else if (f.options && !f.options.includes(v as string)) problems.push(`data.${f.name} must be one of ${f.options.join(', ')}`);
  }
  for (const k of Object.keys(data)) if (!fields.some((f) => f.name === k)) problems.push(`data.${k} is not a field of ${type}`);
  return problems;
}
