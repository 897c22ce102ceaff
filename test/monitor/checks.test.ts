import { describe, expect, it } from 'vitest';
import { parseExpectation, type AnyEvent, type CheckRule, type Expectation } from '../../model/index.js';
import { rfc3339 } from '../../model/event.js';
import { createChecker } from '../../monitor/index.js';
import { builder, cleanOrder, MIN, order, SEC, T0 } from './story.js';

/**
 * Integration contract rules, each kind with traffic that keeps it and traffic that breaks it: what
 * the rule measures, and the events it points at.
 */
const ex = (path: string, value: unknown): Expectation => {
  const e = parseExpectation(path, value);
  if (typeof e === 'string') throw new Error(e);
  return e;
};
const NONE = [ex('violations', 0)];

const RULES: Record<string, CheckRule> = {
  ordering: { id: 'ops', title: 'ops in order', kind: 'ordering', event: 'mes.operation.confirmed', by: 'operation', within: 'order', expect: NONE },
  forbidden: { id: 'ud-first', title: 'no transfer before the usage decision', kind: 'forbidden-before', event: 'erp.stock.transferred', before: ['qms.usage.decided'], within: 'lot', expect: NONE },
  once: { id: 'once', title: 'posted once', kind: 'exactly-once', events: null, expect: NONE },
  within: { id: 'ack', title: 'ack within 5 s', kind: 'within', from: 'erp.order.released', to: 'mes.order.acknowledged', match: 'order', limitMs: 5 * SEC, expect: [ex('p95', '<=5s')] },
  balance: { id: 'bal', title: 'good + scrap within qty + 10 %', kind: 'balance', event: 'mes.operation.confirmed', sum: ['goodQty', 'scrapQty'], per: 'operation', tolerance: 0.1, expect: NONE },
  complete: { id: 'conf', title: 'confirmations posted', kind: 'completeness', events: ['mes.operation.confirmed'], withinMs: Infinity, expect: NONE },
};

/** Feed `events` to a checker of `rule`, measured at `at` ms after T0 (default: the last event's time). */
function measure(rule: CheckRule, events: readonly AnyEvent[], at?: number) {
  const c = createChecker([rule]);
  for (const e of events) c.apply(e);
  const now = at === undefined ? Math.max(...events.map((e) => Date.parse(e.time))) : T0 + at;
  return c.measure(now).get(rule.id)!;
}

const b = builder();

