import { describe, expect, it } from 'vitest';
import { interfaceOfMessage, type AnyEvent } from '../../model/index.js';
import { businessRefusal } from '../../simulator/actors/erp-rules.js';
import { newOrder, type Msg, type OrderRt } from '../../simulator/core/records.js';
import { resolveLines } from '../../simulator/plant/master-data.js';
import { DISCRETE_NO_QM, scenario } from './fixtures.js';

/**
 * ERP's business rules, decide-style: given what ERP booked for an order, when this message is
 * delivered, then it is refused with this reason (or taken).
 */

const line = resolveLines(scenario({ plant: DISCRETE_NO_QM }), [])[0]!;
const pump = line.products[0]!; // PUMP-100: HOUSING and SEAL-KIT staged, 8 SCREW per unit backflushed

function order(qty: number): OrderRt {
  return newOrder('PO-P1-L1-00001', line, pump, qty);
}

/** A delivery of `type` with `data`, keyed `key`, in the order's base unit unless `uom` says otherwise. */
function msg(ord: OrderRt, type: AnyEvent['type'], key: string, data: Record<string, unknown>, qty: number, scrap = 0): Msg {
  const ev = { type, businesskey: key, data: { order: ord.id, ...data }, id: `ev-${key}` } as unknown as AnyEvent;
  return { ev, ord, iface: interfaceOfMessage(type)!, qty, scrap, uom: typeof data.uom === 'string' ? data.uom : ord.uom, attempts: 1 };
}

/** ERP booked confirmation `key` of good + scrap. */
function bookedConfirmation(ord: OrderRt, key: string, good: number, scrap: number): void {
  (ord.erpKeys ??= new Map()).set(key, { type: 'mes.operation.confirmed', booked: 1, posted: 1, qty: good, scrap, last: undefined });
}

const refusal = (m: Msg) => businessRefusal(m, false);

