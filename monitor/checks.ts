import {
  DEFAULT_GRACE_MS,
  interfaceOfMessage,
  isPosting,
  isReversalMessage,
  isReversalPosting,
  reversalMessageFor,
  type AnyEvent,
  type CheckEventRef,
  type CheckGroup,
  type CheckMeasure,
  type CheckRule,
  type CheckViolation,
  type Interface,
} from '../model/index.js';

/** How many violations a rule keeps with their events (the count goes on). */
const FIRST = 5;

/** Integration contract rules applied to events in journal order; `measure` says what each found so far. */
export type Checker = {
  apply(e: AnyEvent): void;
  /** each rule's measurement at virtual instant `nowMs` (messages still inside their time are not judged), by rule id */
  measure(nowMs: number): Map<string, CheckMeasure>;
};

const ref = (e: AnyEvent): CheckEventRef => ({ id: e.id, type: e.type, time: e.time, businesskey: e.businesskey, ...(e.subject === undefined ? {} : { subject: e.subject }) });
const dataOf = (e: AnyEvent) => e.data as Readonly<Record<string, unknown>>;
const timeOf = (e: AnyEvent) => Date.parse(e.time);
/** A data field as text (a field that is an object or list counts as not there). */
const fieldText = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined);

function groupOf(e: AnyEvent, g: CheckGroup | 'causation'): string | undefined {
  const d = dataOf(e);
  switch (g) {
    case 'order':
      return e.subject ?? (typeof d.order === 'string' ? d.order : undefined);
    case 'businesskey':
      return e.businesskey;
    case 'lot':
      return e.lot ?? (typeof d.lot === 'string' ? d.lot : undefined);
    case 'line': {
      const [, plant, line] = e.source.split('/');
      return plant !== undefined && line !== undefined ? `${plant}/${line}` : undefined;
    }
    case 'causation':
      return e.causationid;
  }
}

/** Ascending order of two field values: numerically when both are numbers ("0010" < "0020"), else as text. */
function compare(a: string, b: string): number {
  const x = Number(a);
  const y = Number(b);
  return a.trim() !== '' && b.trim() !== '' && Number.isFinite(x) && Number.isFinite(y) ? x - y : a.localeCompare(b);
}

/** Keeps the first few violations and counts them all. */
class Tally {
  count = 0;
  readonly first: CheckViolation[] = [];
  add(text: string, events: readonly (AnyEvent | CheckEventRef)[]): void {
    this.count++;
    if (this.first.length < FIRST) this.first.push({ text, events: events.map((e) => ('specversion' in e ? ref(e) : e)) });
  }
}

type RuleState = { apply(e: AnyEvent): void; measure(nowMs: number): CheckMeasure };

function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function ordering(r: Extract<CheckRule, { kind: 'ordering' }>): RuleState {
  const groups = new Map<string, { seen: Set<string>; max: string; maxEvent: CheckEventRef }>();
  const t = new Tally();
  let events = 0;
  return {
    apply(e) {
      if (e.type !== r.event) return;
      const g = groupOf(e, r.within);
      const value = fieldText(dataOf(e)[r.by]);
      if (g === undefined || value === undefined) return;
      events++;
      const s = groups.get(g);
      if (s === undefined) return void groups.set(g, { seen: new Set([value]), max: value, maxEvent: ref(e) });
      if (s.seen.has(value)) return;
      s.seen.add(value);
      if (compare(value, s.max) < 0) t.add(`${r.by} ${value} of ${g} came after ${r.by} ${s.max}`, [e, s.maxEvent]);
      else {
        s.max = value;
        s.maxEvent = ref(e);
      }
    },
    measure: () => ({ doc: { events, violations: t.count }, first: t.first }),
  };
}

function forbiddenBefore(r: Extract<CheckRule, { kind: 'forbidden-before' }>): RuleState {
  const opened = new Set<string>();
  const before = new Set(r.before);
  const t = new Tally();
  let events = 0;
  return {
    apply(e) {
      const isBefore = before.has(e.type);
      if (!isBefore && e.type !== r.event) return;
      const g = groupOf(e, r.within);
      if (g === undefined) return;
      if (isBefore) opened.add(g);
      if (e.type !== r.event) return;
      events++;
      if (!opened.has(g)) t.add(`${e.type} for ${r.within} ${g} before any ${r.before.join(' or ')}`, [e]);
    },
    measure: () => ({ doc: { events, violations: t.count }, first: t.first }),
  };
}

