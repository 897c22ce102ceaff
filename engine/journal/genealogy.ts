import type { Database } from 'better-sqlite3';
import type { Genealogy, GenealogyEdge, GenealogyNode, GenealogyStatus } from '../contract/index.js';
import { checkNotDeleted } from './session-state.js';
import { statement } from './statement-cache.js';

/** Deepest genealogy a query may ask for (orders up and down from the lot). */
export const MAX_GENEALOGY_DEPTH = 3;
export const DEFAULT_GENEALOGY_DEPTH = 2;
/** At most this many nodes: a lot that leads further is cut there (`truncated`). */
export const MAX_GENEALOGY_NODES = 400;

export type { Genealogy, GenealogyEdge, GenealogyNode, GenealogyStatus } from '../contract/index.js';

type Row = { type: string; order_id: string | null; lot: string | null; time: string; data: string };

const COLS = 'type, order_id, lot, time, data';
// each lookup uses an index: events_lot, events_order, events_type (splits by their child)
const SQL = {
  byLot: `SELECT ${COLS} FROM events WHERE session = ? AND lot = ? ORDER BY seq`,
  consumedBy: `SELECT ${COLS} FROM events WHERE session = ? AND order_id = ? AND type = 'mes.material.consumed' AND lot IS NOT NULL ORDER BY seq`,
  producedBy: `SELECT ${COLS} FROM events WHERE session = ? AND order_id = ? AND type IN ('mes.order.completed', 'mes.output.declared') ORDER BY seq`,
  orderCreated: `SELECT ${COLS} FROM events WHERE session = ? AND order_id = ? AND type = 'erp.order.created' ORDER BY seq LIMIT 1`,
  splitInto: `SELECT ${COLS} FROM events WHERE session = ? AND type = 'wms.lot.split' AND json_extract(data, '$.newLot') = ? ORDER BY seq LIMIT 1`,
} as const;

type LotFacts = {
  item: string;
  qty: number | null;
  uom: string;
  order: string | null;
  status: GenealogyStatus | null;
  decisions: { decision: string; qty: number }[];
  /** orders that consumed the lot, in journal order */
  consumers: string[];
  /** lots split off it */
  children: { lot: string; qty: number }[];
};

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const text = (v: unknown): string => (typeof v === 'string' ? v : '');

/**
 * The genealogy of `lot` in a session, from the journal alone: the lot, the order that produced it
 * and, up to `depth` orders up, the lots that order consumed (a split child leads to its parent
 * lot first), recursively; down, the orders that consumed it (or its split children) and the lots
 * they produced, recursively. Opening stock ends a branch upward (no order produced it).
 */
