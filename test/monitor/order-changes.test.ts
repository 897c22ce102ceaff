import { describe, expect, it } from 'vitest';
import type { AnyEvent } from '../../model/event.js';
import { GRACE, MIN, SEC, at, builder, feed, monitor, order, type Builder } from './story.js';
import { postings } from './story-postings.js';

/** ERP's changes and cancellations of a released order, and MES's acknowledgements (story helpers). */
function changes(b: Builder, id: string, uom = 'EA') {
  const o = { order: id };
  return {
    changed: (t: number, n: number, qty: number, cause?: AnyEvent) => b.ev('erp.order.changed', t, { ...o, change: n, qty, uom }, { key: `${id}/CHG/${n}`, order: id, ...(cause ? { cause: cause.id } : {}) }),
    changeAcked: (t: number, n: number, qty: number) => b.ev('mes.order.change-acknowledged', t, { ...o, change: n, qty, uom }, { key: `${id}/CHG/${n}`, order: id }),
    cancelled: (t: number, reason = 'customer cancelled') => b.ev('erp.order.cancelled', t, { ...o, reason }, { key: `${id}/CANCEL`, order: id }),
    cancelAcked: (t: number, operation?: string) => b.ev('mes.order.cancel-acknowledged', t, operation ? { ...o, operation } : o, { key: `${id}/CANCEL`, order: id }),
  };
}