function exactlyOnce(r: Extract<CheckRule, { kind: 'exactly-once' }>): RuleState {
  const only = r.events === null ? null : new Set(r.events);
  const keys = new Map<string, { posted: number; reversed: number; cancelledByPlant: number; postings: CheckEventRef[] }>();
  const keyOf = (k: string) => keys.get(k) ?? keys.set(k, { posted: 0, reversed: 0, cancelledByPlant: 0, postings: [] }).get(k)!;
  return {
    apply(e) {
      const reverses = dataOf(e).reverses;
      if (isReversalPosting(e.type) && typeof reverses === 'string') {
        const k = keyOf(reverses);
        k.reversed++;
        if (k.postings.length < FIRST) k.postings.push(ref(e));
      } else if (isReversalMessage(e.type) && typeof reverses === 'string') {
        // the plant cancelled what it reported (a mis-entry): it owes one posting less; an operator's reversal is not the plant's
        if (e.origin !== 'injected') keyOf(reverses).cancelledByPlant++;
      } else if (isPosting(e.type) && (only === null || only.has(e.type))) {
        const k = keyOf(e.businesskey);
        k.posted++;
        // a few postings to point at; the counts go on (a week of a site has hundreds of thousands of keys)
        if (k.postings.length < FIRST) k.postings.push(ref(e));
      }
    },
    measure() {
      const t = new Tally();
      let events = 0;
      for (const [key, k] of keys) {
        if (k.posted === 0) continue;
        events++;
        const owed = Math.max(0, 1 - k.cancelledByPlant);
        const net = k.posted - k.reversed;
        if (net !== owed) t.add(`${key} nets to ${net} posting${net === 1 ? '' : 's'} (${k.posted} posted, ${k.reversed} reversed), where ${owed} ${owed === 1 ? 'is' : 'are'} owed`, k.postings);
      }
      return { doc: { events, violations: t.count }, first: t.first };
    },
  };
}

function within(r: Extract<CheckRule, { kind: 'within' }>): RuleState {
  type From = { readonly ref: CheckEventRef; readonly t: number };
  const pending = new Map<string, From[]>();
  const latencies: number[] = [];
  const slow: { ms: number; from: CheckEventRef; to: CheckEventRef }[] = [];
  let events = 0;
  return {
    apply(e) {
      const isFrom = e.type === r.from;
      const isTo = e.type === r.to;
      if (!isFrom && !isTo) return;
      if (isTo) {
        const g = r.match === 'causation' ? e.causationid : groupOf(e, r.match);
        const waiting = g === undefined ? undefined : pending.get(g);
        const from = waiting?.shift();
        if (from !== undefined) {
          if (waiting!.length === 0) pending.delete(g!);
          const ms = Math.max(0, timeOf(e) - from.t);
          latencies.push(ms);
          if (ms > r.limitMs) slow.push({ ms, from: from.ref, to: ref(e) });
        }
      }
      if (isFrom) {
        events++;
        const g = r.match === 'causation' ? e.id : groupOf(e, r.match);
        if (g === undefined) return;
        const f: From = { ref: ref(e), t: timeOf(e) };
        const list = pending.get(g);
        if (list === undefined) pending.set(g, [f]);
        else list.push(f);
      }
    },
    measure(nowMs) {
      const sorted = [...latencies].sort((a, b) => a - b);
      const t = new Tally();
      for (const s of [...slow].sort((a, b) => b.ms - a.ms)) t.add(`${r.to} ${Math.round(s.ms / 1000)} s after ${r.from} (limit ${Math.round(r.limitMs / 1000)} s)`, [s.from, s.to]);
      let unmatched = 0;
      for (const list of pending.values())
        for (const from of list)
          if (nowMs - from.t > r.limitMs) {
            unmatched++;
            t.add(`no ${r.to} for ${r.from} ${from.ref.businesskey} within ${Math.round(r.limitMs / 1000)} s`, [from.ref]);
          }
      return { doc: { events, violations: t.count, count: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted.at(-1) ?? null, unmatched }, first: t.first };
    },
  };
}

