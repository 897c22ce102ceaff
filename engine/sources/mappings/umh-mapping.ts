import type { JournalInput } from '../../journal/journal-input.js';
import { buildEvent, quarantine, type Draft, type MessageContext } from './build-event.js';
import { mappingName, timeOf } from './json-mapping.js';
import { UMH_NAMES } from './parse-mappings.js';
import { parseJsonPayload } from '../../../model/index.js';
import { fill } from './template.js';
import type { UmhMapping } from './types.js';
import { isRunning, stateReason } from './umh-states.js';

/*
 * United Manufacturing Hub data model v1: `umh/v1/{enterprise}/{site}/{area}/{productionLine}/
 * {workCell}/_analytics/{work-order/create|start|stop, product/add, state/add}`. Payload keys are
 * read in both spellings UMH has used: snake_case (`external_work_order_id`, `end_time_unix_ms`,
 * kafka-to-postgresql-v2) and camelCase (`externalWorkOrderId`, `endTime`, the Node-RED tutorial).
 *
 * What UMH does not say, and what Linesight fills in instead:
 * - uom: UMH counts products, so quantities are pieces: EA.
 * - operation and workCenter: a UMH work order runs on one asset, so the asset (work cell, or the
 *   production line without one) is both.
 * - routing and revision of the released order: UMH has none; `n/a` says so (nothing from UMH
 *   acknowledges a revision, so the revision gate never compares it).
 * - product/add names no order: it belongs to the work order started on the same asset; with none
 *   started (or its start missed) it is quarantined as unmappable rather than guessed.
 * - mes.order.completed needs item, lot and quantities a stop does not carry: item from the create
 *   (or the products added), lot = the order id (UMH has no lots), good/scrap = the sum of the
 *   product/add messages seen since the start. A stop whose start was missed is quarantined.
 * - state/add carries a start, not a duration: a stop is reported when the next state begins,
 *   with the duration between the two. Producing states (10000–29999) report nothing themselves.
 * Other UMH topics (_historian, shifts, product types, setBadQuantity, overwrites) are ignored.
 */

const NONE = 'n/a';
const UOM = 'EA';
/** Bounds the memory of created orders that never start. */
const MAX_ORDERS = 10_000;

type Active = { order: string; item?: string; good: number; scrap: number; counted: Set<string> };
type Asset = { readonly names: Readonly<Record<string, string>>; readonly key: string; readonly cell: string };

/** State kept per connection: orders seen created, the order running on each asset, open stops. */
export type UmhState = {
  readonly created: Map<string, { item: string }>;
  readonly active: Map<string, Active>;
  readonly stopped: Map<string, { startMs: number; state: number }>;
};

export function createUmhState(): UmhState {
  return { created: new Map(), active: new Map(), stopped: new Map() };
}

/** Location levels before the `_schema` level, or undefined when the topic is not UMH v1. */
function assetOf(topic: string): { asset: Asset; rest: string } | undefined {
  const parts = topic.split('/');
  if (parts[0] !== 'umh' || parts[1] !== 'v1') return undefined;
  const schemaAt = parts.findIndex((p, i) => i >= 2 && p.startsWith('_'));
  if (schemaAt < 3) return undefined;
  const location = parts.slice(2, schemaAt);
  const names: Record<string, string> = {};
  UMH_NAMES.forEach((n, i) => {
    if (location[i] !== undefined) names[n] = location[i];
  });
  const cell = names.workCell ?? names.productionLine ?? location[location.length - 1] ?? '';
  return { asset: { names, key: location.join('/'), cell }, rest: parts.slice(schemaAt).join('/') };
}

function pick(o: Record<string, unknown>, snake: string, camel: string): unknown {
  return Object.hasOwn(o, snake) ? o[snake] : Object.hasOwn(o, camel) ? o[camel] : undefined;
}

const count = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : undefined);

