import { describe, expect, it } from 'vitest';
import { rfc3339 } from '../../model/event.js';
import { GRACE, MIN, SEC, T0, at, builder, feed, monitor, order } from './story.js';

const G = GRACE.confirmation;
const gapsOf = (m: ReturnType<typeof monitor>) => m.snapshot().gaps;

describe('quantity gap (confirmations)', () => {
  it('does not open while ERP is within grace, opens right after, and closes when ERP catches up', () => {
    // Given a confirmation of 10 that ERP has not posted
    const o = order(builder(), 'PO-1');
    const c = o.confirmed(0, '0010', 10);
    const m = feed(monitor(), o.created(-MIN), o.released(-MIN), o.acked(-MIN + SEC), c);
    // When exactly the grace period has passed, Then no gap
    at(m, G);
    expect(gapsOf(m)).toEqual([]);
    // When one more millisecond passes (no event at all), Then the gap is open
    at(m, G + 1);
    const [g] = gapsOf(m);
    expect(g).toMatchObject({
      id: 'quantity:PO-1',
      kind: 'quantity',
      interface: 'confirmation',
      plant: 'P1',
      line: 'L1',
      order: 'PO-1',
      businesskeys: ['PO-1/CONF/0010'],
      mes: '10 EA',
      erp: 'not posted',
      delta: 10,
      summary: 'operation 0010: MES 10 EA, ERP not posted (Δ +10 EA)',
      rows: [{ material: 'PUMP-1', lot: null, operation: '0010', measure: 'good', mes: { qty: 10, uom: 'EA' }, erp: null, delta: { qty: 10, uom: 'EA' } }],
      openedAt: rfc3339(T0 + G),
      ageMs: 1,
    });
    expect(m.snapshot().lines[0]!.openGaps).toBe(1);
    // When ERP posts it late, Then the gap closes and is counted
    m.apply(o.confPosted(G + 2 * MIN, '0010', 10));
    expect(gapsOf(m)).toEqual([]);
    expect(m.snapshot().gapsClosed).toBe(1);
    expect(m.snapshot().lines[0]!.openGaps).toBe(0);
  });

  it('never opens when ERP posts within grace', () => {
    const o = order(builder(), 'PO-1');
    const m = feed(monitor(), o.confirmed(0, '0010', 10), o.confPosted(G - 1, '0010', 10));
    at(m, 24 * 60 * MIN);
    expect(gapsOf(m)).toEqual([]);
    expect(m.snapshot().gapsClosed).toBe(0);
  });

  it('opens when ERP posted a different quantity, with both totals and the delta', () => {
    const o = order(builder(), 'PO-1');
    const m = feed(monitor(), o.created(-MIN), o.confirmed(0, '0010', 10), o.confPosted(SEC, '0010', 8));
    at(m, SEC + G + 1);
    expect(gapsOf(m)[0]).toMatchObject({ mes: '10 EA', erp: '8 EA', delta: 2, summary: 'operation 0010: MES 10 EA, ERP 8 EA (Δ +2 EA)', cause: 'ERP posted 8 EA for PO-1/CONF/0010, MES reported 10 EA' });
  });

  it('compares in the order unit: a posting in a convertible unit agrees, one that does not convert is a mismatch', () => {
    // Given an order in EA; ERP posts 1 DZ for 12 EA and 5 PC for 5 EA
    const o = order(builder(), 'PO-1', { uom: 'EA' });
    const m = feed(monitor(), o.created(-MIN), o.confirmed(0, '0010', 12), o.confPosted(SEC, '0010', 1, 0, { uom: 'DZ' }));
    feed(m, o.confirmed(0, '0020', 5), o.confPosted(SEC, '0020', 5, 0, { uom: 'PC' }));
    at(m, SEC + G + 1);
    const [g] = gapsOf(m);
    expect(g).toMatchObject({ businesskeys: ['PO-1/CONF/0020'], mes: '5 EA', erp: 'not posted', delta: 5 });
    // operation 0020 in two rows, one per unit: the 5 PC are never added to the 5 EA; 0010 agrees and is not listed
    expect(g!.rows.map((r) => [r.operation, r.mes, r.erp, r.delta])).toEqual([
      ['0020', { qty: 5, uom: 'EA' }, null, { qty: 5, uom: 'EA' }],
      ['0020', null, { qty: 5, uom: 'PC' }, { qty: -5, uom: 'PC' }],
    ]);
    expect(g!.summary).toBe('operation 0020: MES 5 EA, ERP not posted (Δ +5 EA); 1 more row');
    expect(g!.cause).toBe('ERP posted 5 PC for PO-1/CONF/0020: PC not convertible to EA');
  });

  it('reports the aggregated dead-letter cause exactly', () => {
    // Given three confirmations in PC that the integration layer dead-lettered
    const o = order(builder(), 'PO-1', { uom: 'EA' });
    const m = feed(monitor(), o.created(-MIN));
    for (const op of ['0010', '0020', '0030']) {
      const c = o.confirmed(0, op, 10, 0, { uom: 'PC' });
      feed(m, c, o.deadLettered(SEC, c, 'confirmation', 'UoM PC not convertible to EA'));
    }
    at(m, G + 1);
    const [g] = gapsOf(m);
    expect(g).toMatchObject({
      kind: 'quantity',
      mes: '10 PC',
      erp: 'not posted',
      summary: 'operation 0010: MES 10 PC, ERP not posted (Δ +10 PC); 2 more rows',
      cause: 'UoM PC not convertible to EA → 3 confirmations dead-lettered (data-quality): PO-1/CONF/0010, PO-1/CONF/0020, PO-1/CONF/0030',
    });
    // one row per operation: three 10 PC confirmations are not "30 PC"
    expect(g!.rows.map((r) => `${r.operation} ${r.mes!.qty} ${r.mes!.uom}`)).toEqual(['0010 10 PC', '0020 10 PC', '0030 10 PC']);
    expect(g!.causeChain.map((c) => c.text)).toEqual(['UoM PC not convertible to EA', '3 confirmations dead-lettered (data-quality): PO-1/CONF/0010, PO-1/CONF/0020, PO-1/CONF/0030']);
  });

  it('counts a duplicated MES message once: a suppressed duplicate makes no gap', () => {
    const o = order(builder(), 'PO-1');
    const c = o.confirmed(0, '0010', 10);
    const copy = o.confirmed(2 * SEC, '0010', 10);
    const m = feed(monitor(), c, copy, o.suppressed(2 * SEC, copy, 'confirmation', c), o.confPosted(3 * SEC, '0010', 10));
    at(m, 60 * MIN);
    expect(gapsOf(m)).toEqual([]);
    expect(m.snapshot().controls.duplicatesSuppressed).toBe(1);
    expect(m.snapshot().lines[0]!.duplicatesSuppressed).toBe(1);
  });

  it('consumption: compares per order in the MES unit and opens after the consumption grace', () => {
    const o = order(builder(), 'PO-1');
    const m = feed(monitor(), o.consumed(0, 'RM-1', 'RL-1', 5, 'KG'), o.consPosted(SEC, 'RM-1', 'RL-1', 5000, 'G'));
    feed(m, o.consumed(0, 'RM-2', 'RL-9', 2, 'KG'), o.consPosted(SEC, 'RM-2', 'RL-9', 1.5, 'KG'));
    at(m, SEC + GRACE.consumption);
    expect(gapsOf(m)).toEqual([]);
    at(m, SEC + GRACE.consumption + 1);
    // per material and lot, in the MES unit: RM-1's 5000 G are 5 KG and agree; RM-2 is never added to RM-1
    expect(gapsOf(m)[0]).toMatchObject({
      id: 'consumption:PO-1',
      kind: 'consumption',
      interface: 'consumption',
      mes: '2 KG',
      erp: '1.5 KG',
      delta: 0.5,
      summary: 'RM-2 lot RL-9: MES 2 KG, ERP 1.5 KG (Δ +0.5 KG)',
      rows: [{ material: 'RM-2', lot: 'RL-9', operation: null, measure: 'consumed', mes: { qty: 2, uom: 'KG' }, erp: { qty: 1.5, uom: 'KG' }, delta: { qty: 0.5, uom: 'KG' } }],
      businesskeys: ['PO-1/CONS/RM-2/RL-9'],
    });
  });

  it('consumption: closes when the missing posting arrives', () => {
    const o = order(builder(), 'PO-1');
    const m = feed(monitor(), o.consumed(0, 'RM-1', 'RL-1', 5, 'KG'));
    at(m, GRACE.consumption + 1);
    expect(gapsOf(m)[0]).toMatchObject({ id: 'consumption:PO-1', mes: '5 KG', erp: 'not posted', delta: 5 });
    m.apply(o.consPosted(GRACE.consumption + MIN, 'RM-1', 'RL-1', 5, 'KG'));
    expect(gapsOf(m)).toEqual([]);
    expect(m.snapshot().gapsClosed).toBe(1);
  });
});

