import { describe, expect, it } from 'vitest';
import { ofType, fault, run, scenario } from './fixtures.js';
import { postingsByKey } from './invariants.js';

const H = 3_600_000;
const M = 60_000;
const twoLines = [{ plant: 'P1', line: 'L1' }, { plant: 'P1', line: 'L2' }];

describe('simulator: a mis-entered confirmation, cancelled and re-entered', () => {
  // Given MES's operator types two confirmations ten times too high and notices 15 minutes later
  const r = run(scenario({ lines: twoLines, durationMs: 6 * H, orders: { partials: { min: 1, max: 3 } }, faults: [fault('mis-entry', { count: 2 })] }));
  const confs = ofType(r.events, 'mes.operation.confirmed');
  const wrongs = r.ledger.filter((l) => l.effect === 'mis-entered' && /^good quantity entered as/.test(l.detail));

  it('sends the wrong quantity, then cancels exactly that key with its quantities, then re-enters the right ones as the next partial', () => {
    expect(wrongs).toHaveLength(2);
    for (const l of wrongs) {
      const wrong = confs.find((e) => e.id === l.messageId)!;
      const key = wrong.businesskey;
      const cancel = ofType(r.events, 'mes.confirmation.cancelled').find((e) => e.data.reverses === key)!;
      expect(cancel.businesskey).toBe(`${key}/REV/1`);
      expect(cancel.data).toMatchObject({ goodQty: wrong.data.goodQty, scrapQty: wrong.data.scrapQty, operation: wrong.data.operation, uom: wrong.data.uom });
      expect(cancel.causationid).toBe(wrong.id);
      expect(Date.parse(cancel.time) - Date.parse(wrong.time)).toBe(15 * M);
      // the re-entry: the operation's next counter, a tenth of the wrong good quantity, same scrap and final flag
      const again = confs.find((e) => e.causationid === cancel.id)!;
      const n = Number(key.split('/').at(-1));
      const sameOp = confs.filter((e) => e.data.order === wrong.data.order && e.data.operation === wrong.data.operation);
      expect(again.businesskey).toBe(`${key.replace(/\/\d+$/, '')}/${sameOp.indexOf(again) + 1}`);
      expect(sameOp.indexOf(again) + 1).toBeGreaterThan(n);
      expect(again.data.goodQty * 10).toBe(wrong.data.goodQty);
      expect(again.data).toMatchObject({ scrapQty: wrong.data.scrapQty, final: wrong.data.final });
      // and the ledger has one entry per mis-entry, on the wrong confirmation (the report counts faults, not their consequences)
      expect(r.ledger.filter((x) => x.messageId === cancel.id || x.messageId === again.id)).toEqual([]);
      expect(r.ledger.filter((x) => x.messageId === wrong.id).map((x) => x.effect)).toEqual(['mis-entered']);
    }
  });

  it('backflushes a mis-entered partial of the last operation at its re-entry, for the right quantity', () => {
    // many mis-entries on line L2: PUMP-100's last operation 0030 backflushes screws
    const m = run(scenario({ lines: [{ plant: 'P1', line: 'L2' }], durationMs: 6 * H, faults: [fault('mis-entry', { probability: 0.5 })] }));
    const wrongOnLast = m.ledger.filter((l) => /^good quantity entered as/.test(l.detail) && l.businesskey!.includes('/CONF/0030/'));
    expect(wrongOnLast.length).toBeGreaterThan(0);
    const consumed = ofType(m.events, 'mes.material.consumed');
    for (const l of wrongOnLast) {
      const again = ofType(m.events, 'mes.operation.confirmed').find((e) => e.causationid === ofType(m.events, 'mes.confirmation.cancelled').find((c) => c.data.reverses === l.businesskey)!.id)!;
      const [order, , op, n] = l.businesskey!.split('/');
      expect(consumed.filter((c) => c.businesskey === `${order}/CONS/SCREW/${op}/${n}`)).toHaveLength(0);
      const [, , , n2] = again.businesskey.split('/');
      const b = consumed.find((c) => c.businesskey === `${order}/CONS/SCREW/${op}/${n2}`)!;
      expect(b.causationid).toBe(again.id);
      expect(Math.abs(b.data.qty - 8 * (again.data.goodQty + again.data.scrapQty))).toBeLessThanOrEqual(0.03 * 8 * (again.data.goodQty + again.data.scrapQty) + 0.5);
    }
    expect(ofType(m.events, 'int.message.dead-lettered')).toHaveLength(0);
  });

  it('ERP posts the wrong one, cancels it and posts the re-entry: nothing is refused', () => {
    const postings = postingsByKey(r.events);
    for (const l of wrongs) {
      const cancelled = ofType(r.events, 'erp.confirmation.cancelled').find((e) => e.data.reverses === l.businesskey)!;
      expect(cancelled.businesskey).toBe(`${l.businesskey}/REV/1`);
      expect(postings.get(l.businesskey!)).toHaveLength(1);
      expect(Date.parse(cancelled.time)).toBeGreaterThan(Date.parse(postings.get(l.businesskey!)![0]!.time));
    }
    expect(ofType(r.events, 'int.message.dead-lettered')).toHaveLength(0);
  });
});

