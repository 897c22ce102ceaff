import { describe, expect, it } from 'vitest';
import type { AnyEvent } from '../../model/event.js';
import type { ItemConversion } from '../../model/uom.js';
import { createMonitor, type Monitor } from '../../monitor/index.js';
import { GRACE, MIN, SEC, T0, at, builder, cleanOrder, feed, monitor, order, type Builder } from './story.js';

/**
 * A component issued in an alternative unit (adhesive in TUBEs: 1 TUBE = 0.05 KG), whose factor ERP
 * changes mid-shift (to 0.04 KG). MES reports its consumption in TUBE, ERP posts in KG; an order
 * records the factors valid when it was created, and the monitor compares in KG at that factor.
 */
const ADH = 'ADH-243';
const OLD: ItemConversion = { item: ADH, uom: 'TUBE', factor: 0.05, base: 'KG' };
const NEW: ItemConversion = { item: ADH, uom: 'TUBE', factor: 0.04, base: 'KG' };
const EFFECTIVE = new Date(T0 + 30 * SEC).toISOString();

/** The order's creation or release, recording `conversions`. */
function recording(e: AnyEvent, conversions: ItemConversion[]): AnyEvent {
  return { ...e, data: { ...e.data, conversions } } as AnyEvent;
}

/** ERP's announcement of the change: no order, no business key of the ledger. */
function changed(b: Builder, t: number, from = '0.05', to = '0.04'): AnyEvent {
  return b.ev('erp.masterdata.changed', t, { change: 'uom', item: ADH, uom: 'TUBE', base: 'KG', from, to, effective: EFFECTIVE }, { key: `MD/${ADH}/uom/TUBE/${to}`, order: null });
}

/** An order released with `conversions`, acknowledged, and MES consuming 2 TUBE of adhesive at 1 min. */
function story(conversions: ItemConversion[] | undefined) {
  const b = builder();
  const o = order(b, 'PO-1');
  const rec = (e: AnyEvent) => (conversions === undefined ? e : recording(e, conversions));
  const head = [rec(o.created(-MIN)), rec(o.released(0)), o.acked(SEC)];
  const cons = o.consumed(MIN, ADH, 'L1', 2, 'TUBE');
  return { b, o, head, cons, key: o.keys.cons(ADH, 'L1') };
}