describe('ERP business rules', () => {
  describe('consumption tolerance', () => {
    it('refuses a backflush 30 % over the plan of the partial it belongs to, naming posting, quantity and rule', () => {
      // Given ERP booked partial 1 of operation 0030: 9 good and 1 scrap
      const ord = order(20);
      bookedConfirmation(ord, `${ord.id}/CONF/0030/1`, 9, 1);
      // When MES backflushes 104 screws for it (plan: 8 × 10 = 80)
      const m = msg(ord, 'mes.material.consumed', `${ord.id}/CONS/SCREW/0030/1`, { backflush: true, item: 'SCREW', qty: 104, uom: 'EA' }, 104);
      // Then ERP refuses it as a business rule
      expect(refusal(m)).toEqual({ technical: false, reason: 'consumption of 104 EA SCREW is 30 % over plan (80 EA for 10 EA confirmed); tolerance ±10 %' });
    });

    it('takes a backflush within tolerance, and refuses one too far under plan', () => {
      const ord = order(20);
      bookedConfirmation(ord, `${ord.id}/CONF/0030/2`, 10, 0);
      const key = `${ord.id}/CONS/SCREW/0030/2`;
      expect(refusal(msg(ord, 'mes.material.consumed', key, { backflush: true, item: 'SCREW', qty: 87, uom: 'EA' }, 87))).toBeUndefined();
      expect(refusal(msg(ord, 'mes.material.consumed', key, { backflush: true, item: 'SCREW', qty: 60, uom: 'EA' }, 60))?.reason).toBe(
        'consumption of 60 EA SCREW is 25 % under plan (80 EA for 10 EA confirmed); tolerance ±10 %',
      );
    });

    it('takes a backflush whose confirmation it has not booked: it has nothing to judge it by', () => {
      const ord = order(20);
      expect(refusal(msg(ord, 'mes.material.consumed', `${ord.id}/CONS/SCREW/0030/1`, { backflush: true, item: 'SCREW', qty: 500, uom: 'EA' }, 500))).toBeUndefined();
    });

    it('judges a staged lot against the order quantity', () => {
      // SEAL-KIT: 2 per unit, 14 ordered → 28 planned
      const ord = order(14);
      const m = msg(ord, 'mes.material.consumed', `${ord.id}/CONS/SEAL-KIT/L1`, { item: 'SEAL-KIT', lot: 'L1', qty: 35, uom: 'EA' }, 35);
      expect(refusal(m)?.reason).toBe('consumption of 35 EA SEAL-KIT is 25 % over plan (28 EA for 14 EA ordered); tolerance ±10 %');
      expect(refusal({ ...m, qty: 29 })).toBeUndefined();
    });
  });

  describe('delivery tolerance', () => {
    it('refuses a receipt that takes the order beyond its over-delivery tolerance: 28 good against 14', () => {
      // Given ERP received 14 of an order of 14
      const ord = order(14);
      ord.erpReceivedQty = 14;
      // When a second receipt of 14 arrives
      const m = msg(ord, 'mes.order.completed', `${ord.id}/GR/2`, { goodQty: 14, item: 'PUMP-100', lot: 'L9', scrapQty: 0, uom: 'EA' }, 14);
      // Then it is refused naming the order, the quantities and the tolerance
      expect(refusal(m)?.reason).toBe(`receipt of 14 EA takes order ${ord.id} to 28 EA of 14 ordered; over-delivery tolerance 10 %`);
    });

    it('takes receipts up to the tolerance, partial ones included', () => {
      const ord = order(20);
      ord.erpReceivedQty = 12;
      expect(refusal(msg(ord, 'mes.output.declared', `${ord.id}/GR/2`, { item: 'PUMP-100', lot: 'L9', qty: 10, uom: 'EA' }, 10))).toBeUndefined();
      expect(refusal(msg(ord, 'mes.output.declared', `${ord.id}/GR/2`, { item: 'PUMP-100', lot: 'L9', qty: 11, uom: 'EA' }, 11))?.reason).toMatch(/to 23 EA of 20 ordered; over-delivery/);
    });

    it('refuses a completion short of the under-delivery tolerance, when the item has one', () => {
      const strict = { ...pump, item: { ...pump.item, deliveryTolerance: { over: 0, under: 0.2 } } };
      const ord = newOrder('PO-P1-L1-00002', line, strict, 10);
      const m = msg(ord, 'mes.order.completed', `${ord.id}/GR/1`, { goodQty: 7, item: 'PUMP-100', lot: 'L9', scrapQty: 3, uom: 'EA' }, 7);
      expect(refusal(m)?.reason).toBe(`receipt of 7 EA takes order ${ord.id} to 7 EA of 10 ordered at completion; under-delivery tolerance 20 %`);
      expect(refusal({ ...m, qty: 8 })).toBeUndefined();
    });

    it('refuses a receipt before the final confirmation only when receiptNeedsFinalConfirmation is set', () => {
      const ord = order(10);
      const m = msg(ord, 'mes.order.completed', `${ord.id}/GR/1`, { goodQty: 10, item: 'PUMP-100', lot: 'L9', scrapQty: 0, uom: 'EA' }, 10);
      expect(businessRefusal(m, false)).toBeUndefined();
      expect(businessRefusal(m, true)).toEqual({ technical: false, reason: 'order not confirmed' });
      ord.erpFinalBooked = true;
      expect(businessRefusal(m, true)).toBeUndefined();
    });
  });

  describe('stock ERP has not received', () => {
    it('refuses to block, release, scrap or transfer a lot it never received, naming the lot', () => {
      const ord = order(10);
      const hold = msg(ord, 'qms.hold.placed', `${ord.id}/HOLD`, { item: 'PUMP-100', lot: 'L7', qty: 10, reason: 'leak' }, 10);
      expect(refusal(hold)?.reason).toBe(`cannot block lot L7 of order ${ord.id}: ERP has received no stock of it`);
      const scrap = msg(ord, 'qms.hold.released', `${ord.id}/HOLDREL`, { disposition: 'scrap', lot: 'L7' }, 0);
      expect(refusal(scrap)?.reason).toBe(`cannot scrap lot L7 of order ${ord.id}: ERP has received no stock of it`);
      const ud = msg(ord, 'qms.usage.decided', `${ord.id}/UD/1`, { decision: 'unrestricted', item: 'PUMP-100', lot: 'L7', qty: 10 }, 10);
      expect(refusal(ud)?.reason).toBe(`cannot transfer lot L7 of order ${ord.id}: ERP has received no stock of it`);
      // once received, the same messages are taken
      ord.erpLot = 'L7';
      ord.erpStock = 'quality-inspection';
      ord.erpStockQty = 10;
      for (const m of [hold, scrap, ud]) expect(refusal(m)).toBeUndefined();
    });
  });

  describe('reversals', () => {
    it('refuses a reversal with no posting of its key left to net', () => {
      const ord = order(10);
      const key = `${ord.id}/CONF/0010/1`;
      const cancel = msg(ord, 'mes.confirmation.cancelled', `${key}/REV/1`, { goodQty: 10, operation: '0010', reverses: key, scrapQty: 0, uom: 'EA' }, 10);
      expect(refusal(cancel)?.reason).toBe(`${key}/REV/1 reverses ${key}, but no posting of it is left to reverse: ERP never posted it`);
      bookedConfirmation(ord, key, 10, 0);
      expect(refusal(cancel)).toBeUndefined();
      ord.erpKeys!.get(key)!.booked = 0;
      expect(refusal(cancel)?.reason).toMatch(/no posting of it is left to reverse: its 1 posting is already reversed$/);
    });
  });
});
