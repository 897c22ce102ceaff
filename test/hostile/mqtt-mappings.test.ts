import fc from 'fast-check';
import sparkplug from 'sparkplug-payload';
import { afterEach, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../engine/journal/canonical-json.js';
import { createMapper, parseMappings, type Mapper } from '../../engine/sources/mappings/index.js';
import type { JournalInput as Ingested } from '../../engine/journal/journal-input.js';
import { envelopeProblem, QUARANTINE_REASONS } from '../../model/index.js';
import { bounded, expectNoPollution, IMPOSSIBLE_DATES, invalidUtf8, params, poisonedJsonText, seedFor, truncations, typeSwaps, utf8 } from './hostile.js';

// The broker ingest path past the Linesight namespace: generic JSON, UMH and Sparkplug B mappings.
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
    origin: $.origin
  - kind: json
    topic: mes/+line/events
    typeFrom: $.eventType
    types: { START: mes.operation.started, DOWN: mes.downtime.reported }
    plant: US01
    line: "{line}"
    fields: { order: $.order, operation: $.op, workCenter: $.wc, reason: $.reason, durationMs: $.ms }
  - kind: umh
  - kind: sparkplug
    plant: P1
    line: "{edgeNode}"
    events:
      - metric: Order/Complete
        type: mes.order.completed
        fields: { order: Order/Id, item: Order/Item, lot: Order/Lot, goodQty: Order/Good, scrapQty: Order/Scrap }
        values: { uom: EA }
`;
const NOW = Date.parse('2026-03-02T06:00:00.000Z');
const REASONS = new Set<string>(QUARANTINE_REASONS);
const seed = seedFor('mqtt-mappings');
const codec = sparkplug.get('spBv1.0')!;

const confirmation = { order: { id: 4711 }, op: '0010', 'work center': 'WC-1', items: [{ qty: '1500' }, { qty: 250 }], uom: 'g', timestamp: '2026-03-02T05:59:00Z', seq: 42 };
const event = { eventType: 'DOWN', order: 'O-1', op: '0020', wc: 'WC-3', reason: 'jam', ms: 60000 };
const umhStart = { external_work_order_id: 'W-1', start_time_unix_ms: NOW };
const umhProduct = { quantity: 10, bad_quantity: 1, end_time_unix_ms: NOW, product_batch_id: 'B1' };
const umhState = { state: 40000, start_time_unix_ms: NOW };

function spPayload(ts: number, values: Record<string, unknown> = {}): Uint8Array {
  const metrics = [
    { name: 'Order/Complete', type: 'Boolean', value: values.complete ?? true, timestamp: ts },
    { name: 'Order/Id', type: 'String', value: values.id ?? 'O1' },
    { name: 'Order/Item', type: 'String', value: values.item ?? 'I-1' },
    { name: 'Order/Lot', type: 'String', value: values.lot ?? 'L-1' },
    { name: 'Order/Good', type: 'Double', value: values.good ?? 1 },
    { name: 'Order/Scrap', type: 'Double', value: values.scrap ?? 0 },
  ];
  return codec.encodePayload({ timestamp: ts, seq: 1, metrics } as never);
}
const SP_VALID = spPayload(NOW);

function fresh(): Mapper {
  const m = createMapper(parseMappings(FILE, 'mappings.yaml'), 'plant-broker', 64 * 1024);
  // a birth, so data is not only "before birth"
  m.map('spBv1.0/G/NBIRTH/E1', codec.encodePayload({ timestamp: NOW, seq: 0, metrics: [] }), NOW);
  m.map('umh/v1/ent/site/area/L1/cell/_analytics/work-order/start', utf8(JSON.stringify(umhStart)), NOW);
  return m;
}

/** Every outcome is an event the journal can write, or a quarantine record with a known reason and the bytes. */
function expectWellFormed(out: Ingested[], payload: Uint8Array): void {
  for (const r of out) {
    if (r.kind === 'quarantine') {
      expect(REASONS.has(r.record.reason), r.record.reason).toBe(true);
      expect(r.record.raw).toBe(payload);
      expect(r.record.detail.length).toBeGreaterThan(0);
    } else {
      // a broker message becomes an event or a quarantine record, never anything else
      expect(r.kind).toBe('event');
      if (r.kind !== 'event') continue;
      expect(envelopeProblem(r.event as unknown as Record<string, unknown>)).toBeUndefined();
      expect(() => canonicalJson(r.event)).not.toThrow();
    }
  }
}

function mapOnce(m: Mapper, topic: string, payload: Uint8Array): Ingested[] {
  const out = bounded(() => m.map(topic, payload, NOW));
  if (!out.ok) throw out.error; // a throw past the mapper fails the property
  expectWellFormed(out.value, payload);
  return out.value;
}

const TOPICS = [
  'plant/US01/L9/confirmations',
  'plant/US01/L9/confirmations/x/y',
  'mes/L3/events',
  'umh/v1/ent/site/area/L1/cell/_analytics/work-order/create',
  'umh/v1/ent/site/area/L1/cell/_analytics/work-order/start',
  'umh/v1/ent/site/area/L1/cell/_analytics/work-order/stop',
  'umh/v1/ent/site/area/L1/cell/_analytics/product/add',
  'umh/v1/ent/site/area/L1/cell/_analytics/state/add',
  'umh/v1/_analytics/state/add',
  'spBv1.0/G/NDATA/E1',
  'spBv1.0/G/DDATA/E1/D1',
  'spBv1.0/G/NBIRTH/E1',
  'spBv1.0/G/NDEATH/E1',
  'spBv1.0/STATE/host',
  'spBv1.0/G/NDATA',
  'linesight/v1/DE01/L1/mes/mes.operation.confirmed',
  'unmapped/topic',
];
const topic = fc.oneof(fc.constantFrom(...TOPICS), fc.string({ maxLength: 30 }));
const jsonPayload = fc.oneof(
  fc.uint8Array({ maxLength: 200 }),
  invalidUtf8,
  poisonedJsonText.map(utf8),
  typeSwaps(confirmation).map((v) => utf8(JSON.stringify(v))),
  typeSwaps(event).map((v) => utf8(JSON.stringify(v))),
  typeSwaps(umhProduct).map((v) => utf8(JSON.stringify(v))),
  typeSwaps(umhState).map((v) => utf8(JSON.stringify(v))),
  truncations(JSON.stringify(confirmation)).map(utf8),
);

afterEach(expectNoPollution);

describe('MQTT mappings (engine/sources/mappings): hostile payloads become events or quarantine, never exceptions', () => {
  it('JSON-ish payloads on any topic', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(topic, jsonPayload), { minLength: 1, maxLength: 5 }), (messages) => {
        const m = fresh();
        for (const [t, p] of messages) mapOnce(m, t, p);
        expectNoPollution();
      }),
      params(seed, 250),
    );
  });

  it('Sparkplug topics with random bytes and truncated payloads: not-protobuf or a reading, never a throw', () => {
    const bytes = fc.oneof(fc.uint8Array({ maxLength: 200 }), fc.nat({ max: SP_VALID.length - 1 }).map((n) => SP_VALID.slice(0, n)));
    fc.assert(
      fc.property(fc.constantFrom('spBv1.0/G/NDATA/E1', 'spBv1.0/G/DDATA/E1/D1', 'spBv1.0/G/NBIRTH/E1', 'spBv1.0/G/DBIRTH/E1/D1', 'spBv1.0/G/NDEATH/E1'), bytes, (t, p) => {
        mapOnce(fresh(), t, p);
      }),
      params(seed, 300),
    );
  });

  it('Sparkplug metrics of the wrong kind and timestamps anywhere in their range', () => {
    const value = fc.oneof(fc.constantFrom<unknown>('', 'x'.repeat(2000), '__proto__', 'constructor', -1, 0, 1e308, Number.MAX_SAFE_INTEGER), fc.string({ maxLength: 8 }), fc.double());
    const ts = fc.oneof(fc.constant(NOW), fc.maxSafeNat(), fc.constantFrom(8.64e15, 8.64e15 + 1, Number.MAX_SAFE_INTEGER));
    fc.assert(
      fc.property(ts, fc.record({ id: value, item: value, lot: value, good: value, scrap: value }, { requiredKeys: [] }), (t, values) => {
        let payload: Uint8Array;
        try {
          payload = spPayload(t, values);
        } catch {
          return; // the encoder itself refuses some values: nothing to send
        }
        mapOnce(fresh(), 'spBv1.0/G/NDATA/E1', payload);
      }),
      params(seed, 200),
    );
  });

  // regression: times beyond what a Date holds reached new Date(ms).toISOString(), which threw
  // RangeError "Invalid time value" out of the mapper (JSON epoch ms, UMH times, Sparkplug uint64)
  it.each([
    ['a JSON epoch time', 'plant/US01/L9/confirmations', utf8(JSON.stringify({ ...confirmation, timestamp: 9e15 }))],
    ['a JSON epoch time one past the last date', 'plant/US01/L9/confirmations', utf8(JSON.stringify({ ...confirmation, timestamp: 8.64e15 + 1 }))],
    ['a Sparkplug timestamp', 'spBv1.0/G/NDATA/E1', spPayload(9e15)],
    ['the largest safe Sparkplug timestamp', 'spBv1.0/G/NDATA/E1', spPayload(Number.MAX_SAFE_INTEGER)],
  ])('quarantines %s beyond any date as schema', (_name, t, payload) => {
    const [r] = mapOnce(fresh(), t, payload);
    expect(r).toMatchObject({ kind: 'quarantine', record: { reason: 'schema' } });
  });

  it('a UMH time beyond any date falls back to the arrival time instead of throwing', () => {
    const [r] = mapOnce(fresh(), 'umh/v1/ent/site/area/L1/cell/_analytics/work-order/start', utf8(JSON.stringify({ ...umhStart, start_time_unix_ms: 9e15 })));
    expect(r).toMatchObject({ kind: 'event', event: { time: new Date(NOW).toISOString() } });
  });

  // regression: Date.parse made 2026-02-30 into 2026-03-02, so the event was journaled on another day
  it.each(IMPOSSIBLE_DATES.filter((d) => d !== '2026-01-01T00:00:00'))('quarantines the payload time %s as schema', (timestamp) => {
    const [r] = mapOnce(fresh(), 'plant/US01/L9/confirmations', utf8(JSON.stringify({ ...confirmation, timestamp })));
    expect(r).toMatchObject({ kind: 'quarantine', record: { reason: 'schema' } });
  });

  it('deep, huge and oversize payloads are quarantined or mapped without throwing', () => {
    const m = fresh();
    const deep = '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000);
    const big = utf8(JSON.stringify({ ...confirmation, note: 'x'.repeat(100_000) }));
    for (const t of ['plant/US01/L9/confirmations', 'umh/v1/ent/site/area/L1/cell/_analytics/product/add', 'spBv1.0/G/NDATA/E1']) {
      mapOnce(m, t, utf8(deep));
      expect(mapOnce(m, t, big)).toMatchObject([{ kind: 'quarantine', record: { reason: 'oversize' } }]);
    }
  });
});
