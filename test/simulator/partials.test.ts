import { describe, expect, it } from 'vitest';
import type { AnyEvent } from '../../model/index.js';
import { DISCRETE_PLANT, fault, ofType, run, scenario } from './fixtures.js';
import { postingsByKey } from './invariants.js';

const H = 3_600_000;
const twoLines = [{ plant: 'P1', line: 'L1' }, { plant: 'P1', line: 'L2' }];
const ops = (product: string) => DISCRETE_PLANT.routings.filter((r) => r.item === product).sort((a, b) => (a.revision < b.revision ? 1 : -1))[0]!.operations;

/** Confirmations per order and operation, in the order MES sent them (rework left out). */
function byOperation(events: readonly AnyEvent[]): Map<string, Extract<AnyEvent, { type: 'mes.operation.confirmed' }>[]> {
  const m = new Map<string, Extract<AnyEvent, { type: 'mes.operation.confirmed' }>[]>();
  for (const e of ofType(events, 'mes.operation.confirmed')) {
    if (e.data.operation === 'RW01') continue;
    const k = `${e.data.order} ${e.data.operation}`;
    m.set(k, [...(m.get(k) ?? []), e]);
  }
  return m;
}

describe('simulator: partial confirmations', () => {
  const s = scenario({ lines: twoLines, durationMs: 8 * H, orders: { partials: { min: 2, max: 4 } } });
  const r = run(s);

  it('confirms each operation in 2 to 4 partials keyed {order}/CONF/{op}/{n}, the last one final', () => {
    const groups = byOperation(r.events);
    expect(groups.size).toBeGreaterThan(20);
    const counts = new Set<number>();
    for (const [k, list] of groups) {
      const [order, op] = k.split(' ');
      counts.add(list.length);
      expect(list.length, k).toBeGreaterThanOrEqual(2);
      expect(list.length, k).toBeLessThanOrEqual(4);
      expect(list.map((e) => e.businesskey)).toEqual(list.map((_, i) => `${order}/CONF/${op}/${i + 1}`));
      expect(list.map((e) => e.data.final)).toEqual(list.map((_, i) => i === list.length - 1));
      // set-up is reported once, on the first partial; machine and labour time on each
      expect(list.map((e) => e.data.setupMs !== undefined)).toEqual(list.map((_, i) => i === 0));
      for (const e of list) expect(e.data.machineMs! > 0 && e.data.laborMs! > 0, e.businesskey).toBe(true);
    }
    expect(counts.size).toBeGreaterThan(1);
  });

  it('splits the operation input over its partials: what one operation confirms good is what the next one takes in', () => {
    const groups = byOperation(r.events);
    for (const c of ofType(r.events, 'mes.order.completed')) {
      const created = ofType(r.events, 'erp.order.created').find((e) => e.data.order === c.data.order)!;
      let input = created.data.qty;
      let scrap = 0;
      for (const op of ops(created.data.item)) {
        const list = groups.get(`${c.data.order} ${op.id}`)!;
        const good = list.reduce((t, e) => t + e.data.goodQty, 0);
        const lost = list.reduce((t, e) => t + e.data.scrapQty, 0);
        expect(good + lost, `${c.data.order} ${op.id}`).toBe(input);
        // a unit reworked on the spot stays good: rework is part of the good quantity
        for (const e of list) expect(e.data.reworkQty ?? 0).toBeLessThanOrEqual(e.data.goodQty);
        input = good;
        scrap += lost;
      }
      expect(c.data).toMatchObject({ goodQty: input, scrapQty: scrap });
    }
  });

  it('posts every partial once, each under its own key', () => {
    const postings = postingsByKey(r.events);
    for (const e of ofType(r.events, 'mes.operation.confirmed')) {
      const p = postings.get(e.businesskey)!;
      expect(p, e.businesskey).toHaveLength(1);
      expect(p[0]!.data).toMatchObject({ goodQty: e.data.goodQty, scrapQty: e.data.scrapQty, operation: e.data.operation });
    }
    expect(ofType(r.events, 'int.message.dead-lettered')).toHaveLength(0);
  });

  it('keeps one goods receipt per order without partial receipts: {order}/GR/1, asking for everything', () => {
    for (const c of ofType(r.events, 'mes.order.completed')) {
      expect(c.businesskey).toBe(`${c.data.order}/GR/1`);
      expect(c.data.receiptQty).toBeUndefined();
    }
    expect(ofType(r.events, 'mes.output.declared')).toHaveLength(0);
  });

  it('suppresses a duplicate of a partial (same key) while posting a second partial of the same operation (a new key)', () => {
    // Given MES re-sends one partial confirmation
    const dup = run(scenario({ lines: twoLines, durationMs: 6 * H, orders: { partials: { min: 2, max: 2 } }, faults: [fault('duplicate', { eventType: 'mes.operation.confirmed', count: 1 })] }));
    const copy = dup.ledger.find((l) => l.effect === 'duplicated')!;
    // Then idempotency suppresses the copy: its key is posted once
    const suppressed = ofType(dup.events, 'int.message.duplicate-suppressed');
    expect(suppressed).toHaveLength(1);
    expect(suppressed[0]!.businesskey).toBe(copy.businesskey);
    expect(suppressed[0]!.data.firstMessageId).toBe(copy.messageId);
    const postings = postingsByKey(dup.events);
    expect(postings.get(copy.businesskey!)).toHaveLength(1);
    // while the operation's other partial, a new key, is posted too
    const other = copy.businesskey!.replace(/\/(\d+)$/, (_, n: string) => `/${n === '1' ? 2 : 1}`);
    expect(postings.get(other)).toHaveLength(1);
  });
});

