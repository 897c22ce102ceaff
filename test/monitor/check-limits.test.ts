import { describe, expect, it } from 'vitest';
import { parseExpectation, type AnyEvent, type CheckRule, type Expectation } from '../../model/index.js';
import { createChecker, DEFAULT_CHECK_LIMITS, type CheckLimits } from '../../monitor/checks.js';
import { builder, cleanOrder, MIN, order, SEC, T0 } from './story.js';

/**
 * What the contract rules remember is bounded, so a watch can run for days: past a bound the
 * oldest-inserted entries go first and are counted in the rule's `forgotten`; one that was a
 * violation when it went stays one. Below the bounds (every bundled scenario) nothing changes.
 */
const ex = (path: string, value: unknown): Expectation => {
  const e = parseExpectation(path, value);
  if (typeof e === 'string') throw new Error(e);
  return e;
};
const NONE = [ex('violations', 0)];
const ONCE: CheckRule = { id: 'once', title: 'posted once', kind: 'exactly-once', events: null, expect: NONE };
const ORDERED: CheckRule = { id: 'ops', title: 'ops in order', kind: 'ordering', event: 'mes.operation.confirmed', by: 'operation', within: 'order', expect: NONE };
const UD_FIRST: CheckRule = { id: 'ud', title: 'usage decision first', kind: 'forbidden-before', event: 'erp.stock.transferred', before: ['qms.usage.decided'], within: 'lot', expect: NONE };
const ACK: CheckRule = { id: 'ack', title: 'ack within 5 s', kind: 'within', from: 'erp.order.released', to: 'mes.order.acknowledged', match: 'order', limitMs: 5 * SEC, expect: [ex('p95', '<=5s')] };
const BALANCE: CheckRule = { id: 'bal', title: 'within qty + 10 %', kind: 'balance', event: 'mes.operation.confirmed', sum: ['goodQty', 'scrapQty'], per: 'operation', tolerance: 0.1, expect: NONE };
const POSTED: CheckRule = { id: 'conf', title: 'confirmations posted', kind: 'completeness', events: ['mes.operation.confirmed'], withinMs: 5 * MIN, expect: NONE };

/** Feed `events` to a checker of `rule` bounded by `limits`, measured `at` ms after T0 (default: at the last event). */
function run(rule: CheckRule, events: readonly AnyEvent[], limits: Partial<CheckLimits>, at?: number) {
  const c = createChecker([rule], undefined, { limits });
  for (const e of events) c.apply(e);
  return c.measure(at === undefined ? Math.max(...events.map((e) => Date.parse(e.time))) : T0 + at).get(rule.id)!;
}

const b = builder();

