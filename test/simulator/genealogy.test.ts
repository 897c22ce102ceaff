import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../engine/index.js';
import { dataProblems, isInjectable, type AnyEvent, type Scenario } from '../../model/index.js';
import { LotStock, stockedItems } from '../../simulator/plant/lot-stock.js';
import { ofType, run } from './fixtures.js';
import { expectCanonicalEnvelopes, expectTimeOrdered } from './invariants.js';

const at = (e: AnyEvent) => Date.parse(e.time);
const of = <T extends AnyEvent>(list: T[], order: string) => list.filter((e) => (e.data as { order?: string }).order === order);

/** The genealogy scenario on `seed`, with its faults or none. */
function genealogy(seed: number, faults = true): Scenario {
  const s = loadScenario('genealogy', { seed });
  return faults ? s : { ...s, faults: [] };
}

describe('lot stock (pure)', () => {
  it('keeps only intermediates: lot-controlled components some line makes', () => {
    const s = loadScenario('genealogy');
    expect([...stockedItems(s.plant, new Set(['BIND-100', 'PAINT-200', 'PRIMER-210']))]).toEqual(['BIND-100']);
    // nothing a line makes feeds another in the bundled resin plant
    expect(stockedItems(loadScenario('batch-plant').plant, new Set(['ALK-450', 'PUD-220', 'ACR-310', 'EPX-128'])).size).toBe(0);
  });

  it('picks first expiry first, equal expiries in arrival order; take leaves the rest, whole takes remove', () => {
    const st = new LotStock(new Set(['B']));
    st.add('B', 'L2', 100, 2_000);
    st.add('B', 'L1', 50, 1_000);
    st.add('B', 'L3', 70, 2_000);
    st.add('X', 'L9', 10, 0); // not stocked
    expect(st.lots('B').map((l) => l.lot)).toEqual(['L1', 'L2', 'L3']);
    expect(st.lots('X')).toEqual([]);
    expect(st.take('B', 'L2', 30)).toBe(70);
    expect(st.onHand('B')).toBe(190);
    st.take('B', 'L1', 50);
    expect(st.lots('B').map((l) => l.lot)).toEqual(['L2', 'L3']);
    st.add('B', 'L2', 5, 2_000);
    expect(st.lots('B')[0]!.qty).toBe(75);
  });
});

