import { describe, expect, it } from 'vitest';
import { createMapper, parseMappings } from '../../../../engine/sources/mappings/index.js';
import { topicOf } from '../../../../engine/sources/mqtt/ingest.js';
import { enc, oneEvent, oneQuarantine } from './helpers.js';

const NOW = Date.parse('2026-03-02T06:00:00.000Z');

const FILE = `mappings:
  - kind: json
    topic: plant/+plant/+line/confirmations/#
    type: mes.operation.confirmed
    plant: "{plant}"
    line: "{line}"
    fields:
      order: $.order.id
      operation: $.op
      workCenter: $['work center']
      goodQty: $.items[0].qty
      scrapQty: $.items[1].qty
    values: { final: false }
    units: { goodQty: { fromPath: $.uom, to: KG }, scrapQty: { fromPath: $.uom, to: KG } }
    businesskey: "{plant}-{line}-{$.order.id}-{$.op}"
    time: $.timestamp
    sequence: $.seq
  - kind: json
    topic: mes/+line/events
    typeFrom: $.eventType
    types: { START: mes.operation.started, DOWN: mes.downtime.reported }
    plant: US01
    line: "{line}"
    fields: { order: $.order, operation: $.op, workCenter: $.wc, reason: $.reason, durationMs: $.ms }
`;

const confirmation = {
  order: { id: 4711 },
  op: '0010',
  'work center': 'WC-1',
  items: [{ qty: '1500' }, { qty: 250 }],
  uom: 'g',
  timestamp: '2026-03-02T05:59:00Z',
  seq: 42,
};

function mapper(maxBytes?: number) {
  return createMapper(parseMappings(FILE, 'mappings.yaml'), 'plant-broker', maxBytes);
}

