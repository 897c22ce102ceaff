import { isPosting, isReversalMessage, isReversalPosting, reversalMessageFor, type CheckEventRef, type CheckRule } from '../model/index.js';
import { add, copyTally, dataOf, docOf, fieldText, firstBySeq, FIRST, groupOf, ref, tally, trimMap, trimSet, type CheckLimits, type RuleState, type Tally } from './check-state.js';

/**
 * The rule kinds judged per key or group as events arrive: ordering, forbidden-before,
 * exactly-once and balance. Each keeps its violations as running tallies, so a measurement costs
 * a pass over what is in violation now, never over every key seen.
 */

/** Ascending order of two field values: numerically when both are numbers ("0010" < "0020"), else as text. */
function compare(a: string, b: string): number {
  const x = Number(a);
  const y = Number(b);
  return a.trim() !== '' && b.trim() !== '' && Number.isFinite(x) && Number.isFinite(y) ? x - y : a.localeCompare(b);
}

type OrderingState = {
  readonly groups: Map<string, { readonly seen: Set<string>; max: string; maxEvent: CheckEventRef }>;
  /** values remembered over all groups */
  values: number;
  readonly t: Tally;
  events: number;
  forgotten: number;
};

export function ordering(r: Extract<CheckRule, { kind: 'ordering' }>, lim: CheckLimits): RuleState {
  const s: OrderingState = { groups: new Map(), values: 0, t: tally(), events: 0, forgotten: 0 };
  return {
    apply(e) {
      if (e.type !== r.event) return;
      const g = groupOf(e, r.within);
      const value = fieldText(dataOf(e)[r.by]);
      if (g === undefined || value === undefined) return;
      s.events++;
      const cur = s.groups.get(g);
      if (cur === undefined) {
        s.groups.set(g, { seen: new Set([value]), max: value, maxEvent: ref(e) });
        s.values++;
        // the oldest groups go while all of them remember too much (the newest is never among them)
        while (s.values > lim.maxKeys && s.groups.size > 1) {
          s.forgotten += trimMap(s.groups, s.groups.size - 1, (_, gone) => (s.values -= gone.seen.size));
        }
        return;
      }
      if (cur.seen.has(value)) return;
      cur.seen.add(value);
      s.values++;
      const dropped = trimSet(cur.seen, lim.maxPerGroup);
      s.values -= dropped;
      s.forgotten += dropped;
      if (compare(value, cur.max) < 0) add(s.t, () => `${r.by} ${value} of ${g} came after ${r.by} ${cur.max}`, [ref(e), cur.maxEvent]);
      else {
        cur.max = value;
        cur.maxEvent = ref(e);
      }
    },
    measure: () => ({ doc: docOf({ events: s.events, violations: s.t.count }, s.forgotten), first: [...s.t.first] }),
  };
}

type ForbiddenState = { readonly opened: Set<string>; readonly t: Tally; events: number; forgotten: number };

export function forbiddenBefore(r: Extract<CheckRule, { kind: 'forbidden-before' }>, lim: CheckLimits): RuleState {
  const s: ForbiddenState = { opened: new Set(), t: tally(), events: 0, forgotten: 0 };
  const before = new Set(r.before);
  return {
    apply(e) {
      const isBefore = before.has(e.type);
      if (!isBefore && e.type !== r.event) return;
      const g = groupOf(e, r.within);
      if (g === undefined) return;
      if (isBefore && !s.opened.has(g)) {
        s.opened.add(g);
        s.forgotten += trimSet(s.opened, lim.maxKeys);
      }
      if (e.type !== r.event) return;
      s.events++;
      if (!s.opened.has(g)) add(s.t, () => `${e.type} for ${r.within} ${g} before any ${r.before.join(' or ')}`, [ref(e)]);
    },
    measure: () => ({ doc: docOf({ events: s.events, violations: s.t.count }, s.forgotten), first: [...s.t.first] }),
  };
}

type PostedKey = { readonly seq: number; posted: number; reversed: number; cancelledByPlant: number; readonly postings: CheckEventRef[] };
type OnceState = {
  readonly keys: Map<string, PostedKey>;
  seq: number;
  /** keys posted at least once */
  events: number;
  /** keys that do not net to what is owed now */
  readonly violating: Set<string>;
  /** violations of keys forgotten while in violation */
  readonly gone: Tally;
  forgotten: number;
};

