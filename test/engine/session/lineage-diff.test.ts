import { describe, expect, it } from 'vitest';
import type { HopDiff, OrderLineage } from '../../../engine/contract/index.js';
import { checkLineageCompareArgs, diffLineages } from '../../../engine/session/lineage-diff.js';
import type { AnyEvent } from '../../../model/index.js';
import { buildLineage } from '../../../monitor/index.js';
import { MIN, SEC, builder, order } from '../../monitor/story.js';

type Knobs = {
  /** leave out ERP's posting of the step-2 confirmation */
  readonly noConf2Posting?: boolean;
  /** ERP posts the step-1 confirmation twice */
  readonly duplicateConf1Posting?: boolean;
  /** the two consumption postings arrive the other way round */
  readonly swapConsumptionPostings?: boolean;
  /** the goods receipt is posted this long after completion (default 10 s) */
  readonly receiptAfter?: number;
  /** input lots of this order (ids differ between orders; positions match) */
  readonly lots?: readonly [string, string];
  /** offset of the whole order in plant time */
  readonly t?: number;
};

/** One order's conversation, a clean one unless a knob says otherwise. */
function story(id: string, k: Knobs = {}, session = 1): OrderLineage {
  const o = order(builder(), id);
  const t = k.t ?? 0;
  const [l1, l2] = k.lots ?? ['RL-1', 'RL-2'];
  const rel = o.released(t + 1 * SEC);
  const c1 = o.confirmed(t + 10 * MIN, '0010', 10);
  const c2 = o.confirmed(t + 20 * MIN, '0020', 10, 0, { final: true });
  const cons1 = o.consumed(t + 6 * MIN, 'RM-1', l1, 5);
  const cons2 = o.consumed(t + 6 * MIN, 'RM-2', l2, 3);
  const done = o.completed(t + 21 * MIN);
  const [p1, p2] = k.swapConsumptionPostings ? [4.5 * SEC, 4 * SEC] : [4 * SEC, 4.5 * SEC];
  const events: AnyEvent[] = [
    o.created(t),
    rel,
    o.acked(t + 3 * SEC, undefined, rel),
    o.started(t + 5 * MIN),
    cons1,
    cons2,
    o.consPosted(t + 6 * MIN + p1, 'RM-1', l1, 5),
    o.consPosted(t + 6 * MIN + p2, 'RM-2', l2, 3),
    c1,
    o.confPosted(t + 10 * MIN + 2 * SEC, '0010', 10, 0, { cause: c1 }),
    ...(k.duplicateConf1Posting ? [o.confPosted(t + 10 * MIN + 5 * SEC, '0010', 10, 0, { cause: c1 })] : []),
    o.started(t + 11 * MIN, '0020'),
    c2,
    ...(k.noConf2Posting ? [] : [o.confPosted(t + 20 * MIN + 2 * SEC, '0020', 10, 0, { cause: c2 })]),
    done,
    o.received(t + 21 * MIN + (k.receiptAfter ?? 10 * SEC)),
    o.closed(t + 40 * MIN),
  ];
  return {
    session,
    order: id,
    events: events.map((event, i) => ({ seq: i + 1, session, receivedAt: 0, event })),
    lineage: buildLineage(events),
  };
}

const changed = (hops: readonly HopDiff[]) => hops.filter((h) => h.status !== 'same');
const types = (hops: readonly HopDiff[]) => hops.map((h) => h.type);

