import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatWarning, importB2mml, type KnownRequest } from '../../../../engine/sources/b2mml/index.js';
import { businessDataProblems } from '../../../../engine/sources/mappings/business-fields.js';
import { envelopeProblem, type AnyEvent } from '../../../../model/index.js';

const DIR = join(import.meta.dirname, '../../../fixtures/b2mml');
const fixture = (name: string): string => readFileSync(join(DIR, name), 'utf8');
const brief = (events: readonly AnyEvent[]) => events.map((e) => ({ type: e.type, key: e.businesskey, time: e.time, data: e.data }));

function expectValid(events: readonly AnyEvent[]): void {
  for (const e of events) {
    expect(envelopeProblem(e as unknown as Record<string, unknown>)).toBeUndefined();
    expect(businessDataProblems(e.type as Parameters<typeof businessDataProblems>[0], e.data as Record<string, unknown>)).toEqual([]);
  }
}

/** Import `names` in order, as one import does: one sequence counter and one memory of requests across the documents. */
function importAll(...names: string[]) {
  const counters = new Map<string, bigint>();
  const requests = new Map<string, KnownRequest>();
  return names.map((n) => importB2mml(fixture(n), n, { plant: 'DE01', line: 'L1', counters, requests }));
}

describe('B2MML: a second schedule for requests already imported', () => {
  const [first, second] = importAll('order-change-v0600-first.xml', 'order-change-v0600-second.xml');

  it('maps another quantity to erp.order.changed {order}/CHG/1, another end time to a change with the new due date, a new request to an order', () => {
    expectValid(second!.events);
    expect(first!.events.map((e) => e.type)).toEqual(['erp.order.created', 'erp.order.released', 'erp.order.created', 'erp.order.released']);
    expect(brief(second!.events)).toEqual([
      { type: 'erp.order.changed', key: '6001/CHG/1', time: '2026-03-02T07:00:00.000Z', data: { change: 1, order: '6001', qty: 24, uom: 'EA' } },
      { type: 'erp.order.changed', key: '6002/CHG/1', time: '2026-03-02T07:00:00.000Z', data: { change: 1, due: '2026-03-04T09:00:00.000Z', order: '6002', qty: 25, uom: 'EA' } },
      { type: 'erp.order.created', key: '6004', time: '2026-03-02T07:00:00.000Z', data: expect.objectContaining({ order: '6004', qty: 12 }) },
      { type: 'erp.order.released', key: '6004/REL', time: '2026-03-02T07:00:00.000Z', data: expect.objectContaining({ order: '6004', qty: 12 }) },
    ]);
    expect(second!.warnings).toEqual([]);
  });

  it('keeps each erp source sequence contiguous across the documents', () => {
    expect([...first!.events, ...second!.events].map((e) => Number(e.sequence))).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('counts changes per order: the second document read again is no change, a third quantity is change 2', () => {
    const counters = new Map<string, bigint>();
    const requests = new Map<string, KnownRequest>();
    const opts = { plant: 'DE01', line: 'L1', counters, requests };
    importB2mml(fixture('order-change-v0600-first.xml'), 'a.xml', opts);
    const b = importB2mml(fixture('order-change-v0600-second.xml'), 'b.xml', opts);
    // the same document again: requested exactly as already known, so the same events (ids from content) and no change
    const again = importB2mml(fixture('order-change-v0600-second.xml'), 'b.xml', { plant: 'DE01', line: 'L1', requests });
    expect(again.events.filter((e) => e.type === 'erp.order.changed')).toEqual([]);
    const third = importB2mml(fixture('order-change-v0600-second.xml').replace('<QuantityString>24</QuantityString>', '<QuantityString>20</QuantityString>'), 'c.xml', opts);
    expect(brief(third.events.filter((e) => e.type === 'erp.order.changed'))).toEqual([
      { type: 'erp.order.changed', key: '6001/CHG/2', time: '2026-03-02T07:00:00.000Z', data: { change: 2, order: '6001', qty: 20, uom: 'EA' } },
    ]);
    expect(b.events.length).toBe(4);
  });

  it('without a memory of earlier documents, each schedule is orders as before (nothing to change)', () => {
    const alone = importB2mml(fixture('order-change-v0600-second.xml'), 'b.xml', { plant: 'DE01', line: 'L1' });
    expect(alone.events.map((e) => e.type)).toEqual(['erp.order.created', 'erp.order.released', 'erp.order.created', 'erp.order.released', 'erp.order.created', 'erp.order.released']);
  });

  it('a refused document changes nothing in the memory of requests', () => {
    const requests = new Map<string, KnownRequest>();
    importB2mml(fixture('order-change-v0600-first.xml'), 'a.xml', { requests });
    const bad = fixture('order-change-v0600-second.xml').replace('<QuantityString>12</QuantityString>', '<QuantityString>1Z</QuantityString>');
    expect(() => importB2mml(bad, 'b.xml', { requests })).toThrow(/QuantityString "1Z" is not a number/);
    expect(requests.get('6001')).toEqual({ qty: 40, uom: 'EA', due: '2026-03-03T05:00:00.000Z', changes: 0 });
  });
});

describe('B2MML: cancelled and aborted requests', () => {
  it('maps RequestState Cancelled (V0401) to erp.order.cancelled {order}/CANCEL, naming the state; one without ID is a warning', () => {
    const r = importB2mml(fixture('order-cancel-v0401.xml'), 'order-cancel-v0401.xml', { plant: 'DE01', line: 'L1' });
    expectValid(r.events);
    expect(brief(r.events)).toEqual([
      { type: 'erp.order.cancelled', key: '6002/CANCEL', time: '2026-03-02T08:15:00.000Z', data: { order: '6002', reason: 'B2MML RequestState Cancelled' } },
    ]);
    expect(r.events[0]!.source).toBe('/DE01/L1/erp');
    expect(r.warnings.map(formatWarning)).toEqual([
      'order-cancel-v0401.xml: ProductionSchedule/ProductionRequest[2]: no ID: the Cancelled request names no order to cancel, so no cancellation was imported',
    ]);
  });

  it('maps RequestState Aborted (V0701 OperationsRequest) to the cancellation of its order', () => {
    const r = importB2mml(fixture('order-abort-v0701.xml'), 'order-abort-v0701.xml', { plant: 'DE01', line: 'L1' });
    expectValid(r.events);
    expect(brief(r.events)).toEqual([
      { type: 'erp.order.cancelled', key: '6001/CANCEL', time: '2026-03-02T09:30:00.000Z', data: { order: '6001', reason: 'B2MML RequestState Aborted' } },
    ]);
  });

  it('reads a day of documents as a monitor would see them: released, changed, cancelled', () => {
    const all = importAll('order-change-v0600-first.xml', 'order-change-v0600-second.xml', 'order-cancel-v0401.xml', 'order-abort-v0701.xml').flatMap((r) => r.events);
    const of6002 = all.filter((e) => e.subject === '6002').map((e) => e.businesskey);
    expect(of6002).toEqual(['6002', '6002/REL', '6002/CHG/1', '6002/CANCEL']);
    expect(all.filter((e) => e.subject === '6001').map((e) => e.businesskey)).toEqual(['6001', '6001/REL', '6001/CHG/1', '6001/CANCEL']);
  });
});
