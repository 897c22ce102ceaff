import { describe, expect, it } from 'vitest';
import { GRACE, MIN, SEC, at, builder, feed, monitor, order } from './story.js';
import { postings } from './story-postings.js';

function started() {
  const b = builder();
  const o = order(b, 'PO-1');
  const p = postings(b, 'PO-1');
  const m = feed(monitor(), o.created(-10 * MIN), o.released(-10 * MIN), o.acked(-10 * MIN + SEC), o.started(-5 * MIN));
  return { o, p, m };
}

describe('quality-inspection stock and usage decisions', () => {
  it('given a receipt into quality-inspection stock before QMS decided, then no status gap; the usage decision clears the lot', () => {
    const { o, p, m } = started();
    feed(m, o.confirmed(0, '0010', 10, 0, { final: true }), o.confPosted(SEC, '0010', 10));
    feed(m, p.completed(MIN, 1, 10), p.received(MIN + SEC, 1, 10, 'quality-inspection'), o.inspectionRequested(MIN + 2 * SEC));
    at(m, MIN + 3 * GRACE['goods-receipt']);
    expect(m.snapshot().gaps).toEqual([]);
    // ERP received the completion (into quality-inspection stock): the order is received
    expect(m.snapshot().orders[0]!.state).toBe('received');
    // When QMS decides for unrestricted use and ERP transfers the lot, Then all agree
    feed(m, p.usageDecided(40 * MIN, 1, 10, 'unrestricted'), p.transferred(40 * MIN + SEC, 1, 10, 'unrestricted'));
    at(m, 40 * MIN + 3 * GRACE['quality-hold']);
    expect(m.snapshot().gaps).toEqual([]);
    expect(m.snapshot().conservation).toMatchObject({ needsPosting: 3, posted: 3 });
  });

  it('still opens the status gap for a receipt into unrestricted stock before QMS cleared the lot (as before)', () => {
    const { o, p, m } = started();
    feed(m, p.completed(0, 1, 10), o.inspectionRequested(SEC), p.received(2 * SEC, 1, 10, 'unrestricted'));
    at(m, 2 * SEC + GRACE['goods-receipt'] + 1);
    expect(m.snapshot().gaps.filter((g) => g.kind === 'status').map((g) => g.id)).toEqual(['status:PO-1/GR/1']);
  });

  it('opens a hold gap for a usage decision ERP has not transferred, naming the decision and the lot; closes when it does', () => {
    const { p, m } = started();
    feed(m, p.completed(0, 1, 10), p.received(SEC, 1, 10, 'quality-inspection'), p.usageDecided(MIN, 1, 10, 'blocked'));
    at(m, MIN + GRACE['quality-hold'] + 1);
    expect(m.snapshot().gaps.find((g) => g.kind === 'hold')).toMatchObject({
      id: 'hold:PO-1',
      businesskeys: ['PO-1/UD/1'],
      mes: 'usage decision blocked 10 (lot LOT-PO-1)',
      erp: 'not transferred',
    });
    m.apply(p.transferred(MIN + GRACE['quality-hold'] + SEC, 1, 10, 'blocked'));
    expect(m.snapshot().gaps.filter((g) => g.kind === 'hold')).toEqual([]);
  });

  it('compares a usage decision with the stock ERP moved the lot to', () => {
    const { o, p, m } = started();
    feed(m, p.completed(0, 1, 10), p.received(SEC, 1, 10, 'quality-inspection'), p.usageDecided(MIN, 1, 10, 'scrap'), p.transferred(MIN + SEC, 1, 10, 'unrestricted'));
    at(m, MIN + SEC + GRACE['quality-hold'] + 1);
    expect(m.snapshot().gaps.find((g) => g.kind === 'hold')).toMatchObject({ mes: 'usage decision scrap 10 (lot LOT-PO-1)', erp: 'unrestricted 10' });
    m.apply(o.closed(2 * MIN, 10));
    expect(m.snapshot().reconciliation.mismatches).toContainEqual({ order: 'PO-1', plant: 'P1', line: 'L1', field: 'usage decision LOT-PO-1', mes: 'scrap 10', erp: 'unrestricted 10' });
  });
});