describe('diffLineages', () => {
  it('finds nothing between two clean orders hours apart, with other ids and lots', () => {
    const d = diffLineages(story('PO-1'), story('PO-2', { t: 3 * 60 * MIN, lots: ['RL-7', 'RL-9'] }, 2));
    expect(d.a).toEqual({ session: 1, order: 'PO-1' });
    expect(d.b).toEqual({ session: 2, order: 'PO-2' });
    expect(d.hops).toHaveLength(16);
    expect(changed(d.hops)).toEqual([]);
    // times count from each order's first event; latency from the hop's cause
    expect(d.hops[0]).toEqual({ status: 'same', type: 'erp.order.created', system: 'erp', atA: 0, atB: 0, latencyA: null, latencyB: null });
    expect(d.hops.find((h) => h.type === 'mes.order.acknowledged')).toMatchObject({ atA: 3 * SEC, atB: 3 * SEC, latencyA: 2 * SEC, latencyB: 2 * SEC });
  });

  it('marks a confirmation ERP never posted as missing, in its place', () => {
    const d = diffLineages(story('PO-1'), story('PO-2', { noConf2Posting: true }));
    expect(changed(d.hops)).toEqual([
      { status: 'missing', type: 'erp.confirmation.posted', system: 'erp', atA: 20 * MIN + 2 * SEC, atB: null, latencyA: 2 * SEC, latencyB: null },
    ]);
    const i = d.hops.findIndex((h) => h.status === 'missing');
    expect(types(d.hops.slice(i - 1, i + 2))).toEqual(['mes.operation.confirmed', 'erp.confirmation.posted', 'mes.order.completed']);
    // the other way round the same hop is extra
    const back = diffLineages(story('PO-2', { noConf2Posting: true }), story('PO-1'));
    expect(changed(back.hops).map((h) => [h.status, h.type, h.atA, h.atB])).toEqual([['extra', 'erp.confirmation.posted', null, 20 * MIN + 2 * SEC]]);
  });

  it('marks a duplicate posting as extra, right after the posting it repeats — and only that one', () => {
    const d = diffLineages(story('PO-1'), story('PO-2', { duplicateConf1Posting: true }));
    expect(changed(d.hops)).toEqual([
      { status: 'extra', type: 'erp.confirmation.posted', system: 'erp', atA: null, atB: 10 * MIN + 5 * SEC, latencyA: null, latencyB: 5 * SEC },
    ]);
    const i = d.hops.findIndex((h) => h.status === 'extra');
    expect(d.hops[i - 1]).toMatchObject({ status: 'same', type: 'erp.confirmation.posted', atA: 10 * MIN + 2 * SEC });
    expect(d.hops[i + 1]).toMatchObject({ type: 'mes.operation.started' });
    // the step-2 posting still matches step 2, not the duplicate
    expect(d.hops.filter((h) => h.type === 'erp.confirmation.posted').map((h) => h.status)).toEqual(['same', 'extra', 'same']);
  });

  it('marks one of a reordered pair of postings as reordered, not everything after it', () => {
    const d = diffLineages(story('PO-1'), story('PO-2', { swapConsumptionPostings: true, lots: ['RL-3', 'RL-4'] }));
    // (their latencies differ by half a second: not slower, not faster)
    const moved = changed(d.hops);
    expect(moved).toHaveLength(1);
    expect(moved[0]).toMatchObject({ status: 'reordered', type: 'erp.consumption.posted' });
    // a's order is kept: the row sits where a has it
    expect(d.hops.filter((h) => h.type === 'erp.consumption.posted').map((h) => [h.atA, h.atB])).toEqual([
      [6 * MIN + 4 * SEC, 6 * MIN + 4.5 * SEC],
      [6 * MIN + 4.5 * SEC, 6 * MIN + 4 * SEC],
    ]);
  });

  it('marks a slow goods receipt as slower, and the fast one (compared the other way) as faster', () => {
    const d = diffLineages(story('PO-1'), story('PO-2', { receiptAfter: 10 * MIN }));
    expect(changed(d.hops)).toEqual([
      { status: 'slower', type: 'erp.goods.received', system: 'erp', atA: 21 * MIN + 10 * SEC, atB: 31 * MIN, latencyA: 10 * SEC, latencyB: 10 * MIN },
    ]);
    expect(changed(diffLineages(story('PO-2', { receiptAfter: 10 * MIN }), story('PO-1')).hops).map((h) => h.status)).toEqual(['faster']);
  });

  it('calls a latency the same unless it differs by more than 20 % and more than 1 s', () => {
    const status = (after: number) => changed(diffLineages(story('PO-1', { receiptAfter: 10 * SEC }), story('PO-2', { receiptAfter: after })).hops).map((h) => h.status);
    expect(status(11 * SEC)).toEqual([]); // 10 %
    expect(status(13 * SEC)).toEqual(['slower']); // 30 %, 3 s
    const small = (a: number, b: number) => changed(diffLineages(story('PO-1', { receiptAfter: a }), story('PO-2', { receiptAfter: b })).hops).map((h) => h.status);
    expect(small(2 * SEC, 2.9 * SEC)).toEqual([]); // 45 % but under 1 s
    expect(small(2 * SEC, 3.5 * SEC)).toEqual(['slower']);
  });

  it('keys an integration record by the message it handled', () => {
    const o = order(builder(), 'PO-2');
    const base = story('PO-2');
    const c1 = base.events.find((s) => s.event.type === 'mes.operation.confirmed')!.event;
    const retry = o.retried(10 * MIN + 1 * SEC, c1, 'confirmation', 1);
    const events = [...base.events.map((s) => s.event), retry];
    const b: OrderLineage = { ...base, events: events.map((event, i) => ({ seq: i + 1, session: 1, receivedAt: 0, event })), lineage: buildLineage(events) };
    const d = diffLineages(story('PO-1'), b);
    expect(changed(d.hops).map((h) => [h.status, h.type, h.system, h.latencyB])).toEqual([['extra', 'int.message.retried', 'int', 1 * SEC]]);
    const i = d.hops.findIndex((h) => h.status === 'extra');
    expect(d.hops[i - 1]!.type).toBe('mes.operation.confirmed');
  });
});

describe('lineage.compare arguments', () => {
  it('accepts two orders with optional sessions', () => {
    expect(checkLineageCompareArgs({ a: { order: 'PO-1' }, b: { order: 'PO-2', session: 3 } })).toEqual({ a: { order: 'PO-1' }, b: { order: 'PO-2', session: 3 } });
  });

  it.each([
    [undefined, /expected \{ a: \{ order, session\? \}, b:/],
    [{ a: { order: 'PO-1' } }, /^b: expected \{ order, session\? \}, got nothing/],
    [{ a: { order: '' }, b: { order: 'PO-2' } }, /^a\.order: expected an order id/],
    [{ a: { order: 'PO-1' }, b: { order: 7 } }, /^b\.order: expected an order id .* got 7/],
    [{ a: { order: 'PO-1', session: '2' }, b: { order: 'PO-2' } }, /^a\.session: expected a session id .* got "2"/],
    [{ a: { order: 'PO-1' }, b: { order: 'PO-2', session: 1.5 } }, /^b\.session: /],
  ])('refuses %j', (args, message) => {
    expect(() => checkLineageCompareArgs(args)).toThrow(message);
  });

  it('refuses an order with no events, naming the side, the order and the session', () => {
    const none: OrderLineage = { session: 4, order: 'PO-404', events: [], lineage: buildLineage([]) };
    expect(() => diffLineages(story('PO-1'), none)).toThrow('b.order: no events for order "PO-404" in session 4');
    expect(() => diffLineages(none, story('PO-1'))).toThrow(/^a\.order: no events/);
  });
});
