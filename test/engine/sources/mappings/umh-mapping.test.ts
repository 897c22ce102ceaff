import { describe, expect, it } from 'vitest';
import { createMapper, parseMappings } from '../../../../engine/sources/mappings/index.js';
import { enc, oneEvent, oneQuarantine } from './helpers.js';

const NOW = Date.parse('2026-03-02T06:00:00.000Z');
const T0 = Date.parse('2026-03-02T05:00:00.000Z');
const BASE = 'umh/v1/printingCo/lisbon/hall-a/speedmaster106/press1/_analytics';

function mapper() {
  return createMapper(parseMappings('mappings:\n  - kind: umh\n', 'm.yaml'), 'umh-broker');
}

describe('United Manufacturing Hub v1', () => {
  it('maps a work order through create, start, products and stop', () => {
    const m = mapper();
    const created = oneEvent(m.map(`${BASE}/work-order/create`, enc({ external_work_order_id: '#1247', product: { external_product_id: 'otto-poster' }, quantity: 7500 }), NOW));
    expect(created).toMatchObject({
      type: 'erp.order.released',
      source: '/lisbon/speedmaster106/erp',
      plant: 'lisbon',
      line: 'speedmaster106',
      data: { order: '#1247', item: 'otto-poster', qty: 7500, uom: 'EA', routing: 'n/a', revision: 'n/a' },
    });

    const started = oneEvent(m.map(`${BASE}/work-order/start`, enc({ external_work_order_id: '#1247', start_time_unix_ms: T0 }), NOW));
    expect(started).toMatchObject({ type: 'mes.operation.started', time: '2026-03-02T05:00:00.000Z', data: { order: '#1247', operation: 'press1', workCenter: 'press1' } });

    const product = enc({ external_product_id: 'otto-poster', end_time_unix_ms: T0 + 60_000, quantity: 100, bad_quantity: 3 });
    const confirmed = oneEvent(m.map(`${BASE}/product/add`, product, NOW));
    expect(confirmed).toMatchObject({ type: 'mes.operation.confirmed', data: { order: '#1247', operation: 'press1', goodQty: 97, scrapQty: 3, uom: 'EA', final: false } });
    // a QoS 1 redelivery is the same event and is not counted twice
    expect(oneEvent(m.map(`${BASE}/product/add`, product, NOW)).id).toBe(confirmed.id);
    // the tutorial's camelCase spelling is read too
    oneEvent(m.map(`${BASE}/product/add`, enc({ externalProductTypeId: 'otto-poster', endTime: T0 + 120_000, quantity: 50 }), NOW));

    const done = oneEvent(m.map(`${BASE}/work-order/stop`, enc({ externalWorkOrderId: '#1247', endTime: T0 + 3_600_000 }), NOW));
    expect(done).toMatchObject({
      type: 'mes.order.completed',
      source: '/lisbon/speedmaster106/mes',
      time: '2026-03-02T06:00:00.000Z',
      data: { order: '#1247', item: 'otto-poster', lot: '#1247', goodQty: 147, scrapQty: 3, uom: 'EA' },
    });
  });

  it('quarantines products and stops whose work order it never saw start', () => {
    const m = mapper();
    const q = oneQuarantine(m.map(`${BASE}/product/add`, enc({ end_time_unix_ms: T0, quantity: 1 }), NOW));
    expect(q).toMatchObject({ reason: 'unmappable' });
    expect(q.detail).toMatch(/no work order is running on printingCo\/lisbon\/hall-a\/speedmaster106\/press1/);
    expect(oneQuarantine(m.map(`${BASE}/work-order/stop`, enc({ external_work_order_id: '#9', end_time_unix_ms: T0 }), NOW)).detail).toMatch(/start of work order #9 .* was not seen/);
  });

  it('reports a stop with its duration when the next state begins; producing states report nothing', () => {
    const m = mapper();
    m.map(`${BASE}/work-order/start`, enc({ external_work_order_id: '#1247', start_time_unix_ms: T0 }), NOW);
    expect(m.map(`${BASE}/state/add`, enc({ start_time_unix_ms: T0, state: 10000 }), NOW)).toEqual([]);
    expect(m.map(`${BASE}/state/add`, enc({ start_time_unix_ms: T0 + 60_000, state: 180000 }), NOW)).toEqual([]);
    const down = oneEvent(m.map(`${BASE}/state/add`, enc({ start_time_unix_ms: T0 + 300_000, state: 20000 }), NOW));
    expect(down).toMatchObject({
      type: 'mes.downtime.reported',
      time: '2026-03-02T05:05:00.000Z',
      data: { workCenter: 'press1', reason: 'EquipmentFailureState (180000)', durationMs: 240_000, order: '#1247' },
    });
    expect(m.ignored()).toBe(2);
  });

  it('ignores UMH topics that have no canonical event and quarantines a payload that is not JSON', () => {
    const m = mapper();
    expect(m.map('umh/v1/printingCo/lisbon/_historian/temperature', enc({ timestamp_ms: 1, value: 3 }), NOW)).toEqual([]);
    expect(m.map(`${BASE}/shift/add`, enc({ start_time_unix_ms: 1, end_time_unix_ms: 2 }), NOW)).toEqual([]);
    expect(oneQuarantine(m.map(`${BASE}/work-order/create`, enc('not json'), NOW)).reason).toBe('not-json');
  });

  it('needs a site and a production line, unless the mapping says where plant and line come from', () => {
    const short = 'umh/v1/acme/_analytics/work-order/start';
    expect(oneQuarantine(mapper().map(short, enc({ external_work_order_id: 'A', start_time_unix_ms: T0 }), NOW)).detail).toMatch(/plant: \{site\} is not in the topic/);
    const m = createMapper(parseMappings('mappings:\n  - kind: umh\n    plant: "{enterprise}"\n    line: L1\n', 'm.yaml'), 'b');
    expect(oneEvent(m.map(short, enc({ external_work_order_id: 'A', start_time_unix_ms: T0 }), NOW)).source).toBe('/acme/L1/mes');
  });
});