export function exactlyOnce(r: Extract<CheckRule, { kind: 'exactly-once' }>, lim: CheckLimits): RuleState {
  const only = r.events === null ? null : new Set(r.events);
  const s: OnceState = { keys: new Map(), seq: 0, events: 0, violating: new Set(), gone: tally(), forgotten: 0 };
  const owedOf = (k: PostedKey) => Math.max(0, 1 - k.cancelledByPlant);
  const text = (key: string, k: PostedKey) => {
    const owed = owedOf(k);
    const net = k.posted - k.reversed;
    return `${key} nets to ${net} posting${net === 1 ? '' : 's'} (${k.posted} posted, ${k.reversed} reversed), where ${owed} ${owed === 1 ? 'is' : 'are'} owed`;
  };
  /** the key's state; `first`, the posting that made it, is its first to point at (an array made to size: most keys keep one) */
  const keyOf = (key: string, first?: CheckEventRef): PostedKey => {
    let k = s.keys.get(key);
    if (k !== undefined) {
      if (first !== undefined && k.postings.length < FIRST) k.postings.push(first);
      return k;
    }
    k = { seq: s.seq++, posted: 0, reversed: 0, cancelledByPlant: 0, postings: first === undefined ? [] : [first] };
    s.keys.set(key, k);
    s.forgotten += trimMap(s.keys, lim.maxKeys, (gone, v) => {
      if (s.violating.delete(gone)) add(s.gone, () => text(gone, v), v.postings);
    });
    return k;
  };
  /** whether the key nets to what is owed, after it changed */
  const judge = (key: string, k: PostedKey) => {
    if (k.posted > 0 && k.posted - k.reversed !== owedOf(k)) s.violating.add(key);
    else s.violating.delete(key);
  };
  return {
    apply(e) {
      const reverses = dataOf(e).reverses;
      if (isReversalPosting(e.type) && typeof reverses === 'string') {
        const k = keyOf(reverses, ref(e));
        k.reversed++;
        judge(reverses, k);
      } else if (isReversalMessage(e.type) && typeof reverses === 'string') {
        // the plant cancelled what it reported (a mis-entry): it owes one posting less; an operator's reversal is not the plant's
        if (e.origin === 'injected') return;
        const k = keyOf(reverses);
        k.cancelledByPlant++;
        judge(reverses, k);
      } else if (isPosting(e.type) && (only === null || only.has(e.type))) {
        // a few postings to point at; the counts go on (a week of a site has hundreds of thousands of keys)
        const k = keyOf(e.businesskey, ref(e));
        if (k.posted++ === 0) s.events++;
        judge(e.businesskey, k);
      }
    },
    measure() {
      const t = copyTally(s.gone);
      t.count += s.violating.size;
      for (const [key, k] of firstBySeq(s.violating, s.keys, FIRST - t.first.length)) t.first.push({ text: text(key, k), events: [...k.postings] });
      return { doc: docOf({ events: s.events, violations: t.count }, s.forgotten), first: t.first };
    },
  };
}

type Qty = { readonly qty: number; readonly uom: string };
/** One order and `per` value: the quantity it is held to and what was confirmed on it; `seq` from its first confirmation (-1 before). */
type Sum = { readonly order: string; readonly per: string; limit: Qty | undefined; sum: number; last: CheckEventRef | undefined; seq: number };
type BalanceState = {
  /** the order's quantity: ERP's at creation, raised by each change MES took (a cut leaves the largest: work done before it stands) */
  readonly orderQty: Map<string, Qty>;
  readonly sums: Map<string, Sum>;
  /** business keys counted (each once) */
  readonly seen: Set<string>;
  seq: number;
  events: number;
  readonly violating: Set<string>;
  readonly gone: Tally;
  forgotten: number;
};