describe('integration contract rules', () => {
  it('a clean order keeps every rule', () => {
    const events = cleanOrder(order(b, 'PO-1'), 0);
    for (const rule of Object.values(RULES)) expect(measure(rule, events).doc.violations, rule.id).toBe(0);
    expect(measure(RULES.within!, events).doc).toMatchObject({ count: 1, p50: 2 * SEC, p95: 2 * SEC, unmatched: 0 });
  });

  it("within: a MES clock 130 s ahead is read on ERP's clock, the first releases too, acknowledged before any pair could tell", () => {
    // Given MES's clock 130 s ahead of ERP's, two orders released at once, acknowledged 2 s later (132 s on the clocks)
    const skew = (e: AnyEvent): AnyEvent => (e.source.endsWith('/mes') ? { ...e, time: rfc3339(Date.parse(e.time) + 130 * SEC) } : e);
    // in the order they arrive: both releases and their acknowledgements first, then the rest of each order
    const [a1, a2] = [cleanOrder(order(b, 'PO-S1'), 0), cleanOrder(order(b, 'PO-S2'), 0)];
    const events = [...a1.slice(0, 3), ...a2.slice(0, 3), ...a1.slice(3), ...a2.slice(3)].map(skew);
    const c = createChecker([RULES.within!]);
    const acks = events.filter((e) => e.type === 'mes.order.acknowledged');
    const firstPosting = events.findIndex((e) => e.type === 'erp.confirmation.posted' || e.type === 'erp.consumption.posted');
    // When only the releases and their acknowledgements are in (no MES → ERP pair yet: the offset cannot be told)
    let i = 0;
    for (; i < firstPosting; i++) c.apply(events[i]!);
    expect(acks.every((a) => events.indexOf(a) < firstPosting)).toBe(true);
    // Then they count as the clocks say, for now
    expect(c.measure(T0 + 10 * MIN).get('ack')!.doc).toMatchObject({ count: 2, violations: 2, p95: 132 * SEC });
    // When MES's confirmations and ERP's postings prove the offset
    for (; i < events.length; i++) c.apply(events[i]!);
    // Then the same acknowledgements are judged on ERP's clock: seconds, not minutes
    const m = c.measure(T0 + 60 * MIN).get('ack')!;
    expect(m.doc).toMatchObject({ count: 2, violations: 0, unmatched: 0 });
    expect(m.doc.p95).toBeLessThanOrEqual(5 * SEC);
  });

  it('ordering: a later operation confirmed before an earlier one is a violation, pointing at both', () => {
    const o = order(b, 'PO-2');
    const late = o.confirmed(10 * MIN, '0010', 10);
    const early = o.confirmed(5 * MIN, '0020', 10);
    const m = measure(RULES.ordering!, [early, late, o.confirmed(11 * MIN, '0010', 1)]);
    expect(m.doc).toEqual({ events: 3, violations: 1 });
    expect(m.first[0]!.text).toBe('operation 0010 of PO-2 came after operation 0020');
    expect(m.first[0]!.events.map((e) => e.id)).toEqual([late.id, early.id]);
  });

  it('forbidden-before: stock transferred before the usage decision on its lot, and not after it', () => {
    const transfer = (at: number, lot: string) => b.ev('erp.stock.transferred', at, { order: 'PO-3', item: 'P', lot, qty: 5, from: 'quality-inspection', to: 'unrestricted', document: 'D' }, { key: `PO-3/UD/${lot}`, order: 'PO-3', lot });
    const decided = (at: number, lot: string) => b.ev('qms.usage.decided', at, { order: 'PO-3', item: 'P', lot, qty: 5, decision: 'unrestricted' }, { key: `PO-3/UD/${lot}`, order: 'PO-3', lot });
    const bad = transfer(1 * MIN, 'L-A');
    const m = measure(RULES.forbidden!, [bad, decided(2 * MIN, 'L-A'), decided(3 * MIN, 'L-B'), transfer(4 * MIN, 'L-B')]);
    expect(m.doc).toEqual({ events: 2, violations: 1 });
    expect(m.first[0]).toEqual({ text: 'erp.stock.transferred for lot L-A before any qms.usage.decided', events: [expect.objectContaining({ id: bad.id })] });
  });

  it("exactly-once: a key posted twice breaks it; a reversal nets it back; the plant's own cancellation owes nothing; an operator reversal of a single posting breaks it", () => {
    const o = order(b, 'PO-4');
    const c = o.confirmed(1 * MIN, '0010', 10);
    const p1 = o.confPosted(1 * MIN + SEC, '0010', 10, 0, { cause: c });
    const p2 = o.confPosted(2 * MIN, '0010', 10, 0, { cause: c });
    const twice = measure(RULES.once!, [c, p1, p2]);
    expect(twice.doc).toEqual({ events: 1, violations: 1 });
    expect(twice.first[0]!.text).toBe('PO-4/CONF/0010 nets to 2 postings (2 posted, 0 reversed), where 1 is owed');
    expect(twice.first[0]!.events.map((e) => e.id)).toEqual([p1.id, p2.id]);

    const key = o.keys.conf('0010');
    const cancel = (at: number, n: number, origin: 'simulated' | 'injected') =>
      b.ev('mes.confirmation.cancelled', at, { order: 'PO-4', operation: '0010', reverses: key, goodQty: 10, scrapQty: 0, uom: 'EA' }, { key: `${key}/REV/${n}`, order: 'PO-4', origin });
    const cancelled = (at: number, n: number) =>
      b.ev('erp.confirmation.cancelled', at, { order: 'PO-4', operation: '0010', reverses: key, goodQty: 10, scrapQty: 0, uom: 'EA', document: 'D' }, { key: `${key}/REV/${n}`, order: 'PO-4' });
    expect(measure(RULES.once!, [c, p1, p2, cancel(3 * MIN, 1, 'injected'), cancelled(3 * MIN + SEC, 1)]).doc.violations).toBe(0);
    // a mis-entry the plant cancelled itself nets to nothing, as it should
    expect(measure(RULES.once!, [c, p1, cancel(3 * MIN, 1, 'simulated'), cancelled(3 * MIN + SEC, 1)]).doc.violations).toBe(0);
    // an operator's reversal of the only posting takes away what the plant reported
    const over = measure(RULES.once!, [c, p1, cancel(3 * MIN, 1, 'injected'), cancelled(3 * MIN + SEC, 1)]);
    expect(over.first[0]!.text).toBe('PO-4/CONF/0010 nets to 0 postings (1 posted, 1 reversed), where 1 is owed');
  });

  it('within: pairs over the limit and releases never acknowledged are violations; p95 is judged by expect', () => {
    const fast = order(b, 'PO-5');
    const slow = order(b, 'PO-6');
    const silent = order(b, 'PO-7');
    const events = [fast.released(0), fast.acked(2 * SEC), slow.released(0), slow.acked(20 * SEC), silent.released(0)];
    const m = measure(RULES.within!, events, 1 * MIN);
    expect(m.doc).toEqual({ events: 3, violations: 2, count: 2, p50: 2 * SEC, p95: 20 * SEC, max: 20 * SEC, unmatched: 1 });
    expect(m.first.map((v) => v.text)).toEqual(['mes.order.acknowledged 20 s after erp.order.released (limit 5 s)', 'no mes.order.acknowledged for erp.order.released PO-7/REL within 5 s']);
    // a release still inside its limit at the end is not judged yet
    expect(measure(RULES.within!, [silent.released(0)], 3 * SEC).doc).toMatchObject({ violations: 0, unmatched: 0 });
  });

  it('balance: good + scrap over the order quantity + tolerance per operation; a copy counts once, a cancellation subtracts', () => {
    const o = order(b, 'PO-8', { qty: 10 });
    const over = o.confirmed(2 * MIN, '0010', 10, 2);
    const m = measure(RULES.balance!, [o.created(0), over]);
    expect(m.doc).toEqual({ events: 1, violations: 1 });
    expect(m.first[0]!.text).toBe('PO-8 operation 0010: goodQty + scrapQty = 12 EA over 10 × 1.1 = 11 EA');
    // the same confirmation delivered twice is one confirmation
    const within = o.confirmed(2 * MIN, '0020', 10, 1);
    expect(measure(RULES.balance!, [o.created(0), within, { ...within, id: 'copy' }]).doc.violations).toBe(0);
    // a cut of the order quantity (MES took it) leaves work done before it within the order
    const cut = order(b, 'PO-10', { qty: 20 });
    const took = b.ev('mes.order.change-acknowledged', 3 * MIN, { order: 'PO-10', qty: 10, uom: 'EA', change: 1 }, { key: 'PO-10/CHG/1', order: 'PO-10' });
    expect(measure(RULES.balance!, [cut.created(0), cut.started(1 * MIN, '0010'), took, cut.confirmed(5 * MIN, '0010', 20)]).doc.violations).toBe(0);
  });

  it('completeness: a confirmation never posted past its grace is missing, one posted late is late, one still inside its grace is not judged', () => {
    const o = order(b, 'PO-9');
    const lost = o.confirmed(0, '0010', 10);
    const late = o.confirmed(0, '0020', 10);
    const events = [lost, late, o.confPosted(10 * MIN, '0020', 10, 0, { cause: late })];
    const m = measure(RULES.complete!, events, 20 * MIN);
    expect(m.doc).toEqual({ events: 2, violations: 2, late: 1, missing: 1 });
    expect(m.first.map((v) => v.text)).toEqual(['mes.operation.confirmed PO-9/CONF/0020 posted 600 s later, over its 300 s', 'mes.operation.confirmed PO-9/CONF/0010 not posted within 300 s']);
    expect(measure(RULES.complete!, [lost], 2 * MIN).doc.violations).toBe(0);
  });
});
