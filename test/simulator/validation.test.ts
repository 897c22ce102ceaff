import { describe, expect, it } from 'vitest';
import { fault, ofType, run, scenario } from './fixtures.js';

const mismatch = (uom: string) => [fault('uom-mismatch', { eventType: 'mes.operation.confirmed', count: 2, params: { uom } })];

describe('simulator: unit-of-measure mismatch against validation', () => {
  it('with validation on: a unit master data cannot convert is dead-lettered as data quality', () => {
    // Given MES sends two confirmations in PC, which master data does not know
    const r = run(scenario({ faults: mismatch('PC') }));
    const hit = r.ledger.filter((l) => l.effect === 'mismatched-uom');
    expect(hit).toHaveLength(2);
    for (const l of hit) {
      const msg = r.events.find((e) => e.id === l.messageId)!;
      expect(msg.data).toMatchObject({ uom: 'PC' });
      // Then the layer refuses it with the reason the exception queue shows, and ERP posts nothing
      const dead = ofType(r.events, 'int.message.dead-lettered').filter((e) => e.data.messageId === l.messageId);
      expect(dead).toHaveLength(1);
      expect(dead[0]!.data).toEqual({
        attempts: 0,
        category: 'data-quality',
        interface: 'confirmation',
        messageId: l.messageId,
        messageType: 'mes.operation.confirmed',
        reason: 'UoM PC not convertible to EA',
      });
      expect(r.events.some((e) => e.type === 'erp.confirmation.posted' && e.businesskey === l.businesskey)).toBe(false);
    }
  });

  it('with validation on: a convertible unit is converted to the base unit before ERP posts it', () => {
    const r = run(scenario({ faults: mismatch('DZ') }));
    for (const l of r.ledger) {
      const msg = ofType(r.events, 'mes.operation.confirmed').find((e) => e.id === l.messageId)!;
      expect(msg.data.uom).toBe('DZ');
      const posted = ofType(r.events, 'erp.confirmation.posted').find((e) => e.businesskey === l.businesskey)!;
      expect(posted.data.uom).toBe('EA');
      expect(posted.data.goodQty).toBeCloseTo(msg.data.goodQty * 12, 4);
      expect(Number.isInteger(Math.round(posted.data.goodQty * 1e4) / 1e4)).toBe(true);
    }
  });

  it('with validation off: ERP posts the number with the sender\'s unit', () => {
    const r = run(scenario({ faults: mismatch('PC'), integration: { validation: { enabled: false } } }));
    expect(ofType(r.events, 'int.message.dead-lettered')).toHaveLength(0);
    for (const l of r.ledger) {
      const msg = ofType(r.events, 'mes.operation.confirmed').find((e) => e.id === l.messageId)!;
      const posted = ofType(r.events, 'erp.confirmation.posted').find((e) => e.businesskey === l.businesskey)!;
      expect(posted.data).toMatchObject({ uom: 'PC', goodQty: msg.data.goodQty, scrapQty: msg.data.scrapQty });
    }
  });

  it('strikes consumptions too, in the component\'s unit', () => {
    const r = run(scenario({ faults: [fault('uom-mismatch', { eventType: 'mes.material.consumed', count: 1 })] }));
    const dead = ofType(r.events, 'int.message.dead-lettered');
    expect(dead.map((e) => e.data.reason)).toEqual(['UoM PC not convertible to EA']);
    expect(dead[0]!.data.interface).toBe('consumption');
  });
});