describe("simulator: ERP's own correction of a double posting", () => {
  const faults = [fault('duplicate', { eventType: 'mes.material.consumed', count: 1 })];
  const base = { lines: twoLines, durationMs: 6 * H, faults, integration: { idempotency: { enabled: false } } };

  it('reverses the second posting of a key after correctDoublePostingsMs: keyed {key}/REV/1, caused by that posting, with no plant message', () => {
    // Given a consumption delivered twice with idempotency off, and a controller who corrects after 30 minutes
    const r = run(scenario({ ...base, erp: { correctDoublePostingsMs: 30 * M } }));
    const key = r.ledger.find((l) => l.effect === 'duplicated')!.businesskey!;
    const posted = postingsByKey(r.events).get(key)!;
    expect(posted).toHaveLength(2);
    // Then ERP posts a reversal of its own
    const rev = ofType(r.events, 'erp.consumption.reversed');
    expect(rev).toHaveLength(1);
    expect(rev[0]!.businesskey).toBe(`${key}/REV/1`);
    expect(rev[0]!.data).toMatchObject({ reverses: key, qty: (posted[1]!.data as { qty: number }).qty, item: (posted[1]!.data as { item: string }).item });
    expect(rev[0]!.causationid).toBe(posted[1]!.id);
    expect(rev[0]!.source).toMatch(/\/erp$/);
    expect(Date.parse(rev[0]!.time) - Date.parse(posted[1]!.time)).toBe(30 * M);
    expect(r.events.some((e) => e.type === 'mes.consumption.reversed')).toBe(false);
  });

  it('leaves a double posting alone when the controller does not correct', () => {
    const r = run(scenario(base));
    expect(ofType(r.events, 'erp.consumption.reversed')).toHaveLength(0);
  });
});

describe('simulator: a lost cancellation', () => {
  it('leaves the wrong confirmation posted in ERP: its cancellation never reaches it', () => {
    const faults = [fault('mis-entry', { count: 1 }), fault('drop', { eventType: 'mes.confirmation.cancelled', count: 1 })];
    const r = run(scenario({ lines: twoLines, durationMs: 6 * H, faults }));
    const dropped = r.ledger.find((l) => l.effect === 'dropped')!;
    expect(dropped).toMatchObject({ messageType: 'mes.confirmation.cancelled', needsPosting: true });
    expect(ofType(r.events, 'erp.confirmation.cancelled')).toHaveLength(0);
    const cancel = ofType(r.events, 'mes.confirmation.cancelled')[0]!;
    expect(postingsByKey(r.events).get(cancel.data.reverses)).toHaveLength(1);
  });
});