describe('bounded contract checks', () => {
  it('default bounds lie far above a bundled run: a clean story measures no forgotten key', () => {
    expect(DEFAULT_CHECK_LIMITS.maxKeys).toBeGreaterThanOrEqual(200_000);
    const events = Array.from({ length: 30 }, (_, i) => cleanOrder(order(b, `PO-D${i}`), i * MIN)).flat();
    for (const rule of [ONCE, ORDERED, UD_FIRST, ACK, BALANCE, POSTED]) {
      const m = run(rule, events, {});
      expect(m.doc.forgotten, rule.id).toBeUndefined();
      expect(m.doc.violations, rule.id).toBe(0);
    }
  });

  it('exactly-once forgets the oldest keys past its bound; a key in violation when forgotten stays counted', () => {
    const o = order(b, 'PO-E1');
    const doubled = [o.confPosted(0, '0010', 1), o.confPosted(1 * SEC, '0010', 1)];
    const others = ['0020', '0030', '0040', '0050'].map((op, i) => o.confPosted((i + 2) * SEC, op, 1));
    const m = run(ONCE, [...doubled, ...others], { maxKeys: 2 });
    // five keys seen, two kept: the doubly posted one went first, and is still a violation with its events
    expect(m.doc).toEqual({ events: 5, violations: 1, forgotten: 3 });
    expect(m.first[0]!.text).toBe('PO-E1/CONF/0010 nets to 2 postings (2 posted, 0 reversed), where 1 is owed');
    expect(m.first[0]!.events.map((e) => e.id)).toEqual(doubled.map((e) => e.id));
    // a key forgotten while it held is new again when it comes back: its second posting is not seen as one
    const again = run(ONCE, [...others, o.confPosted(10 * SEC, '0020', 1)], { maxKeys: 2 });
    expect(again.doc).toMatchObject({ violations: 0, forgotten: 3 });
  });

  it('ordering and forbidden-before keep at most their bound of groups', () => {
    const confirmations = Array.from({ length: 5 }, (_, i) => order(b, `PO-O${i}`).confirmed(i * MIN, '0020', 1));
    // a group forgotten is new when it comes back: 0010 after its 0020 is not seen as late
    const late = order(b, 'PO-O0').confirmed(10 * MIN, '0010', 1);
    expect(run(ORDERED, [...confirmations, late], { maxKeys: 3 }).doc).toEqual({ events: 6, violations: 0, forgotten: 3 });
    expect(run(ORDERED, [...confirmations, late], {}).doc).toEqual({ events: 6, violations: 1 });

    const decided = (lot: string, at: number) => b.ev('qms.usage.decided', at, { order: 'PO-U', item: 'P', lot, qty: 1, decision: 'unrestricted' }, { key: `PO-U/UD/${lot}`, order: 'PO-U', lot });
    const lots = Array.from({ length: 4 }, (_, i) => decided(`L-${i}`, i * SEC));
    expect(run(UD_FIRST, lots, { maxKeys: 2 }).doc).toEqual({ events: 0, violations: 0, forgotten: 2 });
  });

  it('within keeps a bounded number of waiting releases, and p50/p95 from a histogram past its exact samples stay within 1 %', () => {
    // six releases never acknowledged, three remembered: one forgotten after its limit ran out stays unmatched…
    const spaced = Array.from({ length: 6 }, (_, i) => order(b, `PO-W${i}`).released(i * 10 * SEC));
    const spacedDoc = run(ACK, spaced, { maxKeys: 3 }, 10 * MIN).doc;
    expect(spacedDoc).toMatchObject({ events: 6, violations: 6, unmatched: 6 });
    expect(spacedDoc.forgotten).toBeUndefined();
    // …one forgotten while still inside it is forgotten: counted as such, never judged
    const close = Array.from({ length: 6 }, (_, i) => order(b, `PO-X${i}`).released(i * SEC));
    expect(run(ACK, close, { maxKeys: 3 }, 10 * MIN).doc).toMatchObject({ events: 6, violations: 3, unmatched: 3, forgotten: 3 });

    const pairs: AnyEvent[] = [];
    const latencies: number[] = [];
    for (let i = 0; i < 400; i++) {
      const o = order(b, `PO-L${i}`);
      const ms = 500 + ((i * 7919) % 4000);
      latencies.push(ms);
      pairs.push(o.released(i * MIN), o.acked(i * MIN + ms));
    }
    const sorted = [...latencies].sort((x, y) => x - y);
    const exact = (p: number) => sorted[Math.ceil(p * sorted.length) - 1]!;
    const kept = run(ACK, pairs, {}).doc;
    expect(kept).toMatchObject({ count: 400, p50: exact(0.5), p95: exact(0.95), max: sorted.at(-1) });
    const binned = run(ACK, pairs, { exactLatencies: 50 }).doc;
    expect(binned.count).toBe(400);
    expect(binned.max).toBe(sorted.at(-1));
    expect(Math.abs(binned.p50! - exact(0.5))).toBeLessThanOrEqual(exact(0.5) * 0.01 + 1);
    expect(Math.abs(binned.p95! - exact(0.95))).toBeLessThanOrEqual(exact(0.95) * 0.01 + 1);
  });

  it('completeness: a message forgotten past its time stays missing; the posted keys are bounded too', () => {
    const o = order(b, 'PO-C1');
    const lost = o.confirmed(0, '0010', 1);
    const later = ['0020', '0030', '0040'].map((op, i) => o.confirmed(10 * MIN + i * SEC, op, 1));
    const m = run(POSTED, [lost, ...later], { maxKeys: 2 }, 11 * MIN);
    expect(m.doc).toEqual({ events: 4, violations: 1, late: 0, missing: 1, forgotten: 1 });
    expect(m.first.map((v) => v.text)).toEqual(['mes.operation.confirmed PO-C1/CONF/0010 not posted within 300 s']);

    const postings = ['0010', '0020', '0030'].map((op, i) => o.confPosted(i * SEC, op, 1));
    expect(run(POSTED, postings, { maxKeys: 2 }).doc).toMatchObject({ events: 0, violations: 0, forgotten: 1 });
  });

  it('balance forgets the oldest operations and business keys past its bound', () => {
    const events = Array.from({ length: 4 }, (_, i) => {
      const o = order(b, `PO-B${i}`, { qty: 10 });
      return [o.created(i * MIN), o.confirmed(i * MIN + SEC, '0010', 10)];
    }).flat();
    const over = order(b, 'PO-B9', { qty: 10 });
    const m = run(BALANCE, [...events, over.created(10 * MIN), over.confirmed(10 * MIN + SEC, '0010', 20)], { maxKeys: 2 });
    expect(m.doc.violations).toBe(1);
    expect(m.doc.forgotten).toBeGreaterThan(0);
    expect(m.first[0]!.text).toBe('PO-B9 operation 0010: goodQty + scrapQty = 20 EA over 10 × 1.1 = 11 EA');
  });

  it('refuses bounds that are not positive', () => {
    expect(() => createChecker([ONCE], undefined, { limits: { maxKeys: 0 } })).toThrow(/positive bounds/);
  });
});