describe('monitor: order changes after release', () => {
  it('given a change MES acknowledged and work within it, opens no gap', () => {
    // Given an order of 10 cut to 6 and acknowledged, When MES confirms 6 on each operation and ERP posts them
    const b = builder();
    const o = order(b, 'PO-1', { qty: 10 });
    const p = postings(b, 'PO-1');
    const c = changes(b, 'PO-1');
    const m = feed(monitor(), o.created(-MIN), o.released(0), o.acked(2 * SEC), c.changed(MIN, 1, 6), c.changeAcked(MIN + 2 * SEC, 1, 6));
    feed(m, p.partial(10 * MIN, '0010', 1, 6, { final: true }), p.partialPosted(10 * MIN + 5 * SEC, '0010', 1, 6));
    at(m, 30 * MIN);
    // Then nothing is open, and the change is a key of the order-release interface that MES answered
    expect(m.snapshot().gaps).toEqual([]);
  });

  it('given a change MES never acknowledged, opens a status gap once the order-release grace runs out, naming the change', () => {
    const b = builder();
    const o = order(b, 'PO-1', { qty: 10 });
    const c = changes(b, 'PO-1');
    const m = feed(monitor(), o.created(-MIN), o.released(0), o.acked(2 * SEC), c.changed(MIN, 1, 6));
    at(m, MIN + GRACE['order-release']);
    expect(m.snapshot().gaps).toEqual([]);
    at(m, MIN + GRACE['order-release'] + 1);
    const g = m.snapshot().gaps;
    expect(g).toHaveLength(1);
    expect(g[0]).toMatchObject({
      id: 'status:PO-1/CHG/1',
      kind: 'status',
      interface: 'order-release',
      mes: 'not acknowledged',
      erp: 'changed to 6 EA',
      summary: 'MES has not acknowledged the change to 6 EA PO-1/CHG/1',
      rootCause: 'order-change',
      cause: 'ERP changed the order quantity from 10 to 6 EA (PO-1/CHG/1) at 2026-03-02T06:01:00.000Z → MES never acknowledged the change: it works to the order as it was',
    });
    // the order waits for that acknowledgement, named as the change's, not the release's
    expect(m.snapshot().orders.find((x) => x.order === 'PO-1')).toMatchObject({ stuck: true, waitingFor: 'MES acknowledgement of change PO-1/CHG/1' });
    // When MES acknowledges after all, the gap closes
    feed(m, c.changeAcked(MIN + GRACE['order-release'] + 10 * SEC, 1, 6));
    expect(m.snapshot().gaps).toEqual([]);
  });

  it('given work confirmed against the old quantity after the change, opens an order-change gap at once whose root is the change', () => {
    // Given the change to 6 was lost: MES confirms 10 on operation 0010 and ERP refuses it by its rule
    const b = builder();
    const o = order(b, 'PO-1', { qty: 10 });
    const p = postings(b, 'PO-1');
    const c = changes(b, 'PO-1');
    const reason = 'confirmation PO-1/CONF/0010/1 takes operation 0010 of order PO-1 to 10 EA of 6 ordered since change PO-1/CHG/1 at 2026-03-02T06:01:00.000Z (was 10); over-delivery tolerance 10 %';
    const m = feed(monitor(), o.created(-MIN), o.released(0), o.acked(2 * SEC), c.changed(MIN, 1, 6));
    const conf = p.partial(20 * MIN, '0010', 1, 10, { final: true });
    feed(m, conf, o.deadLettered(20 * MIN + SEC, conf, 'confirmation', reason, 'business-rule'));
    const g = m.snapshot().gaps.find((x) => x.kind === 'order-change');
    expect(g).toMatchObject({
      id: 'order-change:PO-1',
      interface: 'confirmation',
      order: 'PO-1',
      businesskeys: ['PO-1/CHG/1', 'PO-1/CONF/0010/1'],
      mes: '10 EA',
      erp: '6 EA ordered',
      delta: 4,
      openedAt: '2026-03-02T06:20:00.000Z',
      summary: 'operation 0010: MES confirmed 10 EA against the 6 EA ordered since PO-1/CHG/1 (Δ +4 EA)',
      rootCause: 'order-change',
    });
    expect(g!.causeChain.map((s) => s.text)).toEqual([
      'ERP changed the order quantity from 10 to 6 EA (PO-1/CHG/1) at 2026-03-02T06:01:00.000Z',
      'MES never acknowledged the change: it works to the order as it was',
      'MES confirmed PO-1/CONF/0010/1 at 2026-03-02T06:20:00.000Z, taking operation 0010 to 10 EA',
      `ERP refused PO-1/CONF/0010/1: ${reason}`,
    ]);
    expect(g!.rows).toEqual([{ material: 'PUMP-1', lot: null, operation: '0010', measure: 'good', mes: { qty: 10, uom: 'EA' }, erp: { qty: 6, uom: 'EA' }, delta: { qty: 4, uom: 'EA' }, note: 'good + scrap against PO-1/CHG/1' }]);
  });

  it('roots the quantity gap of a confirmation ERP refused for the change in that change, not in the refusal', () => {
    const b = builder();
    const o = order(b, 'PO-1', { qty: 10 });
    const p = postings(b, 'PO-1');
    const c = changes(b, 'PO-1');
    const reason = 'confirmation PO-1/CONF/0010/1 takes operation 0010 of order PO-1 to 10 EA of 6 ordered since change PO-1/CHG/1 at 2026-03-02T06:01:00.000Z (was 10); over-delivery tolerance 10 %';
    const m = feed(monitor(), o.created(-MIN), o.released(0), o.acked(2 * SEC), c.changed(MIN, 1, 6), c.changeAcked(MIN + SEC, 1, 6));
    const conf = p.partial(20 * MIN, '0010', 1, 10, { final: true });
    feed(m, conf, o.deadLettered(20 * MIN + SEC, conf, 'confirmation', reason, 'business-rule'));
    at(m, 20 * MIN + GRACE.confirmation + 1);
    const q = m.snapshot().gaps.find((g) => g.kind === 'quantity');
    expect(q?.rootCause).toBe('order-change');
    expect(q?.causeChain.map((x) => x.text)).toEqual([
      'ERP changed the order quantity from 10 to 6 EA (PO-1/CHG/1) at 2026-03-02T06:01:00.000Z',
      `final confirmation PO-1/CONF/0010/1 refused: ${reason}`,
    ]);
    // a refusal that names no change keeps its own root
    const b2 = builder();
    const o2 = order(b2, 'PO-2', { qty: 10 });
    const c2 = changes(b2, 'PO-2');
    const p2 = postings(b2, 'PO-2');
    const conf2 = p2.partial(20 * MIN, '0010', 1, 4, { final: true });
    const m2 = feed(monitor(), o2.created(-MIN), o2.released(0), c2.changed(MIN, 1, 6), conf2, o2.deadLettered(20 * MIN + SEC, conf2, 'confirmation', 'UoM PC not convertible to EA'));
    at(m2, 20 * MIN + GRACE.confirmation + 1);
    expect(m2.snapshot().gaps.find((g) => g.kind === 'quantity')?.rootCause).toBe('data-quality');
  });

  it('names the change once for every confirmation ERP refused for it, then the refused confirmations', () => {
    const b = builder();
    const o = order(b, 'PO-1', { qty: 10 });
    const p = postings(b, 'PO-1');
    const c = changes(b, 'PO-1');
    const reason = (op: string) => `confirmation PO-1/CONF/${op}/1 takes operation ${op} of order PO-1 to 10 EA of 6 ordered since change PO-1/CHG/1 at 2026-03-02T06:01:00.000Z (was 10); over-delivery tolerance 10 %`;
    const m = feed(monitor(), o.created(-MIN), o.released(0), o.acked(2 * SEC), c.changed(MIN, 1, 6));
    for (const [i, op] of ['0010', '0020', '0030'].entries()) {
      const conf = p.partial((20 + i) * MIN, op, 1, 10, { final: true });
      feed(m, conf, o.deadLettered((20 + i) * MIN + SEC, conf, 'confirmation', reason(op), 'business-rule'));
    }
    at(m, 22 * MIN + GRACE.confirmation + 1);
    const q = m.snapshot().gaps.find((g) => g.kind === 'quantity');
    expect(q?.rootCause).toBe('order-change');
    expect(q?.causeChain.map((x) => x.text)).toEqual([
      'ERP changed the order quantity from 10 to 6 EA (PO-1/CHG/1) at 2026-03-02T06:01:00.000Z',
      `3 final confirmations refused: PO-1/CONF/0010/1, PO-1/CONF/0020/1, PO-1/CONF/0030/1 — ${reason('0010')}`,
    ]);
    // the change is told once, not once per refusal
    expect(q?.cause.split('ERP changed the order quantity')).toHaveLength(2);
  });

  it('counts every partial of the operation, before the change too, and not confirmations MES took back', () => {
    const b = builder();
    const o = order(b, 'PO-1', { qty: 10 });
    const p = postings(b, 'PO-1');
    const c = changes(b, 'PO-1');
    // 4 confirmed before the change to 6, then 2 within it: no gap; then a wrong 5 that MES cancels
    const m = feed(monitor(), o.created(-MIN), o.released(0), o.acked(2 * SEC), p.partial(MIN, '0010', 1, 4), c.changed(2 * MIN, 1, 6), c.changeAcked(2 * MIN + SEC, 1, 6));
    feed(m, p.partial(5 * MIN, '0010', 2, 2, { final: true }));
    expect(m.snapshot().gaps.filter((g) => g.kind === 'order-change')).toEqual([]);
    // a confirmation of another operation beyond the change opens it
    feed(m, p.partial(9 * MIN, '0020', 1, 7, { final: true }));
    expect(m.snapshot().gaps.find((g) => g.kind === 'order-change')?.summary).toBe('operation 0020: MES confirmed 7 EA against the 6 EA ordered since PO-1/CHG/1 (Δ +1 EA)');
  });

  it('given work confirmed after a cancellation, opens an order-change gap whose root is the cancellation; the order is cancelled', () => {
    const b = builder();
    const o = order(b, 'PO-1', { qty: 10 });
    const p = postings(b, 'PO-1');
    const c = changes(b, 'PO-1');
    const m = feed(monitor(), o.created(-MIN), o.released(0), o.acked(2 * SEC), o.started(MIN), c.cancelled(5 * MIN), c.cancelAcked(5 * MIN + 2 * SEC, '0010'));
    expect(m.snapshot().orders.find((x) => x.order === 'PO-1')).toMatchObject({ state: 'cancelled', stuck: false });
    feed(m, p.partial(12 * MIN, '0010', 1, 10, { final: true }));
    const g = m.snapshot().gaps.find((x) => x.kind === 'order-change');
    expect(g).toMatchObject({
      mes: 'confirmed 10 EA after cancellation',
      erp: 'cancelled',
      summary: 'MES confirmed PO-1/CONF/0010/1 (operation 0010, 10 EA) after ERP cancelled order PO-1 (PO-1/CANCEL)',
      rootCause: 'order-change',
    });
    expect(g!.causeChain.map((s) => s.text)).toEqual([
      'ERP cancelled the order (PO-1/CANCEL: customer cancelled) at 2026-03-02T06:05:00.000Z',
      'MES acknowledged the cancellation at 2026-03-02T06:05:02.000Z',
      'MES confirmed PO-1/CONF/0010/1 at 2026-03-02T06:12:00.000Z, after the cancellation',
    ]);
    // a later lifecycle event of the plant does not move a cancelled order back
    feed(m, o.started(13 * MIN, '0020'));
    expect(m.snapshot().orders.find((x) => x.order === 'PO-1')?.state).toBe('cancelled');
  });

  it('a cancelled order whose release MES never acknowledged waits on that acknowledgement, and says it is the release', () => {
    const b = builder();
    const o = order(b, 'PO-1', { qty: 10 });
    const c = changes(b, 'PO-1');
    // the release never reaches MES; ERP cancels the order an hour later and MES acknowledges the cancellation
    const m = feed(monitor(), o.created(-MIN), o.released(0), c.cancelled(70 * MIN), c.cancelAcked(70 * MIN + 4 * SEC));
    at(m, 70 * MIN + GRACE['order-release'] + MIN);
    expect(m.snapshot().orders.find((x) => x.order === 'PO-1')).toMatchObject({ state: 'cancelled', stuck: true, waitingFor: 'MES acknowledgement of the release' });
    expect(m.snapshot().gaps.filter((g) => g.kind === 'status').map((g) => g.id)).toEqual(['status:PO-1/REL']);
  });

  it('does not take a change for the order release (a journal that starts with the change)', () => {
    const b = builder();
    const c = changes(b, 'PO-9');
    const m = feed(monitor(), c.changed(0, 1, 6), c.changeAcked(2 * SEC, 1, 6));
    at(m, 30 * MIN);
    expect(m.snapshot().gaps.filter((g) => g.kind === 'status')).toEqual([]);
  });
});