describe('duplicate-posting gap', () => {
  it('opens at the second posting, is reported once (not also as quantity), and never closes by itself', () => {
    // Given a confirmation that ERP posts twice (idempotency off, MES sent a copy)
    const o = order(builder(), 'PO-1');
    const c = o.confirmed(0, '0010', 10);
    const m = feed(monitor(), c, o.confPosted(SEC, '0010', 10), o.confirmed(2 * SEC, '0010', 10), o.confPosted(3 * SEC, '0010', 10));
    // Then one duplicate-posting gap, at once, and no quantity gap even much later
    at(m, 3 * SEC);
    expect(gapsOf(m).map((g) => g.id)).toEqual(['duplicate-posting:PO-1/CONF/0010']);
    at(m, 48 * 60 * MIN);
    const gaps = gapsOf(m);
    expect(gaps).toHaveLength(1);
    expect(gaps[0]).toMatchObject({
      kind: 'duplicate-posting',
      interface: 'confirmation',
      openedAt: rfc3339(T0 + 3 * SEC),
      // the quantity posted twice and the amount over-posted, in the item's base unit — not "1 vs 2"
      mes: '10 EA',
      erp: '20 EA',
      delta: -10,
      summary: 'ERP posted PO-1/CONF/0010 twice: 2 × 10 EA = 20 EA of operation 0010 for 10 EA reported, 10 EA over-posted',
      rows: [
        // the story never shows the order's creation: its item is unknown
        { material: '', lot: null, operation: '0010', measure: 'good', mes: { qty: 10, uom: 'EA' }, erp: { qty: 20, uom: 'EA' }, delta: { qty: -10, uom: 'EA' }, note: 'PO-1/CONF/0010 posted twice' },
      ],
      cause: 'MES sent PO-1/CONF/0010 twice and no duplicate was suppressed → ERP posted business key PO-1/CONF/0010 twice',
    });
    expect(m.postingsOf('PO-1/CONF/0010')).toEqual({ count: 2, firstAt: rfc3339(T0 + SEC) });
    expect(m.snapshot().ledger).toEqual({ postedKeys: 1, doublePostedKeys: 1 });
  });
});