export function balance(r: Extract<CheckRule, { kind: 'balance' }>, lim: CheckLimits): RuleState {
  const s: BalanceState = { orderQty: new Map(), sums: new Map(), seen: new Set(), seq: 0, events: 0, violating: new Set(), gone: tally(), forgotten: 0 };
  const undo = reversalMessageFor(r.event);
  const groupKey = (order: string, per: string) => `${order}\u0000${per}`;
  const limitOf = (o: Qty) => o.qty * (1 + r.tolerance);
  const text = (x: Sum) => {
    const o = x.limit!;
    return `${x.order} ${r.per} ${x.per}: ${r.sum.join(' + ')} = ${+x.sum.toFixed(6)} ${o.uom} over ${o.qty} × ${1 + r.tolerance} = ${+limitOf(o).toFixed(6)} ${o.uom}`;
  };
  const sumOf = (order: string, per: string): Sum => {
    const key = groupKey(order, per);
    let x = s.sums.get(key);
    if (x !== undefined) return x;
    x = { order, per, limit: undefined, sum: 0, last: undefined, seq: -1 };
    s.sums.set(key, x);
    s.forgotten += trimMap(s.sums, lim.maxKeys, (gone, v) => {
      if (s.violating.delete(gone)) add(s.gone, () => text(v), v.last === undefined ? [] : [v.last]);
    });
    return x;
  };
  const judge = (x: Sum) => {
    const key = groupKey(x.order, x.per);
    // a hair of floating-point error is not an over-delivery
    const over = x.seq >= 0 && x.limit !== undefined && x.sum > limitOf(x.limit) + 1e-9 * Math.max(1, limitOf(x.limit));
    if (over) s.violating.add(key);
    else s.violating.delete(key);
  };
  const add1 = (e: Parameters<RuleState['apply']>[0], sign: 1 | -1) => {
    const d = dataOf(e);
    const order = groupOf(e, 'order');
    const per = fieldText(d[r.per]);
    if (order === undefined || per === undefined) return;
    const current = s.orderQty.get(order);
    const x = s.sums.get(groupKey(order, per)) ?? (current === undefined ? undefined : sumOf(order, per));
    // the quantity an operation is held to: the order's when it started (or when it was first confirmed)
    if (x !== undefined && x.limit === undefined && current !== undefined) x.limit = current;
    const o = x?.limit;
    // quantities in another unit than the order's are not comparable here (a UoM mismatch is a gap of its own)
    if (o !== undefined && typeof d.uom === 'string' && d.uom !== o.uom) return;
    const amount = r.sum.reduce((n, f) => n + (typeof d[f] === 'number' ? (d[f]) : 0), 0);
    const y = x ?? sumOf(order, per);
    if (y.seq < 0) {
      y.seq = s.seq++;
      y.last = ref(e);
    }
    y.sum += sign * amount;
    if (sign === 1) y.last = ref(e);
    judge(y);
  };
  return {
    apply(e) {
      const d = dataOf(e);
      if ((e.type === 'erp.order.created' || e.type === 'mes.order.change-acknowledged') && typeof d.qty === 'number' && typeof d.uom === 'string') {
        // the largest quantity the order has had so far: what a rework of work done before a cut runs on is still within it
        const order = String(d.order);
        const was = s.orderQty.get(order);
        s.orderQty.set(order, was !== undefined && was.uom === d.uom && was.qty > d.qty ? was : { qty: d.qty, uom: d.uom });
        s.forgotten += trimMap(s.orderQty, lim.maxKeys);
        return;
      }
      if (e.type === 'mes.operation.started' && r.per === 'operation') {
        const order = groupOf(e, 'order');
        const q = order === undefined ? undefined : s.orderQty.get(order);
        const op = fieldText(d.operation);
        if (order !== undefined && q !== undefined && op !== undefined) {
          const x = sumOf(order, op);
          x.limit = q;
          judge(x);
        }
        return;
      }
      // each business key counts once: a copy of a message is not more work done
      if (s.seen.has(e.businesskey)) return;
      const sign = e.type === r.event ? 1 : undo !== undefined && e.type === undo ? -1 : 0;
      if (sign === 0) return;
      s.seen.add(e.businesskey);
      s.forgotten += trimSet(s.seen, lim.maxKeys);
      if (sign === 1) s.events++;
      add1(e, sign);
    },
    measure() {
      const t = copyTally(s.gone);
      t.count += s.violating.size;
      for (const [, x] of firstBySeq(s.violating, s.sums, FIRST - t.first.length)) t.first.push({ text: text(x), events: x.last === undefined ? [] : [x.last] });
      return { doc: docOf({ events: s.events, violations: t.count }, s.forgotten), first: t.first };
    },
  };
}