/** Map one UMH message; an empty result means it says nothing Linesight shows (yet). */
export function mapUmh(m: UmhMapping, st: UmhState, ctx: MessageContext): JournalInput[] {
  const who = mappingName(m);
  const where = assetOf(ctx.topic);
  if (where === undefined) return [quarantine(ctx, 'unmappable', `${who}: ${ctx.topic} is not umh/v1/{enterprise}/…/_schema/…`)];
  const { asset, rest } = where;
  const kinds = ['_analytics/work-order/create', '_analytics/work-order/start', '_analytics/work-order/stop', '_analytics/product/add', '_analytics/state/add'];
  if (!kinds.includes(rest)) return [];
  const parsed = parseJsonPayload(ctx.payload);
  if (!parsed.ok) return [quarantine(ctx, parsed.reason, parsed.detail)];
  const p = parsed.value;
  if (typeof p !== 'object' || p === null || Array.isArray(p)) return [quarantine(ctx, 'not-object', `${who}: the payload must be a JSON object`)];
  const o = p as Record<string, unknown>;

  let missing = '';
  const plant = fill(m.plant, asset.names, undefined, (w) => (missing = w));
  const line = plant === undefined ? undefined : fill(m.line, asset.names, undefined, (w) => (missing = w));
  if (plant === undefined || line === undefined) return [quarantine(ctx, 'unmappable', `${who}: ${plant === undefined ? 'plant' : 'line'}: ${missing} is not in the topic`)];
  const lack = (what: string) => [quarantine(ctx, 'unmappable', `${who}: ${rest}: ${what}`)];
  const emit = (d: Omit<Draft, 'plant' | 'line'>) => buildEvent(ctx, { plant, line, ...d }, who);
  const orderId = pick(o, 'external_work_order_id', 'externalWorkOrderId');
  const order = typeof orderId === 'number' ? String(orderId) : orderId;
  const cell = asset.cell;

  switch (rest) {
    case '_analytics/work-order/create': {
      if (typeof order !== 'string' || order === '') return lack('external_work_order_id is missing');
      const product = pick(o, 'product', 'product');
      const item = typeof product === 'object' && product !== null ? pick(product as Record<string, unknown>, 'external_product_id', 'externalProductId') : undefined;
      const qty = pick(o, 'quantity', 'quantity');
      const e = emit({ type: 'erp.order.released', system: 'erp', data: { order, item, qty, uom: UOM, routing: NONE, revision: NONE }, timeMs: ctx.nowMs });
      if (e.kind === 'event') {
        if (st.created.size >= MAX_ORDERS) st.created.delete(st.created.keys().next().value as string);
        st.created.set(`${asset.key}/${order}`, { item: item as string });
      }
      return [e];
    }
    case '_analytics/work-order/start': {
      if (typeof order !== 'string' || order === '') return lack('external_work_order_id is missing');
      const timeMs = timeOf(pick(o, 'start_time_unix_ms', 'startTime')) ?? ctx.nowMs;
      const e = emit({ type: 'mes.operation.started', data: { order, operation: cell, workCenter: cell }, timeMs });
      if (e.kind === 'event') {
        const item = st.created.get(`${asset.key}/${order}`)?.item;
        st.active.set(asset.key, { order, ...(item ? { item } : {}), good: 0, scrap: 0, counted: new Set() });
      }
      return [e];
    }
    case '_analytics/work-order/stop': {
      if (typeof order !== 'string' || order === '') return lack('external_work_order_id is missing');
      const run = st.active.get(asset.key);
      if (run?.order !== order) return lack(`the start of work order ${order} on ${asset.key} was not seen, so its quantities are unknown`);
      if (run.item === undefined) return lack(`the product of work order ${order} is unknown (neither its create nor a product/add was seen)`);
      const timeMs = timeOf(pick(o, 'end_time_unix_ms', 'endTime')) ?? ctx.nowMs;
      const e = emit({ type: 'mes.order.completed', data: { order, item: run.item, lot: order, goodQty: run.good, scrapQty: run.scrap, uom: UOM }, timeMs });
      if (e.kind === 'event') {
        st.active.delete(asset.key);
        st.created.delete(`${asset.key}/${order}`);
      }
      return [e];
    }
    case '_analytics/product/add': {
      const run = st.active.get(asset.key);
      if (run === undefined) return lack(`no work order is running on ${asset.key} (its start was not seen), so the order is unknown`);
      const qty = count(pick(o, 'quantity', 'quantity'));
      const bad = count(pick(o, 'bad_quantity', 'badQuantity') ?? 0);
      if (qty === undefined || bad === undefined || bad > qty) return [quarantine(ctx, 'schema', `${who}: ${rest}: quantity and bad_quantity must be whole numbers with bad_quantity ≤ quantity`)];
      const endMs = timeOf(pick(o, 'end_time_unix_ms', 'endTime'));
      if (endMs === undefined) return lack('end_time_unix_ms is missing');
      const batch = pick(o, 'product_batch_id', 'productBatchId');
      const e = emit({
        type: 'mes.operation.confirmed',
        data: { order: run.order, operation: cell, workCenter: cell, goodQty: qty - bad, scrapQty: bad, uom: UOM, final: false },
        timeMs: endMs,
        // each product/add is its own confirmation: key it by batch (or end time), not just by operation
        businesskey: `${run.order}/mes.operation.confirmed/${cell}/${typeof batch === 'string' && batch ? batch : endMs}`,
      });
      const item = pick(o, 'external_product_id', 'externalProductId');
      // a redelivered message is the same event: count it once towards the order's totals
      if (e.kind === 'event' && !run.counted.has(e.event.id)) {
        run.counted.add(e.event.id);
        run.good += qty - bad;
        run.scrap += bad;
        if (run.item === undefined && typeof item === 'string' && item !== '') run.item = item;
      }
      return [e];
    }
    default: {
      const state = count(pick(o, 'state', 'state'));
      const startMs = timeOf(pick(o, 'start_time_unix_ms', 'startTime'));
      if (state === undefined || startMs === undefined) return lack('state and start_time_unix_ms are required');
      const open = st.stopped.get(asset.key);
      if (open && startMs < open.startMs) return [quarantine(ctx, 'schema', `${who}: ${rest}: starts before the state it follows (${open.startMs})`)];
      const out: JournalInput[] = [];
      if (open) {
        const run = st.active.get(asset.key);
        const data = { workCenter: cell, reason: stateReason(open.state), durationMs: startMs - open.startMs, ...(run ? { order: run.order } : {}) };
        out.push(emit({ type: 'mes.downtime.reported', data, timeMs: startMs, businesskey: `${cell}/mes.downtime.reported/${open.startMs}`, part: 'downtime' }));
        st.stopped.delete(asset.key);
      }
      if (!isRunning(state)) st.stopped.set(asset.key, { startMs, state });
      return out;
    }
  }
}