describe('duplicate-posting gap in the base unit', () => {
  it('adds postings in a unit master data converts, in the item base unit, and names the over-posted amount', () => {
    // Given an order in EA whose confirmation of 12 ERP posted as 12 EA and again as 1 DZ
    const o = order(builder(), 'PO-1', { uom: 'EA' });
    const m = feed(monitor(), o.created(0), o.confirmed(MIN, '0010', 12), o.confPosted(MIN + SEC, '0010', 12), o.confPosted(MIN + 2 * SEC, '0010', 1, 0, { uom: 'DZ' }));
    const [g] = gapsOf(m);
    expect(g).toMatchObject({ kind: 'duplicate-posting', mes: '12 EA', erp: '24 EA', delta: -12 });
    expect(g!.summary).toBe('ERP posted PO-1/CONF/0010 twice: 24 EA of operation 0010 for 12 EA reported, 12 EA over-posted');
  });

  it('keeps a posting in a unit that does not convert apart, never adding it', () => {
    const o = order(builder(), 'PO-1', { uom: 'EA' });
    const m = feed(monitor(), o.created(0), o.confirmed(MIN, '0010', 12), o.confPosted(MIN + SEC, '0010', 12), o.confPosted(MIN + 2 * SEC, '0010', 12, 0, { uom: 'PC' }));
    const [g] = gapsOf(m);
    expect(g!.rows.map((r) => [r.mes, r.erp, r.delta])).toEqual([[null, { qty: 12, uom: 'PC' }, { qty: -12, uom: 'PC' }]]);
    expect(g!.summary).toBe('ERP posted PO-1/CONF/0010 twice: 12 PC of operation 0010 in a unit that does not convert to what MES reported');
  });
});

describe('a resend changes nothing', () => {
  it('a corrected resend of a dead letter is the same business key: counted once, and posting it closes the gap', () => {
    // Given a confirmation in PC, dead-lettered, and the quantity gap open
    const o = order(builder(), 'PO-1', { uom: 'EA' });
    const c = o.confirmed(0, '0010', 10, 0, { uom: 'PC' });
    const m = feed(monitor(), o.created(-MIN), c, o.deadLettered(SEC, c, 'confirmation', 'UoM PC not convertible to EA'));
    at(m, G + 1);
    expect(gapsOf(m)).toHaveLength(1);
    // When an operator resends it in EA and ERP posts it
    const resend = o.confirmed(G + MIN, '0010', 10, 0, { uom: 'EA', id: 'resend-1', origin: 'injected' });
    feed(m, o.opResent(G + MIN, c, 'resend-1'), resend, o.confPosted(G + MIN + SEC, '0010', 10));
    // Then no gap, no exception, one posted key, and MES counted once
    const s = m.snapshot();
    expect(s.gaps).toEqual([]);
    expect(s.exceptions).toEqual([]);
    expect(s.conservation).toMatchObject({ needsPosting: 1, posted: 1 });
    expect(s.lines[0]!.queueDepth).toBe(0);
    expect(s.reconciliation.mismatches).toEqual([]);
  });

  it('re-sending a message ERP already posted adds no posting and no gap', () => {
    const o = order(builder(), 'PO-1');
    const m = feed(monitor(), o.confirmed(0, '0010', 10), o.confPosted(SEC, '0010', 10));
    const before = m.snapshot();
    m.apply(o.confirmed(10 * MIN, '0010', 10, 0, { id: 'again', origin: 'injected' }));
    at(m, 60 * MIN);
    const after = m.snapshot();
    expect(after.gaps).toEqual(before.gaps);
    expect(after.conservation).toEqual(before.conservation);
    expect(m.postingsOf('PO-1/CONF/0010')!.count).toBe(1);
    expect(after.lines[0]!.queueDepth).toBe(0);
  });
});
