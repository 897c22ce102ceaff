import { describe, expect, it } from 'vitest';
import type { AnyEvent } from '../../model/index.js';
import { DISCRETE_NO_QM, fault, ofType, run, scenario } from './fixtures.js';

const first = (events: AnyEvent[], type: string, order: string) => events.find((e) => e.type === type && e.subject === order);
const at = (e: AnyEvent | undefined) => (e === undefined ? Number.NaN : Date.parse(e.time));

// the goods-receipt gate holds receipts of items without quality management (with it, they go to quality-inspection stock: quality-stock.test.ts)
const plant = DISCRETE_NO_QM;

describe('simulator: goods-receipt gate', () => {
  it('with gates on: no goods receipt posts before the inspection passes', () => {
    const r = run(scenario({ plant, durationMs: 10 * 3_600_000 }));
    const receipts = ofType(r.events, 'erp.goods.received');
    expect(receipts.length).toBeGreaterThan(5);
    for (const g of receipts) {
      const pass = ofType(r.events, 'qms.inspection.recorded').find((e) => e.subject === g.subject && e.data.result === 'pass')!;
      expect(at(g)).toBeGreaterThanOrEqual(at(pass));
      const gated = ofType(r.events, 'int.message.gated').find((e) => e.subject === g.subject)!;
      const released = ofType(r.events, 'int.message.released').find((e) => e.subject === g.subject)!;
      expect(gated.data).toMatchObject({ gate: 'goods-receipt', messageType: 'mes.order.completed' });
      expect(released.data.heldMs).toBe(at(released) - at(gated));
      expect(at(released)).toBe(at(pass));
    }
  });

  it('with gates on: a failed inspection holds the receipt until the hold is released with disposition release', () => {
    const f = [fault('quality-fail', { count: 2, params: { disposition: 'release', holdMs: 30 * 60_000 } })];
    const r = run(scenario({ plant, faults: f }));
    expect(r.ledger.map((l) => l.effect)).toEqual(['failed-inspection', 'failed-inspection']);
    for (const l of r.ledger) {
      const order = l.order!;
      // the ledger names the goods receipt the failure holds back
      expect(l).toMatchObject({ messageType: 'mes.order.completed', businesskey: `${order}/GR/1`, needsPosting: true });
      expect(first(r.events, 'qms.inspection.recorded', order)!.data).toMatchObject({ result: 'fail' });
      const hold = first(r.events, 'qms.hold.placed', order)!;
      const rel = first(r.events, 'qms.hold.released', order)!;
      expect(at(rel) - at(hold)).toBe(30 * 60_000);
      // (changed) ERP blocks and releases only stock it received, and the gate still holds the receipt: both are refused, naming the lot
      for (const m of [hold, rel]) {
        const dead = ofType(r.events, 'int.message.dead-lettered').find((e) => e.data.messageId === m.id)!;
        expect(dead.data.category).toBe('business-rule');
        expect(dead.data.reason).toMatch(new RegExp(`^cannot (block|release) lot ${m.lot} of order ${order}: ERP has received no stock of it$`));
      }
      expect(first(r.events, 'erp.stock.blocked', order)).toBeUndefined();
      expect(at(first(r.events, 'erp.goods.received', order))).toBeGreaterThanOrEqual(at(rel));
      expect(first(r.events, 'erp.order.closed', order)).toBeDefined();
    }
  });

  it('with gates off: goods receipts post before the inspection', () => {
    const r = run(scenario({ plant, durationMs: 10 * 3_600_000, integration: { gates: { enabled: false } } }));
    expect(ofType(r.events, 'int.message.gated')).toHaveLength(0);
    const early = ofType(r.events, 'erp.goods.received').filter((g) => at(g) < at(first(r.events, 'qms.inspection.recorded', g.subject!)));
    expect(early.length).toBeGreaterThan(0);
  });

  it('with disposition scrap: the held receipt is discarded and the order stays open, since ERP never received the lot it would scrap', () => {
    const f = [fault('quality-fail', { count: 1, params: { disposition: 'scrap' } })];
    const r = run(scenario({ plant, faults: f }));
    const order = r.ledger[0]!.order!;
    const completed = first(r.events, 'mes.order.completed', order)!;
    const discarded = ofType(r.events, 'int.message.discarded').filter((e) => e.subject === order);
    expect(discarded).toHaveLength(1);
    expect(discarded[0]!.data).toMatchObject({ reason: 'lot scrapped', messageId: completed.id, interface: 'goods-receipt' });
    expect(first(r.events, 'erp.goods.received', order)).toBeUndefined();
    // (changed) ERP scraps only stock it received: the scrap release is refused, so nothing closes the order
    const rel = first(r.events, 'qms.hold.released', order)!;
    const dead = ofType(r.events, 'int.message.dead-lettered').find((e) => e.data.messageId === rel.id)!;
    expect(dead.data.reason).toBe(`cannot scrap lot ${rel.lot} of order ${order}: ERP has received no stock of it`);
    expect(first(r.events, 'erp.stock.released', order)).toBeUndefined();
    expect(first(r.events, 'erp.order.closed', order)).toBeUndefined();
  });

  it('with disposition rework: MES reworks, a new inspection passes, then the receipt posts', () => {
    const r = run(scenario({ plant, faults: [fault('quality-fail', { count: 1, params: { disposition: 'rework' } })] }));
    const order = r.ledger[0]!.order!;
    const mine = r.events.filter((e) => e.subject === order).map((e) => `${e.type}${e.type.startsWith('mes.operation') ? ` ${(e.data as { operation: string }).operation}` : ''}`);
    const tail = mine.slice(mine.indexOf('qms.hold.released'));
    const steps = ['mes.operation.started RW01', 'mes.operation.confirmed RW01', 'qms.inspection.requested', 'qms.inspection.recorded', 'erp.goods.received', 'erp.order.closed'];
    const where = steps.map((x) => tail.indexOf(x));
    expect(where.every((i) => i > 0)).toBe(true);
    expect(where).toEqual([...where].sort((a, b) => a - b));
    const rw = ofType(r.events, 'mes.operation.confirmed').find((e) => e.subject === order && e.data.operation === 'RW01')!;
    // (changed) keys carry the partial's counter; the rework operation's one confirmation is its final one
    expect(rw.businesskey).toBe(`${order}/CONF/RW01/1`);
    expect(rw.data.final).toBe(true);
    const inspections = ofType(r.events, 'qms.inspection.recorded').filter((e) => e.subject === order);
    expect(inspections.map((e) => e.data.result)).toEqual(['fail', 'pass']);
    expect(at(first(r.events, 'erp.goods.received', order))).toBeGreaterThanOrEqual(at(inspections[1]));
  });
});