function balance(r: Extract<CheckRule, { kind: 'balance' }>): RuleState {
  // the order's quantity: ERP's at creation, raised by each change MES took (a cut leaves the largest: work done before it stands)
  const orderQty = new Map<string, { qty: number; uom: string }>();
  /** the quantity an operation is held to: the order's when it started (or when it was first confirmed) */
  const limitQty = new Map<string, { qty: number; uom: string }>();
  const sums = new Map<string, { order: string; per: string; sum: number; last: CheckEventRef }>();
  const undo = reversalMessageFor(r.event);
  const seen = new Set<string>();
  let events = 0;
  const groupKey = (order: string, per: string) => `${order}\u0000${per}`;
  const add = (e: AnyEvent, sign: 1 | -1) => {
    const d = dataOf(e);
    const order = groupOf(e, 'order');
    const per = fieldText(d[r.per]);
    if (order === undefined || per === undefined) return;
    const key = groupKey(order, per);
    const current = orderQty.get(order);
    if (!limitQty.has(key) && current !== undefined) limitQty.set(key, current);
    const o = limitQty.get(key);
    // quantities in another unit than the order's are not comparable here (a UoM mismatch is a gap of its own)
    if (o !== undefined && typeof d.uom === 'string' && d.uom !== o.uom) return;
    const amount = r.sum.reduce((s, f) => s + (typeof d[f] === 'number' ? (d[f]) : 0), 0);
    const cur = sums.get(key) ?? { order, per, sum: 0, last: ref(e) };
    cur.sum += sign * amount;
    if (sign === 1) cur.last = ref(e);
    sums.set(key, cur);
  };
  return {
    apply(e) {
      const d = dataOf(e);
      if ((e.type === 'erp.order.created' || e.type === 'mes.order.change-acknowledged') && typeof d.qty === 'number' && typeof d.uom === 'string') {
        // the largest quantity the order has had so far: what a rework of work done before a cut runs on is still within it
        const was = orderQty.get(String(d.order));
        orderQty.set(String(d.order), was !== undefined && was.uom === d.uom && was.qty > d.qty ? was : { qty: d.qty, uom: d.uom });
        return;
      }
      if (e.type === 'mes.operation.started' && r.per === 'operation') {
        const order = groupOf(e, 'order');
        const q = order === undefined ? undefined : orderQty.get(order);
        const op = fieldText(d.operation);
        if (order !== undefined && q !== undefined && op !== undefined) limitQty.set(groupKey(order, op), q);
        return;
      }
      // each business key counts once: a copy of a message is not more work done
      if (seen.has(e.businesskey)) return;
      if (e.type === r.event) {
        seen.add(e.businesskey);
        events++;
        add(e, 1);
      } else if (undo !== undefined && e.type === undo) {
        seen.add(e.businesskey);
        add(e, -1);
      }
    },
    measure() {
      const t = new Tally();
      for (const [key, s] of sums) {
        const o = limitQty.get(key);
        if (o === undefined) continue;
        const limit = o.qty * (1 + r.tolerance);
        // a hair of floating-point error is not an over-delivery
        if (s.sum > limit + 1e-9 * Math.max(1, limit)) t.add(`${s.order} ${r.per} ${s.per}: ${r.sum.join(' + ')} = ${+s.sum.toFixed(6)} ${o.uom} over ${o.qty} × ${1 + r.tolerance} = ${+limit.toFixed(6)} ${o.uom}`, [s.last]);
      }
      return { doc: { events, violations: t.count }, first: t.first };
    },
  };
}

function completeness(r: Extract<CheckRule, { kind: 'completeness' }>, grace: Readonly<Record<Interface, number>>): RuleState {
  const types = new Set(r.events);
  const pending = new Map<string, AnyEvent>();
  const posted = new Set<string>();
  const late = new Tally();
  let events = 0;
  const limitOf = (e: AnyEvent) => (Number.isFinite(r.withinMs) ? r.withinMs : grace[interfaceOfMessage(e.type) ?? 'confirmation']);
  return {
    apply(e) {
      if (types.has(e.type)) {
        // a copy of a message whose key was posted owes nothing more
        if (posted.has(e.businesskey) || pending.has(e.businesskey)) return;
        events++;
        pending.set(e.businesskey, e);
      } else if (isPosting(e.type)) {
        posted.add(e.businesskey);
        const m = pending.get(e.businesskey);
        if (m === undefined) return;
        pending.delete(e.businesskey);
        const ms = timeOf(e) - timeOf(m);
        if (ms > limitOf(m)) late.add(`${m.type} ${m.businesskey} posted ${Math.round(ms / 1000)} s later, over its ${Math.round(limitOf(m) / 1000)} s`, [m, e]);
      }
    },
    measure(nowMs) {
      const t = new Tally();
      t.count = late.count;
      t.first.push(...late.first);
      for (const m of pending.values()) if (nowMs - timeOf(m) > limitOf(m)) t.add(`${m.type} ${m.businesskey} not posted within ${Math.round(limitOf(m) / 1000)} s`, [m]);
      return { doc: { events, violations: t.count, late: late.count, missing: t.count - late.count }, first: t.first };
    },
  };
}

/** A checker of `rules`; `gracePeriods` time a completeness rule that names no time of its own. */
export function createChecker(rules: readonly CheckRule[], gracePeriods: Readonly<Record<Interface, number>> = DEFAULT_GRACE_MS): Checker {
  const states = rules.map((r): [string, RuleState] => {
    switch (r.kind) {
      case 'ordering':
        return [r.id, ordering(r)];
      case 'forbidden-before':
        return [r.id, forbiddenBefore(r)];
      case 'exactly-once':
        return [r.id, exactlyOnce(r)];
      case 'within':
        return [r.id, within(r)];
      case 'balance':
        return [r.id, balance(r)];
      case 'completeness':
        return [r.id, completeness(r, gracePeriods)];
    }
  });
  return {
    apply(e) {
      for (const [, s] of states) s.apply(e);
    },
    measure: (nowMs) => new Map(states.map(([id, s]) => [id, s.measure(nowMs)])),
  };
}