describe('simulator: partial goods receipts', () => {
  const r = run(scenario({ lines: twoLines, durationMs: 8 * H, orders: { partials: { min: 2, max: 4 }, partialReceipts: true } }));

  it('declares each non-final partial of the last operation as a receipt; the completion asks for the rest', () => {
    const completions = ofType(r.events, 'mes.order.completed');
    expect(completions.length).toBeGreaterThan(5);
    for (const c of completions) {
      const order = c.data.order;
      const last = ops(ofType(r.events, 'erp.order.created').find((e) => e.data.order === order)!.data.item).at(-1)!.id;
      const partials = ofType(r.events, 'mes.operation.confirmed').filter((e) => e.data.order === order && e.data.operation === last && !e.data.final);
      const declared = ofType(r.events, 'mes.output.declared').filter((e) => e.data.order === order);
      // one receipt per non-final partial with yield, of its good quantity, on the order's lot
      expect(declared.map((e) => e.data.qty)).toEqual(partials.filter((e) => e.data.goodQty > 0).map((e) => e.data.goodQty));
      expect(declared.map((e) => e.businesskey)).toEqual(declared.map((_, i) => `${order}/GR/${i + 1}`));
      expect(declared.every((e) => e.data.lot === c.data.lot)).toBe(true);
      expect(c.businesskey).toBe(`${order}/GR/${declared.length + 1}`);
      const sum = declared.reduce((t, e) => t + e.data.qty, 0);
      if (declared.length > 0) expect(c.data.receiptQty).toBe(c.data.goodQty - sum);
      else expect(c.data.receiptQty).toBeUndefined();
      // ERP receives the order's good quantity in all, and closes the order after the completion's receipt
      const received = ofType(r.events, 'erp.goods.received').filter((e) => e.data.order === order);
      expect(received.reduce((t, e) => t + e.data.qty, 0)).toBe(c.data.goodQty);
      const closed = ofType(r.events, 'erp.order.closed').find((e) => e.data.order === order);
      if (closed) {
        const completionReceipt = received.find((e) => e.businesskey === c.businesskey)!;
        expect(Date.parse(closed.time)).toBeGreaterThan(Date.parse(completionReceipt.time));
        expect(closed.data.goodQty).toBe(c.data.goodQty);
      }
    }
    expect(ofType(r.events, 'mes.output.declared').length).toBeGreaterThan(0);
    expect(ofType(r.events, 'int.message.dead-lettered')).toHaveLength(0);
  });
});