describe('simulator: lot-validity gate', () => {
  const f = [fault('expired-lot', { count: 1, params: { expiredByDays: 3 } })];

  it('with gates on: consuming an expired lot is gated, then dead-lettered as a business rule naming lot and expiry', () => {
    const r = run(scenario({ faults: f }));
    const l = r.ledger[0]!;
    // the ledger names the consumption of the expired lot, the message that needs posting
    expect(l).toMatchObject({ kind: 'expired-lot', effect: 'expired-lot', messageType: 'mes.material.consumed', needsPosting: true });
    const consumed = ofType(r.events, 'mes.material.consumed').find((e) => e.id === l.messageId)!;
    const staged = ofType(r.events, 'wms.material.staged').find((e) => e.data.lot === consumed.data.lot)!;
    expect(Date.parse(staged.data.expiry)).toBe(Date.parse(staged.time) - 3 * 86_400_000);
    const gated = ofType(r.events, 'int.message.gated').find((e) => e.data.messageId === consumed.id)!;
    const dead = ofType(r.events, 'int.message.dead-lettered').find((e) => e.data.messageId === consumed.id)!;
    expect(gated.data.gate).toBe('lot-validity');
    expect(dead.data).toMatchObject({ category: 'business-rule', reason: `lot ${staged.data.lot} expired on ${staged.data.expiry}` });
    expect(ofType(r.events, 'erp.consumption.posted').some((e) => e.data.lot === staged.data.lot)).toBe(false);
  });

  it('with gates off: ERP posts the consumption of the expired lot', () => {
    const r = run(scenario({ faults: f, integration: { gates: { enabled: false } } }));
    const consumed = ofType(r.events, 'mes.material.consumed').find((e) => e.id === r.ledger[0]!.messageId)!;
    expect(ofType(r.events, 'erp.consumption.posted').filter((e) => e.data.lot === consumed.data.lot)).toHaveLength(1);
  });
});

describe('simulator: routing-revision gate', () => {
  const f = [fault('revision-mismatch', { count: 1 })];

  it('with gates on: a release with another revision is gated, dead-lettered, and the order never starts', () => {
    const r = run(scenario({ faults: f }));
    const l = r.ledger[0]!;
    expect(l).toMatchObject({ effect: 'mismatched-revision', messageType: 'erp.order.released', needsPosting: false });
    const order = l.order!;
    expect(first(r.events, 'erp.order.released', order)!.data).toMatchObject({ revision: 'Z' });
    expect(first(r.events, 'int.message.gated', order)!.data).toMatchObject({ gate: 'routing-revision', interface: 'order-release' });
    expect(first(r.events, 'int.message.dead-lettered', order)!.data).toMatchObject({ category: 'business-rule' });
    for (const t of ['mes.order.acknowledged', 'mes.operation.started', 'erp.order.closed']) expect(first(r.events, t, order)).toBeUndefined();
  });

  it('with gates off: MES runs its own revision and acknowledges with it', () => {
    const r = run(scenario({ faults: f, integration: { gates: { enabled: false } } }));
    const order = r.ledger[0]!.order!;
    expect(first(r.events, 'mes.order.acknowledged', order)!.data).toMatchObject({ revision: 'B' });
    expect(first(r.events, 'erp.order.closed', order)).toBeDefined();
  });
});