describe('monitor: a component in an alternative unit, and a change of its factor in flight', () => {
  it('TUBE consumption agrees with the KG posting when the order records the conversion', () => {
    const { o, head, cons } = story([OLD]);
    const m = feed(monitor(), ...head, cons, o.consPosted(MIN + 10 * SEC, ADH, 'L1', 0.1, 'KG'));
    at(m, 2 * MIN + GRACE.consumption);
    const s = m.snapshot();
    expect(s.gaps).toEqual([]);
    expect(s.conservation).toMatchObject({ needsPosting: 1, posted: 1 });
  });

  it('compares in the base unit: a short posting is a KG row, the cause says what MES said and the order factor', () => {
    const { o, head, cons, key } = story([OLD]);
    const m = feed(monitor(), ...head, cons, o.consPosted(MIN + 10 * SEC, ADH, 'L1', 0.07, 'KG'));
    at(m, 2 * MIN + GRACE.consumption);
    const [g] = m.snapshot().gaps;
    expect(g).toMatchObject({
      kind: 'consumption',
      rows: [{ material: ADH, lot: 'L1', measure: 'consumed', mes: { qty: 0.1, uom: 'KG' }, erp: { qty: 0.07, uom: 'KG' }, delta: { qty: 0.03, uom: 'KG' } }],
      rootCause: 'mismatch',
      cause: `ERP posted 0.07 KG for ${key}, MES reported 2 TUBE: order PO-1 was released with 1 TUBE = 0.05 KG, i.e. 0.1 KG`,
    });
  });

  it('a posting at the new factor is a mismatch rooted in the change (data-quality), naming both factors and the announcement', () => {
    const { b, o, head, cons, key } = story([OLD]);
    const ann = changed(b, 30 * SEC);
    const m = feed(monitor(), ...head, ann, cons, o.consPosted(MIN + 10 * SEC, ADH, 'L1', 0.08, 'KG'));
    at(m, 2 * MIN + GRACE.consumption);
    const s = m.snapshot();
    const text = `ERP posted 0.08 KG for ${key}: 2 TUBE converted at 1 TUBE = 0.04 KG, the conversion since ${EFFECTIVE}; order PO-1 was released with 1 TUBE = 0.05 KG, i.e. 0.1 KG`;
    expect(s.gaps).toMatchObject([
      {
        kind: 'consumption',
        rows: [{ mes: { qty: 0.1, uom: 'KG' }, erp: { qty: 0.08, uom: 'KG' }, delta: { qty: 0.02, uom: 'KG' } }],
        rootCause: 'data-quality',
        cause: text,
        causeChain: [{ text, category: 'data-quality', eventId: ann.id, businesskey: key }],
      },
    ]);
    expect(s.reconciliation.mismatches).toEqual([]);
  });

  it('an order created after the change records the new factor: the new posting agrees, an old-factor posting names the conversion it was replaced by', () => {
    const b = builder();
    const o = order(b, 'PO-2');
    const ann = changed(b, -2 * MIN);
    const key = o.keys.cons(ADH, 'L1');
    const m = feed(monitor(), ann, recording(o.created(-MIN), [NEW]), recording(o.released(0), [NEW]), o.acked(SEC), o.consumed(MIN, ADH, 'L1', 2, 'TUBE'), o.consPosted(MIN + 10 * SEC, ADH, 'L1', 0.08, 'KG'));
    at(m, 2 * MIN + GRACE.consumption);
    expect(m.snapshot().gaps).toEqual([]);

    const b2 = builder();
    const o2 = order(b2, 'PO-2');
    const ann2 = changed(b2, -2 * MIN);
    const m2 = feed(monitor(), ann2, recording(o2.created(-MIN), [NEW]), recording(o2.released(0), [NEW]), o2.acked(SEC), o2.consumed(MIN, ADH, 'L1', 2, 'TUBE'), o2.consPosted(MIN + 10 * SEC, ADH, 'L1', 0.1, 'KG'));
    at(m2, 2 * MIN + GRACE.consumption);
    expect(m2.snapshot().gaps).toMatchObject([
      {
        rootCause: 'data-quality',
        cause: `ERP posted 0.1 KG for ${key}: 2 TUBE converted at 1 TUBE = 0.05 KG, the conversion until ${EFFECTIVE}; order PO-2 was released with 1 TUBE = 0.04 KG, i.e. 0.08 KG`,
        causeChain: [{ eventId: ann2.id }],
      },
    ]);
  });

  it('an alternative unit the order does not record is not convertible, as before', () => {
    for (const conversions of [undefined, [{ ...OLD, item: 'OTHER-1' }]]) {
      const { b, o, head, cons, key } = story(conversions);
      const m = feed(monitor(), ...head, changed(b, 30 * SEC), cons, o.consPosted(MIN + 10 * SEC, ADH, 'L1', 0.1, 'KG'));
      at(m, 2 * MIN + GRACE.consumption);
      expect(m.snapshot().gaps).toMatchObject([
        { kind: 'consumption', rootCause: 'mismatch', cause: `ERP posted 0.1 KG for ${key}: KG not convertible to TUBE`, rows: [{ mes: { qty: 2, uom: 'TUBE' }, erp: null }, { mes: null, erp: { qty: 0.1, uom: 'KG' } }] },
      ]);
    }
  });

  it("the release's conversions override the creation's; a copy of the release changes nothing", () => {
    const b = builder();
    const o = order(b, 'PO-1');
    const rel = recording(o.released(0), [OLD]);
    const events = [recording(o.created(-MIN), [NEW]), rel, recording({ ...o.released(2 * SEC), id: rel.id }, [NEW]), o.acked(SEC)];
    const m = feed(monitor(), ...events, o.consumed(MIN, ADH, 'L1', 2, 'TUBE'), o.consPosted(MIN + 10 * SEC, ADH, 'L1', 0.1, 'KG'));
    at(m, 2 * MIN + GRACE.consumption);
    expect(m.snapshot().gaps).toEqual([]);
  });

  it('a consumption reversal in TUBE nets the key in KG, and the monitor resumes from a checkpoint with what it learnt', () => {
    const { b, o, head, cons, key } = story([OLD]);
    const m = feed(monitor(), ...head, changed(b, 30 * SEC), cons, o.consPosted(MIN + 10 * SEC, ADH, 'L1', 0.1, 'KG'));
    const rev = b.ev('mes.consumption.reversed', 2 * MIN, { order: 'PO-1', item: ADH, lot: 'L1', qty: 2, uom: 'TUBE', reverses: key }, { key: `${key}/REV/1`, order: 'PO-1' });
    const revPosted = b.ev('erp.consumption.reversed', 2 * MIN + 5 * SEC, { order: 'PO-1', item: ADH, lot: 'L1', qty: 0.1, uom: 'KG', reverses: key, document: 'DOC-R' }, { key: `${key}/REV/1`, order: 'PO-1' });
    m.apply(rev);
    const resumed = feed(monitorFrom(m), revPosted);
    at(resumed, 3 * MIN + GRACE.consumption);
    const s = resumed.snapshot();
    expect(s.gaps).toEqual([]);
    expect(s.conservation).toMatchObject({ reversed: 1, posted: 1 });
    // a later wrong posting on the same order is still judged against the order's factor and the change
    const cons2 = o.consumed(3 * MIN, ADH, 'L2', 1, 'TUBE');
    feed(resumed, cons2, o.consPosted(3 * MIN + 5 * SEC, ADH, 'L2', 0.04, 'KG'));
    at(resumed, 4 * MIN + GRACE.consumption);
    expect(resumed.snapshot().gaps).toMatchObject([{ rootCause: 'data-quality', cause: expect.stringContaining('1 TUBE converted at 1 TUBE = 0.04 KG') }]);
  });

  it('orders without conversions see the same as before the change was announced', () => {
    const run = (announce: boolean) => {
      const b = builder();
      const o = order(b, 'PO-9');
      const events = cleanOrder(o, 0);
      if (announce) events.splice(2, 0, changed(b, 2 * SEC));
      const m = feed(monitor(), ...events);
      at(m, 2 * 60 * MIN);
      return m.snapshot();
    };
    expect({ ...run(true), lines: [] }).toEqual({ ...run(false), lines: [] });
  });
});

/** A monitor resumed from `m`'s checkpoint. */
function monitorFrom(m: Monitor): Monitor {
  return createMonitor({ gracePeriods: GRACE, from: m.checkpoint() });
}
