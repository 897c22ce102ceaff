import { describe, expect, it } from 'vitest';
import { DISCRETE_NO_QM, fault, ofType, run, scenario } from './fixtures.js';

/** Line L3 makes a one-operation product, so every confirmation is final and the goods receipt follows it at once. */
const base = {
  // without quality management: nothing but the receipt depends on the receipt reaching ERP
  plant: DISCRETE_NO_QM,
  lines: [{ plant: 'P1', line: 'L3' }],
  faults: [fault('reorder', { eventType: 'mes.operation.confirmed', count: 3, params: { windowMs: 5_000 } })],
};

describe('simulator: reordered messages against resequencing', () => {
  it('with resequencing on: the overtaking goods receipt waits, is reported, and posts after its confirmation', () => {
    // Given final confirmations held back 5 s, gates off so that the receipt goes straight to ERP
    const r = run(scenario({ ...base, integration: { gates: { enabled: false } } }));
    const reordered = r.ledger.filter((l) => l.effect === 'reordered');
    expect(reordered).toHaveLength(3);
    for (const l of reordered) {
      const conf = r.events.find((e) => e.id === l.messageId)!;
      const completed = ofType(r.events, 'mes.order.completed').find((e) => e.data.order === l.order)!;
      expect(Number(completed.sequence)).toBe(Number(conf.sequence) + 1);
      // Then both are reported: the confirmation that was overtaken and the receipt that waited for it
      const rs = ofType(r.events, 'int.message.resequenced').filter((e) => e.data.messageId === conf.id || e.data.messageId === completed.id);
      expect(rs.map((e) => e.data.messageId)).toEqual([conf.id, completed.id]);
      // (the overtaken one is reported against the stream's position: past everything that overtook it)
      expect(rs[0]!.data.receivedSequence).toBe(conf.sequence);
      expect(Number(rs[0]!.data.expectedSequence)).toBeGreaterThan(Number(completed.sequence));
      expect(rs[1]!.data).toMatchObject({ expectedSequence: conf.sequence, receivedSequence: completed.sequence });
      expect(rs[0]!.causationid).toBe(l.messageId);
      // And ERP posts the confirmation before the receipt
      const posted = r.events.filter((e) => e.subject === l.order && (e.type === 'erp.confirmation.posted' || e.type === 'erp.goods.received'));
      expect(posted.map((e) => e.type)).toEqual(['erp.confirmation.posted', 'erp.goods.received']);
    }
    expect(ofType(r.events, 'int.message.dead-lettered')).toHaveLength(0);
  });

  it('with resequencing off: the receipt reaches ERP first and is refused as a business-rule error', () => {
    // (changed) ERP refuses an unconfirmed order's receipt only when told to: receiptNeedsFinalConfirmation (off by default, as in SAP)
    const r = run(scenario({ ...base, erp: { receiptNeedsFinalConfirmation: true }, integration: { gates: { enabled: false }, resequencing: { enabled: false } } }));
    expect(ofType(r.events, 'int.message.resequenced')).toHaveLength(0);
    const dead = ofType(r.events, 'int.message.dead-lettered');
    expect(dead).toHaveLength(3);
    for (const d of dead) {
      expect(d.data).toMatchObject({ category: 'business-rule', reason: 'order not confirmed', messageType: 'mes.order.completed', attempts: 1 });
    }
    // the receipts were never posted, so those orders never close
    const stuck = new Set(dead.map((d) => d.subject));
    for (const c of ofType(r.events, 'erp.order.closed')) expect(stuck.has(c.data.order)).toBe(false);
  });

  it('ledgers a held-back message that nothing overtook as only delayed', () => {
    // Given consumptions held back at random: the second of a pair is the last of its burst, nothing follows it for minutes
    const f = [fault('reorder', { eventType: 'mes.material.consumed', probability: 0.5, params: { windowMs: 5_000 } })];
    const r = run(scenario({ durationMs: 12 * 3_600_000, faults: f }));
    const effects = new Set(r.ledger.map((l) => l.effect));
    expect(effects).toEqual(new Set(['reordered', 'delayed']));
    for (const l of r.ledger) {
      expect(l.kind).toBe('reorder');
      const reported = ofType(r.events, 'int.message.resequenced').some((e) => e.data.messageId === l.messageId);
      expect(reported, `${l.effect} ${l.messageId}`).toBe(l.effect === 'reordered');
    }
  });

  it('skips a gap after the window and reports a message that arrives after its turn', () => {
    // Given confirmations delayed 60 s, longer than the 10 s window
    const f = [fault('delay', { eventType: 'mes.operation.confirmed', count: 2, params: { byMs: 60_000 } })];
    const r = run(scenario({ lines: [{ plant: 'P1', line: 'L3' }], faults: f, integration: { gates: { enabled: false } } }));
    for (const l of r.ledger) {
      const conf = r.events.find((e) => e.id === l.messageId)!;
      const rs = ofType(r.events, 'int.message.resequenced').filter((e) => e.data.messageId === conf.id);
      // Then the late confirmation is processed and reported with the sequence expected when it came
      expect(rs).toHaveLength(1);
      expect(Number(rs[0]!.data.expectedSequence)).toBeGreaterThan(Number(conf.sequence));
      expect(Date.parse(rs[0]!.time) - Date.parse(conf.time)).toBe(60_000);
    }
  });
});