describe('simulator: intermediates, splits, partial usage decisions, pick refusals', () => {
  const r = run(genealogy(3));
  const staged = ofType(r.events, 'wms.material.staged');
  const splits = ofType(r.events, 'wms.lot.split');
  const decided = ofType(r.events, 'qms.usage.decided');
  const transferred = ofType(r.events, 'erp.stock.transferred');

  it('stages an intermediate lot only after ERP released it to unrestricted stock, first expiry first', () => {
    const released = new Map<string, number>();
    for (const t of transferred) if (t.data.to === 'unrestricted' && t.data.item === 'BIND-100') released.set(t.data.lot, at(t));
    const made = new Set(ofType(r.events, 'mes.order.completed').map((e) => e.data.lot));
    let fromStock = 0;
    for (const sp of splits) {
      const t = released.get(sp.data.lot);
      expect(t, `parent ${sp.data.lot} released before its split`).toBeDefined();
      expect(at(sp)).toBeGreaterThanOrEqual(t!);
      expect(made.has(sp.data.lot)).toBe(true);
      fromStock++;
    }
    expect(fromStock).toBeGreaterThan(0);
    // first expiry first out: the parents split are used in the order they were released (same shelf life)
    const parents = [...new Set(splits.map((s) => s.data.lot))];
    const byRelease = [...parents].sort((a, b) => released.get(a)! - released.get(b)!);
    expect(parents).toEqual(byRelease);
    // before the first binder lot was released, binder came from opening stock (a lot no order made)
    const firstRelease = Math.min(...released.values());
    const early = staged.filter((s) => s.data.item === 'BIND-100' && at(s) < firstRelease);
    expect(early.length).toBeGreaterThan(0);
    for (const s of early) expect(made.has(s.data.lot)).toBe(false);
  });

  it('splits a lot the order needs less of: the child is staged and consumed, the parent keeps the rest', () => {
    expect(splits.length).toBeGreaterThan(0);
    const consumed = ofType(r.events, 'mes.material.consumed');
    const receipts = new Map(ofType(r.events, 'erp.goods.received').map((g) => [g.data.lot, g.data.qty]));
    const taken = new Map<string, number>();
    for (const sp of splits) {
      expect(sp.businesskey).toMatch(new RegExp(`^${sp.data.lot}/SPLIT/\\d+$`));
      const child = of(staged, sp.data.order).find((s) => s.data.lot === sp.data.newLot)!;
      expect(child.data).toMatchObject({ item: sp.data.item, qty: sp.data.qty });
      expect(of(consumed, sp.data.order).some((c) => c.data.lot === sp.data.newLot)).toBe(true);
      taken.set(sp.data.lot, (taken.get(sp.data.lot) ?? 0) + sp.data.qty);
    }
    // no parent gives more than ERP released of it (received minus the blocked part)
    for (const [lot, qty] of taken) {
      const blocked = transferred.filter((t) => t.data.lot === lot && t.data.to === 'blocked').reduce((s, t) => s + t.data.qty, 0);
      expect(qty).toBeLessThanOrEqual(receipts.get(lot)! - blocked + 1e-6);
    }
    // split numbers count per parent from 1
    for (const lot of taken.keys()) {
      const ns = splits.filter((s) => s.data.lot === lot).map((s) => Number(s.businesskey.split('/').pop()));
      expect(ns).toEqual(ns.map((_, i) => i + 1));
    }
  });

  it('decides a lot in parts: two usage decisions with their own keys, each posted as a stock transfer, the order closed after both', () => {
    const parts = decided.filter((d) => /\/UD\/\d+\/\d+$/.test(d.businesskey));
    expect(parts.length).toBeGreaterThanOrEqual(2);
    const orders = [...new Set(parts.map((p) => p.data.order))];
    for (const order of orders) {
      const mine = of(parts, order);
      expect(mine.map((d) => d.businesskey)).toEqual([`${order}/UD/1/1`, `${order}/UD/1/2`]);
      expect(mine.map((d) => d.data.decision)).toEqual(['blocked', 'unrestricted']);
      const receipt = of(ofType(r.events, 'erp.goods.received'), order)[0]!;
      expect(mine[0]!.data.qty + mine[1]!.data.qty).toBeCloseTo(receipt.data.qty, 6);
      for (const d of mine) {
        const t = transferred.find((x) => x.businesskey === d.businesskey)!;
        expect(t.data).toMatchObject({ from: 'quality-inspection', to: d.data.decision, qty: d.data.qty, lot: d.data.lot });
      }
      const closed = of(ofType(r.events, 'erp.order.closed'), order)[0];
      if (closed) expect(at(closed)).toBeGreaterThan(Math.max(...transferred.filter((t) => t.data.order === order).map(at)));
    }
    expect(ofType(r.events, 'int.message.dead-lettered')).toHaveLength(0);
  });

  it('refuses an expired lot at the pick and stages a substitute: no gate refusal, the ledger names the refusal', () => {
    const refused = ofType(r.events, 'wms.pick.refused');
    expect(refused).toHaveLength(1);
    const p = refused[0]!;
    expect(p.data.reason).toBe('expired');
    expect(Date.parse(p.data.expiry)).toBeLessThan(at(p));
    const sub = of(staged, p.data.order).filter((s) => s.data.item === p.data.item);
    expect(sub).toHaveLength(1);
    expect(sub[0]!.data.lot).not.toBe(p.data.lot);
    expect(Date.parse(sub[0]!.data.expiry)).toBeGreaterThan(at(sub[0]!));
    expect(ofType(r.events, 'int.message.gated').filter((g) => g.data.gate === 'lot-validity')).toHaveLength(0);
    expect(r.ledger).toEqual([expect.objectContaining({ kind: 'expired-lot', effect: 'expired-lot', messageId: p.id, needsPosting: false })]);
  });

  it('without `pick`, the same fault still stages the expired lot and the lot-validity gate refuses it', () => {
    const s = genealogy(3);
    const f = s.faults[0]!;
    const { pick: _pick, ...params } = f.params;
    const plain: Scenario = { ...s, faults: [{ ...f, params }] };
    const r2 = run(plain);
    expect(ofType(r2.events, 'wms.pick.refused')).toHaveLength(0);
    expect(ofType(r2.events, 'int.message.gated').filter((g) => g.data.gate === 'lot-validity')).toHaveLength(1);
  });

  it('makes canonical events in time order, each plant message with exactly its type\'s fields', () => {
    expectCanonicalEnvelopes(r.events);
    expectTimeOrdered(r.outputs);
    for (const e of r.events) if (isInjectable(e.type)) expect(dataProblems(e.type, e.data), `${e.type} ${e.id}`).toEqual([]);
    expect(isInjectable('wms.lot.split') && isInjectable('wms.pick.refused')).toBe(true);
  });

  it('is deterministic', () => {
    const again = run(genealogy(3));
    expect(again.events.map((e) => e.id + e.type + e.businesskey)).toEqual(r.events.map((e) => e.id + e.type + e.businesskey));
  });
});