export function genealogyForLot(db: Database, session: number, lot: string, depth = DEFAULT_GENEALOGY_DEPTH): Genealogy {
  checkNotDeleted(db, session);
  const d = Math.max(0, Math.min(MAX_GENEALOGY_DEPTH, Math.floor(depth)));
  const rows = (sql: string, arg: string) => statement(db, sql).all(session, arg) as Row[];
  const facts = new Map<string, LotFacts>();
  const nodes = new Map<string, GenealogyNode>();
  const edges = new Map<string, GenealogyEdge>();
  let truncated = false;

  const parentOf = (l: string): { lot: string; qty: number } | undefined => {
    const r = rows(SQL.splitInto, l)[0];
    return r?.lot == null ? undefined : { lot: r.lot, qty: num((JSON.parse(r.data) as Record<string, unknown>).qty) ?? 0 };
  };
  const lotFacts = (l: string): LotFacts => {
    const had = facts.get(l);
    if (had !== undefined) return had;
    const f: LotFacts = { item: '', qty: null, uom: '', order: null, status: null, decisions: [], consumers: [], children: [] };
    let expired = false;
    let held = false;
    let released: string | undefined;
    let received = false;
    let stagedQty: number | null = null;
    for (const r of rows(SQL.byLot, l)) {
      const data = JSON.parse(r.data) as Record<string, unknown>;
      f.item ||= text(data.item);
      switch (r.type) {
        case 'mes.order.completed':
          f.order = r.order_id;
          f.qty = num(data.receiptQty) ?? num(data.goodQty);
          f.uom = text(data.uom);
          break;
        case 'erp.goods.received':
          received = true;
          if (f.order === null) {
            f.order = r.order_id;
            f.qty = num(data.qty);
            f.uom = text(data.uom);
          }
          break;
        case 'wms.material.staged':
          stagedQty ??= num(data.qty);
          if (f.uom === '') f.uom = text(data.uom);
          if (Date.parse(text(data.expiry)) <= Date.parse(r.time)) expired = true;
          break;
        case 'wms.pick.refused':
          expired = true;
          break;
        case 'wms.lot.split':
          f.children.push({ lot: text(data.newLot), qty: num(data.qty) ?? 0 });
          break;
        case 'mes.material.consumed':
          if (r.order_id !== null && !f.consumers.includes(r.order_id)) f.consumers.push(r.order_id);
          break;
        case 'qms.usage.decided':
          f.decisions.push({ decision: text(data.decision), qty: num(data.qty) ?? 0 });
          break;
        case 'qms.hold.placed':
          held = true;
          break;
        case 'qms.hold.released':
          held = false;
          released = text(data.disposition);
          break;
        default:
          break;
      }
    }
    // a lot WMS staged without a producing order: opening stock, or a split child (its split tells its size)
    if (f.qty === null) f.qty = stagedQty;
    const kinds = [...new Set(f.decisions.map((x) => x.decision))];
    if (expired) f.status = 'expired';
    else if (kinds.length > 1) f.status = 'partly blocked';
    else if (kinds.length === 1) f.status = kinds[0] as GenealogyStatus;
    else if (held) f.status = 'on hold';
    else if (released === 'release') f.status = 'unrestricted';
    else if (released === 'scrap') f.status = 'scrap';
    else if (received) f.status = 'quality-inspection';
    facts.set(l, f);
    // a split child is its parent's material: same producing order and, until decided itself, the same status
    if (f.order === null) {
      const parent = parentOf(l);
      if (parent !== undefined) {
        const pf = lotFacts(parent.lot);
        f.order = pf.order;
        // WMS splits only what is in unrestricted stock: a child of a partly blocked lot is of the unrestricted part
        f.status ??= pf.status === 'partly blocked' ? 'unrestricted' : pf.status;
        f.qty ??= parent.qty;
        if (f.uom === '') f.uom = pf.uom;
      }
    }
    return f;
  };

  const addNode = (n: GenealogyNode): boolean => {
    if (nodes.has(n.id)) return false;
    if (nodes.size >= MAX_GENEALOGY_NODES) {
      truncated = true;
      return false;
    }
    nodes.set(n.id, n);
    return true;
  };
  const addEdge = (from: string, to: string, via: GenealogyEdge['via']) => {
    if (nodes.has(from) && nodes.has(to)) edges.set(`${from}>${to}>${via}`, { from, to, via });
  };
  const lotNode = (l: string, level: number): string => {
    const f = lotFacts(l);
    const id = `lot:${l}`;
    addNode({ id, kind: 'lot', lot: l, item: f.item, order: f.order, qty: f.qty, uom: f.uom, status: f.status, ...(f.decisions.length > 0 ? { decisions: f.decisions } : {}), level });
    return id;
  };
  const orderNode = (order: string, level: number): string => {
    const id = `order:${order}`;
    if (nodes.has(id)) return id;
    const created = rows(SQL.orderCreated, order)[0];
    const data = created === undefined ? {} : (JSON.parse(created.data) as Record<string, unknown>);
    addNode({ id, kind: 'order', item: text(data.item), order, qty: num(data.qty), uom: text(data.uom), status: null, level });
    return id;
  };

  const seenUp = new Set<string>();
  const up = (l: string, left: number, level: number): void => {
    if (seenUp.has(l)) return;
    seenUp.add(l);
    const id = lotNode(l, level);
    const parent = parentOf(l);
    if (parent !== undefined) {
      // a split child is the parent's material: the parent is on the same level
      addEdge(lotNode(parent.lot, level), id, 'split');
      up(parent.lot, left, level);
      return;
    }
    const f = lotFacts(l);
    if (f.order === null || left <= 0) return;
    const o = orderNode(f.order, level - 1);
    addEdge(o, id, 'produced');
    for (const r of rows(SQL.consumedBy, f.order)) {
      const input = r.lot!;
      addEdge(lotNode(input, level - 1), o, 'consumed');
      up(input, left - 1, level - 1);
    }
  };

  const seenDown = new Set<string>();
  const down = (l: string, left: number, level: number): void => {
    if (seenDown.has(l)) return;
    seenDown.add(l);
    const id = lotNode(l, level);
    const f = lotFacts(l);
    for (const c of f.children) {
      addEdge(id, lotNode(c.lot, level), 'split');
      down(c.lot, left, level);
    }
    if (left <= 0) return;
    for (const order of f.consumers) {
      const o = orderNode(order, level + 1);
      addEdge(id, o, 'consumed');
      for (const r of rows(SQL.producedBy, order)) {
        const out = r.lot;
        if (out === null) continue;
        addEdge(o, lotNode(out, level + 1), 'produced');
        down(out, left - 1, level + 1);
      }
    }
  };

  const found = rows(SQL.byLot, lot).length > 0 || parentOf(lot) !== undefined;
  if (!found) return { lot, depth: d, found, nodes: [], edges: [], truncated: false };
  up(lot, d, 0);
  down(lot, d, 0);
  return { lot, depth: d, found, nodes: [...nodes.values()], edges: [...edges.values()], truncated };
}
