import { describe, expect, it } from 'vitest';
import { BATCH_PLANT, fault, ofType, run, scenario } from './fixtures.js';
import { postingsByKey } from './invariants.js';

const H = 3_600_000;
const twoLines = [{ plant: 'P1', line: 'L1' }, { plant: 'P1', line: 'L2' }];

describe('simulator: backflush and consumption', () => {
  const r = run(scenario({ lines: twoLines, durationMs: 8 * H, orders: { partials: { min: 1, max: 3 } } }));
  const confs = ofType(r.events, 'mes.operation.confirmed');

  it('backflushes the components that are not lot-controlled at each partial of the last operation, for what it confirmed', () => {
    // PUMP-100 (routing B, last operation 0030) has 8 SCREW per unit, not lot-controlled
    const backflushed = ofType(r.events, 'mes.material.consumed').filter((e) => e.data.backflush === true);
    expect(backflushed.length).toBeGreaterThan(10);
    for (const b of backflushed) {
      const [order, , item, op, n] = b.businesskey.split('/');
      expect(item).toBe('SCREW');
      expect(b.data.lot).toBeUndefined();
      expect(b.lot).toBeUndefined();
      const conf = confs.find((c) => c.businesskey === `${order}/CONF/${op}/${n}`)!;
      expect(conf.data.operation).toBe('0030');
      expect(b.causationid).toBe(conf.id);
      // actual consumption strays at most 3 % from plan, in whole screws
      const plan = 8 * (conf.data.goodQty + conf.data.scrapQty);
      expect(Number.isInteger(b.data.qty)).toBe(true);
      expect(Math.abs(b.data.qty - plan), b.businesskey).toBeLessThanOrEqual(Math.max(0.5, 0.03 * plan + 0.5));
    }
    // every partial of the last operation with something confirmed has its backflush
    const last = confs.filter((c) => c.data.operation === '0030' && c.data.goodQty + c.data.scrapQty > 0);
    expect(backflushed.map((b) => b.causationid).sort()).toEqual(last.map((c) => c.id).sort());
  });

  it('consumes each staged lot near plan (± 3 %), and ERP posts every consumption within tolerance', () => {
    const staged = ofType(r.events, 'wms.material.staged');
    for (const c of ofType(r.events, 'mes.material.consumed').filter((e) => e.data.lot !== undefined)) {
      const s = staged.find((e) => e.data.lot === c.data.lot)!;
      expect(Math.abs(c.data.qty - s.data.qty)).toBeLessThanOrEqual(0.03 * s.data.qty + 0.5);
    }
    const postings = postingsByKey(r.events);
    for (const c of ofType(r.events, 'mes.material.consumed')) expect(postings.get(c.businesskey), c.businesskey).toHaveLength(1);
    expect(ofType(r.events, 'int.message.dead-lettered')).toHaveLength(0);
  });

  it('backflushes litres of water by mass in a batch plant, with decimals', () => {
    const b = run(scenario({ plant: BATCH_PLANT, durationMs: 8 * H, orders: { partials: { min: 2, max: 2 } } }));
    const water = ofType(b.events, 'mes.material.consumed').filter((e) => e.data.item === 'WATER');
    expect(water.length).toBeGreaterThan(2);
    for (const w of water) expect(w.data).toMatchObject({ backflush: true, uom: 'L' });
    expect(ofType(b.events, 'int.message.dead-lettered')).toHaveLength(0);
  });

  it('an over-consumption beyond tolerance is refused by ERP as a business rule naming component, quantity, plan and tolerance', () => {
    // Given MES consumes one component a quarter over what it would
    const o = run(scenario({ lines: twoLines, durationMs: 6 * H, faults: [fault('over-consumption', { count: 1, params: { factor: 1.25 } })] }));
    const l = o.ledger.find((x) => x.effect === 'over-consumed')!;
    expect(l).toMatchObject({ kind: 'over-consumption', messageType: 'mes.material.consumed', needsPosting: true });
    const consumed = ofType(o.events, 'mes.material.consumed').find((e) => e.id === l.messageId)!;
    // Then ERP refuses it, and posts nothing for it
    const dead = ofType(o.events, 'int.message.dead-lettered').filter((e) => e.data.messageId === consumed.id);
    expect(dead).toHaveLength(1);
    expect(dead[0]!.data.category).toBe('business-rule');
    expect(dead[0]!.data.reason).toMatch(new RegExp(`^consumption of ${consumed.data.qty} EA ${consumed.data.item} is 2\\d % over plan \\(\\d+ EA for \\d+ EA (ordered|confirmed)\\); tolerance ±10 %$`));
    expect(postingsByKey(o.events).has(consumed.businesskey)).toBe(false);
    expect(ofType(o.events, 'int.message.dead-lettered')).toHaveLength(1);
  });
});
