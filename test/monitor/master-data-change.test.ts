import { describe, expect, it } from 'vitest';
import type { AnyEvent } from '../../model/event.js';
import { GRACE, MIN, SEC, at, builder, feed, monitor, order } from './story.js';

/** ERP's announcement of a master-data change: no order, no business key of the ledger. */
function changed(b: ReturnType<typeof builder>, t: number): AnyEvent {
  return b.ev('erp.masterdata.changed', t, { change: 'bom', effective: '2026-03-02T07:00:00.000Z', from: 'A', item: 'PUMP-1', to: 'B' }, { key: 'MD/PUMP-1/bom/B', order: null });
}

describe('monitor: master data changed in flight', () => {
  it('takes the announcement and the versions orders record without opening an order, a gap or a different view', () => {
    const stream = (versions: boolean) => {
      const b = builder();
      const o = order(b, 'PO-1');
      const withBom = (e: AnyEvent) => (versions ? ({ ...e, data: { bomRevision: 'A', ...e.data } } as AnyEvent) : e);
      const events = [withBom(o.created(-MIN)), withBom(o.released(0)), o.acked(SEC), o.consumed(MIN, 'SEAL-KIT', 'L1', 2, 'EA'), o.consPosted(MIN + 10 * SEC, 'SEAL-KIT', 'L1', 2, 'EA')];
      if (versions) events.splice(2, 0, changed(b, 30 * SEC));
      const m = feed(monitor(), ...events);
      at(m, MIN + GRACE.consumption + 1);
      return m.snapshot();
    };
    const s = stream(true);
    expect(s.orders.map((o) => o.order)).toEqual(['PO-1']);
    expect(s.gaps).toEqual([]);
    // the ERP channel's sequence: the announcement takes a number like any ERP event, so compare without it
    expect({ ...s, lines: [] }).toEqual({ ...stream(false), lines: [] });
  });

  it('a refusal against the newest version opens a consumption gap whose root cause names both revisions', () => {
    const b = builder();
    const o = order(b, 'PO-1');
    const cons = o.consumed(MIN, 'SEAL-KIT', 'L1', 2, 'EA');
    const reason = 'validated against the newest master data: component SEAL-KIT is not in BOM PUMP-1 revision B; order PO-1 was created with BOM revision A';
    const m = feed(monitor(), o.created(-MIN), o.released(0), o.acked(SEC), changed(b, 30 * SEC), cons, o.deadLettered(MIN + SEC, cons, 'consumption', reason));
    at(m, MIN + GRACE.consumption + 1);
    expect(m.snapshot().gaps).toMatchObject([
      { kind: 'consumption', cause: `${reason} → consumption PO-1/CONS/SEAL-KIT/L1 dead-lettered (data-quality)`, rootCause: 'data-quality' },
    ]);
  });
});
