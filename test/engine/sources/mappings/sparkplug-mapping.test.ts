import sparkplug from 'sparkplug-payload';
import { describe, expect, it } from 'vitest';
import { createMapper, parseMappings } from '../../../../engine/sources/mappings/index.js';
import { oneEvent, oneQuarantine } from './helpers.js';

const sp = sparkplug.get('spBv1.0')!;
const NOW = Date.parse('2026-03-02T06:00:00.000Z');
const TS = Date.parse('2026-03-02T05:30:00.000Z');

type M = { name?: string; alias?: number; type: string; value: unknown; timestamp?: number };
const payload = (seq: number | undefined, metrics: M[]): Uint8Array =>
  sp.encodePayload({ timestamp: TS, ...(seq === undefined ? {} : { seq }), metrics } as Parameters<typeof sp.encodePayload>[0]);

const FILE = `mappings:
  - kind: sparkplug
    group: Plant1
    plant: US01
    line: "{edgeNode}"
    lines: { EdgeB: L2 }
    events:
      - metric: WorkOrder/Completed
        type: mes.order.completed
        fields: { order: WorkOrder/Id, item: WorkOrder/Item, goodQty: WorkOrder/Good, scrapQty: WorkOrder/Scrap }
        values: { lot: LOT-1, uom: KG }
        units: { goodQty: { from: G, to: KG }, scrapQty: { from: G, to: KG } }
`;

const BIRTH_METRICS: M[] = [
  { name: 'bdSeq', type: 'UInt64', value: 7 },
  { name: 'WorkOrder/Completed', alias: 1, type: 'Boolean', value: false },
  { name: 'WorkOrder/Id', alias: 2, type: 'String', value: '' },
  { name: 'WorkOrder/Item', alias: 3, type: 'String', value: '' },
  { name: 'WorkOrder/Good', alias: 4, type: 'Double', value: 0 },
  { name: 'WorkOrder/Scrap', alias: 5, type: 'Double', value: 0 },
];
const DONE: M[] = [
  { alias: 1, type: 'Boolean', value: true },
  { alias: 2, type: 'String', value: 'O-100' },
  { alias: 3, type: 'String', value: 'FG-1' },
  { alias: 4, type: 'Double', value: 2500 },
  { alias: 5, type: 'Double', value: 500 },
];

const N = (verb: string, node = 'EdgeA') => `spBv1.0/Plant1/${verb}/${node}`;
const D = (verb: string, device: string, node = 'EdgeA') => `spBv1.0/Plant1/${verb}/${node}/${device}`;

function born() {
  const m = createMapper(parseMappings(FILE, 'm.yaml'), 'scada');
  expect(m.map(N('NBIRTH'), payload(0, BIRTH_METRICS), NOW)).toEqual([]);
  return m;
}