describe('generic JSON mappings', () => {
  it('turns a message into a canonical event: captures, paths, coercion, units, key, time, sequence', () => {
    const e = oneEvent(mapper().map('plant/US01/L9/confirmations/x/y', enc(confirmation), NOW));
    expect(e).toMatchObject({
      specversion: '1.0',
      type: 'mes.operation.confirmed',
      source: '/US01/L9/mes',
      plant: 'US01',
      line: 'L9',
      subject: '4711',
      correlationid: '4711',
      businesskey: 'US01-L9-4711-0010',
      time: '2026-03-02T05:59:00.000Z',
      sequence: '42',
      origin: 'live',
      data: { order: '4711', operation: '0010', workCenter: 'WC-1', goodQty: 1.5, scrapQty: 0.25, uom: 'KG', final: false },
    });
    expect(e.id).toMatch(/^[0-9a-f]{32}$/);
  });

  it('gives a redelivered message the same id, and a different message another', () => {
    const m = mapper();
    const a = oneEvent(m.map('plant/US01/L9/confirmations', enc(confirmation), NOW));
    const again = oneEvent(m.map('plant/US01/L9/confirmations', enc(confirmation), NOW + 5000));
    const other = oneEvent(m.map('plant/US01/L9/confirmations', enc({ ...confirmation, seq: 43 }), NOW));
    expect(again.id).toBe(a.id);
    expect(other.id).not.toBe(a.id);
    expect(oneEvent(createMapper(parseMappings(FILE, 'm.yaml'), 'other-broker').map('plant/US01/L9/confirmations', enc(confirmation), NOW)).id).not.toBe(a.id);
  });

  it('picks the event type from the payload, with arrival time and a per-source count when the payload has none', () => {
    const m = mapper();
    const start = oneEvent(m.map('mes/L3/events', enc({ eventType: 'START', order: 'O-1', op: '0020', wc: 'WC-3' }), NOW));
    expect(start).toMatchObject({ type: 'mes.operation.started', time: '2026-03-02T06:00:00.000Z', sequence: '1', businesskey: 'O-1/mes.operation.started/0020' });
    expect(start.data).toEqual({ order: 'O-1', operation: '0020', workCenter: 'WC-3' });
    const down = oneEvent(m.map('mes/L3/events', enc({ eventType: 'DOWN', wc: 'WC-3', reason: 'jam', ms: 60000 }), NOW));
    expect(down).toMatchObject({ type: 'mes.downtime.reported', sequence: '2', data: { workCenter: 'WC-3', reason: 'jam', durationMs: 60000 } });
    const unknown = oneQuarantine(m.map('mes/L3/events', enc({ eventType: 'PAUSE' }), NOW));
    expect(unknown).toMatchObject({ reason: 'unmappable', source: 'plant-broker/mes/L3/events' });
    expect(unknown.detail).toMatch(/types table has no entry for \$\.eventType = "PAUSE"/);
  });

  it('still hands linesight/v1 topics to the canonical ingest', () => {
    const e = oneEvent(mapper().map('plant/US01/L9/confirmations', enc(confirmation), NOW));
    const back = oneEvent(mapper().map(topicOf(e), enc(e), NOW));
    expect(back).toEqual(e);
  });

  it('quarantines a topic no mapping matches, keeping its bytes', () => {
    const raw = enc({ a: 1 });
    const q = oneQuarantine(mapper().map('somewhere/else', raw, NOW));
    expect(q).toMatchObject({ reason: 'unmappable', raw });
    expect(q.detail).toMatch(/no mapping for topic somewhere\/else: no mapping in mappings\.yaml matches it/);
    expect(oneQuarantine(createMapper(null, 'b').map('somewhere/else', raw, NOW)).detail).toMatch(/no mappings file is configured/);
  });

  describe('bad input is quarantined with its reason', () => {
    const topic = 'plant/US01/L9/confirmations';
    it('oversize, before parsing', () => {
      const q = oneQuarantine(mapper(64).map(topic, enc(confirmation), NOW));
      expect(q.reason).toBe('oversize');
    });
    it('not JSON, not UTF-8, not an object', () => {
      expect(oneQuarantine(mapper().map(topic, enc('{oops'), NOW)).reason).toBe('not-json');
      expect(oneQuarantine(mapper().map(topic, new Uint8Array([0xff, 0xfe]), NOW)).reason).toBe('not-json');
      expect(oneQuarantine(mapper().map(topic, enc([1, 2]), NOW)).reason).toBe('not-object');
    });
    it('a key that could poison prototypes', () => {
      const q = oneQuarantine(mapper().map(topic, enc('{"order":{"id":1},"__proto__":{"x":1}}'), NOW));
      expect(q).toMatchObject({ reason: 'prototype-poisoning', detail: 'key "__proto__" is not allowed' });
    });
    it('a missing field, naming the mapping and the path', () => {
      const { op: _op, ...noOp } = confirmation;
      const q = oneQuarantine(mapper().map(topic, enc(noOp), NOW));
      expect(q.reason).toBe('unmappable');
      expect(q.detail).toBe('mapping 1 (json, line 2): field operation: $.op is not in the payload');
    });
    it('a unit master data cannot convert', () => {
      const q = oneQuarantine(mapper().map(topic, enc({ ...confirmation, uom: 'PC' }), NOW));
      expect(q.reason).toBe('unmappable');
      expect(q.detail).toMatch(/goodQty: master data has no conversion from PC to KG/);
    });
    it('a value of the wrong kind, as a schema problem', () => {
      const q = oneQuarantine(mapper().map(topic, enc({ ...confirmation, items: [{ qty: 'lots' }, { qty: 1 }], uom: 'KG' }), NOW));
      expect(q.reason).toBe('unmappable');
      const q2 = oneQuarantine(mapper().map(topic, enc({ ...confirmation, items: [{ qty: -5 }, { qty: 1 }], uom: 'KG' }), NOW));
      expect(q2).toMatchObject({ reason: 'schema' });
      expect(q2.detail).toMatch(/mes\.operation\.confirmed: data\.goodQty must be a number ≥ 0/);
    });
    it('a time that is neither epoch ms nor RFC 3339', () => {
      const q = oneQuarantine(mapper().map(topic, enc({ ...confirmation, timestamp: 'yesterday' }), NOW));
      expect(q).toMatchObject({ reason: 'schema' });
    });
  });
});

describe('replacing the mappings of a connection', () => {
  it('applies the new file from the next message and keeps the per-source count', () => {
    const m = createMapper(parseMappings(FILE, 'mappings.yaml'), 'b');
    expect(oneEvent(m.map('mes/L3/events', enc({ eventType: 'START', order: 'O-1', op: '0020', wc: 'WC-3' }), NOW)).sequence).toBe('1');
    m.replaceMappings(parseMappings(FILE.replace('mes/+line/events', 'mes2/+line/events'), 'mappings.yaml'));
    expect(oneQuarantine(m.map('mes/L3/events', enc({ eventType: 'START', order: 'O-1', op: '0020', wc: 'WC-3' }), NOW)).reason).toBe('unmappable');
    expect(oneEvent(m.map('mes2/L3/events', enc({ eventType: 'START', order: 'O-2', op: '0020', wc: 'WC-3' }), NOW)).sequence).toBe('2');
  });
});
