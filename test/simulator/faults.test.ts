import { describe, expect, it } from 'vitest';
import { BUSINESS_EVENT_TYPES, FAULT_EFFECTS, INT_EVENT_TYPES, dataProblems, decodeEvent, isInjectable, needsErpPosting } from '../../model/index.js';
import { DISCRETE_PLANT, fault, ofType, run, scenario } from './fixtures.js';
import { expectCanonicalEnvelopes, expectTimeOrdered, postingsByKey } from './invariants.js';

const H = 3_600_000;

describe('simulator: message faults and the ledger', () => {
  it('drop: the message is journaled as the sender made it, never reaches the layer, and is never posted', () => {
    const r = run(scenario({ faults: [fault('drop', { count: 4 })] }));
    expect(r.ledger).toHaveLength(4);
    const ids = new Set(r.events.map((e) => e.id));
    const postings = postingsByKey(r.events);
    for (const l of r.ledger) {
      expect(l).toMatchObject({ kind: 'drop', effect: 'dropped', plant: 'P1', line: 'L1' });
      expect(l.needsPosting).toBe(needsErpPosting(l.messageType!));
      expect(ids.has(l.messageId!)).toBe(true);
      if (l.needsPosting) expect(postings.has(l.businesskey!)).toBe(false);
      const traced = r.events.filter((e) => e.type.startsWith('int.') && e.causationid === l.messageId);
      expect(traced).toEqual([]);
    }
    // by default only messages that travel an interface are struck
    expect(r.ledger.map((l) => l.messageType)).toEqual(expect.arrayContaining(['erp.order.released']));
  });

  it('delay: the message is journaled when made and reaches the layer (and ERP) byMs later', () => {
    const f = [fault('delay', { eventType: 'mes.material.consumed', count: 2, params: { byMs: 90_000 } })];
    const r = run(scenario({ faults: f, integration: { resequencing: { enabled: false } } }));
    for (const l of r.ledger) {
      const msg = r.events.find((e) => e.id === l.messageId)!;
      const posted = postingsByKey(r.events).get(l.businesskey!)!;
      expect(posted).toHaveLength(1);
      expect(Date.parse(posted[0]!.time) - Date.parse(msg.time)).toBeGreaterThanOrEqual(90_000 + 1_000);
      expect(l.effect).toBe('delayed');
    }
  });

  it('malformed: an extra corrupted copy is quarantined through the shared decoder; the original still posts', () => {
    const r = run(scenario({ faults: [fault('malformed', { count: 2 })] }));
    expect(r.ledger.map((l) => [l.effect, l.needsPosting])).toEqual([['malformed', false], ['malformed', false]]);
    expect(r.quarantine).toHaveLength(2);
    const q = ofType(r.events, 'int.message.quarantined');
    expect(q).toHaveLength(2);
    for (const [i, rec] of r.quarantine.entries()) {
      const again = decodeEvent(rec.raw);
      expect(again.ok).toBe(false);
      if (!again.ok) expect(rec.reason).toBe(again.reason);
      expect(q[i]!.data).toMatchObject({ reason: rec.reason, channel: rec.source, bytes: rec.raw.byteLength });
      expect(q[i]!.businesskey).toBe(q[i]!.data.quarantineRef);
      expect(q[i]!.time).toBe(rec.time);
    }
    for (const l of r.ledger) {
      const original = r.events.find((e) => e.id === l.messageId)!;
      expect(original).toBeDefined();
      if (needsErpPosting(original.type)) expect(postingsByKey(r.events).get(original.businesskey)).toHaveLength(1);
    }
  });

  it('malformed modes produce the decoder reason that fits them', () => {
    const reasons = (mode: string) => run(scenario({ durationMs: 2 * H, faults: [fault('malformed', { count: 1, params: { mode } })] })).quarantine.map((q) => q.reason);
    expect(reasons('truncated')).toEqual(['not-json']);
    expect(reasons('invalid-utf8')).toEqual(['not-json']);
    expect(reasons('not-object')).toEqual(['not-object']);
    expect(reasons('missing-field')).toEqual(['schema']);
    expect(reasons('unknown-type')).toEqual(['unknown-type']);
  });

  it('honours the window, the line filter and the event type', () => {
    const s = scenario({
      lines: [{ plant: 'P1', line: 'L1' }, { plant: 'P1', line: 'L2' }],
      durationMs: 8 * H,
      faults: [fault('drop', { atMs: 2 * H, forMs: 3 * H, line: 'L2', eventType: 'mes.operation.confirmed' })],
    });
    const r = run(s);
    expect(r.ledger.length).toBeGreaterThan(0);
    for (const l of r.ledger) {
      expect(l.line).toBe('L2');
      expect(l.messageType).toBe('mes.operation.confirmed');
      const t = Date.parse(l.time);
      expect(t >= s.startMs + 2 * H && t < s.startMs + 5 * H).toBe(true);
    }
    // every confirmation of L2 in the window was struck (probability 1): none of them was posted
    const l2 = ofType(r.events, 'mes.operation.confirmed').filter((e) => e.line === 'L2' && Date.parse(e.time) >= s.startMs + 2 * H && Date.parse(e.time) < s.startMs + 5 * H);
    expect(l2.length).toBe(r.ledger.length);
    const posted = postingsByKey(r.events);
    expect(l2.filter((e) => posted.has(e.businesskey))).toEqual([]);
  });

  it('lets the first matching fault in scenario order win, one fault per message', () => {
    const r = run(scenario({ faults: [fault('delay', { count: 3 }), fault('drop', { count: 3 })] }));
    const ids = r.ledger.map((l) => l.messageId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(r.ledger.slice(0, 3).map((l) => l.effect)).toEqual(['delayed', 'delayed', 'delayed']);
    expect(r.ledger.slice(3).map((l) => l.effect)).toEqual(['dropped', 'dropped', 'dropped']);
  });

  it('window faults given a count strike the first N messages in their window', () => {
    const s = scenario({ durationMs: 6 * H, orders: { minQty: 2, maxQty: 6 }, faults: [fault('erp-outage', { atMs: H, forMs: 2 * H, count: 2 })] });
    const r = run(s);
    // and the window's record, when it closes, counts them
    expect(r.ledger.map((l) => l.effect)).toEqual(['rejected', 'rejected', 'window']);
    expect(r.ledger[2]!.window?.messagesAffected).toBe(2);
    const retried = new Set(ofType(r.events, 'int.message.retried').map((e) => e.data.messageId));
    expect(retried).toEqual(new Set(r.ledger.slice(0, 2).map((l) => l.messageId)));
  });

  it('order faults strike the orders released while they are active', () => {
    // Given every order released between 2h and 4h fails its inspection
    const s = scenario({ durationMs: 8 * H, faults: [fault('quality-fail', { atMs: 2 * H, forMs: 2 * H })] });
    const r = run(s);
    const released = new Map(ofType(r.events, 'erp.order.released').map((e) => [e.data.order, Date.parse(e.time)]));
    const inWindow = [...released].filter(([, t]) => t >= s.startMs + 2 * H && t < s.startMs + 4 * H).map(([o]) => o);
    // Then exactly those orders fail, whenever their inspection happens
    expect(inWindow.length).toBeGreaterThan(2);
    expect(r.ledger.map((l) => l.order)).toEqual(inWindow);
    const failed = ofType(r.events, 'qms.inspection.recorded').filter((e) => e.data.result === 'fail').map((e) => e.data.order);
    expect(failed).toEqual(inWindow);
  });

  it('draws a probability per eligible message', () => {
    const r = run(scenario({ durationMs: 24 * H, faults: [fault('drop', { probability: 0.2, eventType: 'mes.operation.confirmed' })] }));
    const confirmations = ofType(r.events, 'mes.operation.confirmed').length + r.ledger.length;
    const rate = r.ledger.length / confirmations;
    expect(rate).toBeGreaterThan(0.08);
    expect(rate).toBeLessThan(0.35);
  });
});

describe('simulator: a run with every fault kind', () => {
  const s = scenario({
    // PUMP-200 under quality management (quality-inspection stock, usage decisions), PUMP-100 not (the goods-receipt gate)
    plant: { ...DISCRETE_PLANT, items: DISCRETE_PLANT.items.map((i) => (i.id === 'PUMP-100' ? { ...i, inspection: false } : i)) },
    lines: [{ plant: 'P1', line: 'L1' }, { plant: 'P1', line: 'L2' }],
    durationMs: 12 * H,
    orders: { inspectionFailRate: 0.1, partials: { min: 1, max: 3 }, partialReceipts: true },
    faults: [
      fault('duplicate', { probability: 0.05 }),
      fault('reorder', { probability: 0.05 }),
      fault('delay', { probability: 0.03 }),
      fault('drop', { probability: 0.03 }),
      fault('uom-mismatch', { count: 2 }),
      fault('malformed', { count: 3 }),
      fault('wan-outage', { atMs: 2 * H, forMs: H, line: 'P1/L1' }),
      fault('erp-outage', { atMs: 4 * H }),
      fault('erp-rate-limit', { atMs: 6 * H, params: { perSecond: 0.01, forMs: 20 * 60_000 } }),
      fault('expired-lot', { count: 2 }),
      fault('revision-mismatch', { count: 1 }),
      fault('quality-fail', { count: 3, params: { disposition: 'scrap' } }),
      fault('mis-entry', { count: 2 }),
      fault('over-consumption', { count: 1 }),
      fault('order-change', { count: 2 }),
      fault('order-cancel', { count: 1 }),
    ],
  });
  /** reversals of consumptions and receipts: only an operator (operator.test.ts) or ERP's own correction of a double posting (reversals.test.ts) makes them */
  const elsewhere = ['mes.consumption.reversed', 'mes.receipt.reversed', 'erp.consumption.reversed', 'erp.goods.reversed'];
  // posting periods close only when a scenario sets erp.periodClose (periods.test.ts)
  elsewhere.push('erp.period.closed', 'erp.period.reopened');
  // a newer payload version and master data changed in flight only when a scenario has them (schema-drift.test.ts, master-data-change.test.ts)
  elsewhere.push('int.message.schema-mapped', 'erp.masterdata.changed');
  // lot splits and pick refusals only in a plant with intermediates, pick refusals only with `pick` (genealogy.test.ts)
  elsewhere.push('wms.lot.split', 'wms.pick.refused');
  const r = run(s);

  it('serialises every event as canonical JSON, in time order, with nothing revealing a fault', () => {
    // every business and integration event type is made, so every data builder is checked
    const types = new Set(r.events.map((e) => e.type));
    expect([...BUSINESS_EVENT_TYPES, ...INT_EVENT_TYPES].filter((t) => !types.has(t) && !elsewhere.includes(t))).toEqual([]);
    expectCanonicalEnvelopes(r.events);
    expectTimeOrdered(r.outputs);
    // and every plant message has exactly its type's fields (what an injector or a live broker would send)
    for (const e of r.events) if (isInjectable(e.type) && e.origin === 'simulated') expect(dataProblems(e.type, e.data), `${e.type} ${e.id}`).toEqual([]);
  });

  it('writes well-formed ledger entries that name messages of the run', () => {
    expect(new Set(r.ledger.map((l) => l.kind)).size).toBeGreaterThanOrEqual(12);
    for (const l of r.ledger) {
      expect(FAULT_EFFECTS).toContain(l.effect);
      if (l.effect === 'window') continue; // a window names no message: checked in windows.test.ts
      expect(l.order).toMatch(/^PO-P1-L[12]-\d{5}$/);
      expect(l.businesskey!.startsWith(l.order!)).toBe(true);
    }
  });

  it('never posts a message the ledger says was dropped', () => {
    const postings = postingsByKey(r.events);
    const dropped = r.ledger.filter((l) => l.effect === 'dropped');
    expect(dropped.length).toBeGreaterThan(0);
    for (const l of dropped) {
      expect(r.events.some((e) => e.causationid === l.messageId && !e.source.endsWith('/mes') && !e.source.endsWith('/qms'))).toBe(false);
      if (l.needsPosting) expect(postings.has(l.businesskey!)).toBe(false);
    }
  });

  it('journals every message a fault delayed, reordered, buffered or duplicated', () => {
    const ids = new Set(r.events.map((e) => e.id));
    for (const l of r.ledger) {
      if (['delayed', 'reordered', 'buffered', 'duplicated', 'mismatched-uom', 'malformed', 'rejected', 'throttled'].includes(l.effect)) {
        expect(ids.has(l.messageId!), `${l.effect} ${l.messageId}`).toBe(true);
      }
    }
  });
});