describe('Sparkplug B', () => {
  it('turns an NDATA whose trigger metric is set into an event, resolving aliases from the NBIRTH', () => {
    const m = born();
    const e = oneEvent(m.map(N('NDATA'), payload(1, DONE), NOW));
    expect(e).toMatchObject({
      type: 'mes.order.completed',
      source: '/US01/EdgeA/mes',
      time: '2026-03-02T05:30:00.000Z',
      sequence: '1',
      subject: 'O-100',
      data: { order: 'O-100', item: 'FG-1', lot: 'LOT-1', goodQty: 2.5, scrapQty: 0.5, uom: 'KG' },
    });
    expect(m.nodes()).toEqual([{ group: 'Plant1', edgeNode: 'EdgeA', state: 'online', since: NOW, lastSeq: 1, bdSeq: 7 }]);
    expect(m.dataGaps()).toEqual([]);
  });

  it('emits nothing for telemetry without the trigger, and uses the lines table', () => {
    const m = born();
    expect(m.map(N('NDATA'), payload(1, [{ alias: 4, type: 'Double', value: 12 }]), NOW)).toEqual([]);
    expect(m.ignored()).toBe(2); // the birth and the telemetry
    m.map(N('NBIRTH', 'EdgeB'), payload(0, BIRTH_METRICS), NOW);
    expect(oneEvent(m.map(N('NDATA', 'EdgeB'), payload(1, DONE), NOW)).line).toBe('L2');
  });

  it('records a possible data gap when seq jumps, across the 255 → 0 wrap', () => {
    const m = born();
    m.map(N('NDATA'), payload(1, []), NOW);
    m.map(N('NDATA'), payload(5, []), NOW + 1);
    expect(m.dataGaps()).toEqual([
      { broker: 'scada', source: 'spBv1.0/Plant1/EdgeA', from: '2', to: '4', atMs: NOW + 1, why: expect.stringMatching(/NDATA seq 5 where 2 was expected/) },
    ]);
    m.map(N('NDATA'), payload(5, []), NOW + 2); // a redelivery is not a gap
    for (let s = 6; s <= 255; s++) m.map(N('NDATA'), payload(s, []), NOW);
    m.map(N('NDATA'), payload(0, []), NOW);
    expect(m.dataGaps()).toHaveLength(1);
    m.map(N('NDATA'), payload(3, []), NOW + 3);
    expect(m.dataGaps()[1]).toMatchObject({ from: '1', to: '2' });
  });

  it('makes the node and its devices STALE on NDEATH, and ignores the NDEATH of an older session', () => {
    const m = born();
    m.map(D('DBIRTH', 'Filler'), payload(1, [{ name: 'Speed', alias: 10, type: 'Double', value: 1 }]), NOW);
    expect(m.map(N('NDEATH'), payload(undefined, [{ name: 'bdSeq', type: 'UInt64', value: 6 }]), NOW + 10)).toEqual([]);
    expect(m.nodes().map((n) => n.state)).toEqual(['online', 'online']);
    m.map(N('NDEATH'), payload(undefined, [{ name: 'bdSeq', type: 'UInt64', value: 7 }]), NOW + 20);
    expect(m.nodes()).toEqual([
      { group: 'Plant1', edgeNode: 'EdgeA', state: 'stale', since: NOW + 20, lastSeq: 1, bdSeq: 7 },
      { group: 'Plant1', edgeNode: 'EdgeA', device: 'Filler', state: 'stale', since: NOW + 20, lastSeq: 1, bdSeq: 7 },
    ]);
  });

  it('makes one device STALE on DDEATH', () => {
    const m = born();
    m.map(D('DBIRTH', 'Filler'), payload(1, []), NOW);
    m.map(D('DBIRTH', 'Capper'), payload(2, []), NOW);
    m.map(D('DDEATH', 'Filler'), payload(3, []), NOW + 5);
    expect(m.nodes().map((n) => [n.device, n.state])).toEqual([
      [undefined, 'online'],
      ['Filler', 'stale'],
      ['Capper', 'online'],
    ]);
  });

  it('records a possible data gap for DDATA before its DBIRTH, and keeps what it cannot read', () => {
    const m = born();
    const q = oneQuarantine(m.map(D('DDATA', 'Filler'), payload(1, [{ alias: 10, type: 'Double', value: 3 }]), NOW));
    expect(q.reason).toBe('unmappable');
    expect(q.detail).toMatch(/metric alias 10 unknown: the birth of Plant1\/EdgeA\/Filler was not seen/);
    expect(m.dataGaps()).toEqual([
      { broker: 'scada', source: 'spBv1.0/Plant1/EdgeA/Filler', from: null, to: null, atMs: NOW, why: expect.stringMatching(/DDATA before any DBIRTH/) },
    ]);
    m.map(D('DDATA', 'Filler'), payload(2, []), NOW);
    expect(m.dataGaps()).toHaveLength(1); // one gap per missed birth, not one per message
  });

  it('records a possible data gap for NDATA after a death, until the next birth', () => {
    const m = born();
    m.map(N('NDEATH'), payload(undefined, [{ name: 'bdSeq', type: 'UInt64', value: 7 }]), NOW);
    m.map(N('NDATA'), payload(9, []), NOW + 1);
    expect(m.dataGaps()).toMatchObject([{ source: 'spBv1.0/Plant1/EdgeA', from: null, why: expect.stringMatching(/NDATA before any NBIRTH/) }]);
  });

  it('quarantines bytes that are not a Sparkplug payload, and ignores other groups and commands', () => {
    const m = born();
    const q = oneQuarantine(m.map(N('NDATA'), new TextEncoder().encode('{"not":"protobuf"}'), NOW));
    expect(q.detail).toMatch(/^not a Sparkplug B \(protobuf\) payload/);
    expect(oneQuarantine(m.map('spBv1.0/Other/NDATA/EdgeA', payload(1, DONE), NOW)).detail).toMatch(/no mapping for topic/);
    expect(m.map(N('NCMD'), payload(undefined, [{ name: 'Node Control/Rebirth', type: 'Boolean', value: true }]), NOW)).toEqual([]);
  });

  it('quarantines an event whose field metric is missing, naming the mapping, metric and field', () => {
    const m = born();
    const q = oneQuarantine(m.map(N('NDATA'), payload(1, DONE.filter((x) => x.alias !== 3)), NOW));
    expect(q).toMatchObject({ reason: 'unmappable', detail: 'mapping 1 (sparkplug, line 2), metric WorkOrder/Completed: field item: metric WorkOrder/Item is not in the payload' });
  });
});
