import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { B2mmlError, formatWarning, importB2mml } from '../../../../engine/sources/b2mml/index.js';
import { businessDataProblems } from '../../../../engine/sources/mappings/business-fields.js';
import { envelopeProblem, type AnyEvent } from '../../../../model/index.js';

const DIR = join(import.meta.dirname, '../../../fixtures/b2mml');
const fixture = (name: string): string => readFileSync(join(DIR, name), 'utf8');
const load = (name: string, opts?: Parameters<typeof importB2mml>[2]): AnyEvent[] => importB2mml(fixture(name), name, opts).events;
const warningsOf = (name: string, opts?: Parameters<typeof importB2mml>[2]): string[] => importB2mml(fixture(name), name, opts).warnings.map(formatWarning);

function refusal(text: string, file: string, opts?: Parameters<typeof importB2mml>[2]): B2mmlError {
  try {
    importB2mml(text, file, opts);
  } catch (err) {
    if (err instanceof B2mmlError) return err;
    throw err;
  }
  throw new Error('imported without error');
}

function expectValid(events: readonly AnyEvent[]): void {
  for (const e of events) {
    expect(envelopeProblem(e as unknown as Record<string, unknown>)).toBeUndefined();
    expect(businessDataProblems(e.type as Parameters<typeof businessDataProblems>[0], e.data as Record<string, unknown>)).toEqual([]);
    expect(e.origin).toBe('live');
  }
}

const brief = (events: readonly AnyEvent[]) => events.map((e) => ({ type: e.type, source: e.source, key: e.businesskey, time: e.time, data: e.data }));

describe('ProductionSchedule (V0600)', () => {
  const events = load('production-schedule-v0600.xml');

  it('becomes created and released orders, a forecast request created only, assuming nothing', () => {
    expectValid(events);
    expect(warningsOf('production-schedule-v0600.xml')).toEqual([]);
    expect(brief(events)).toEqual([
      {
        type: 'erp.order.created',
        source: '/US01/L1/erp',
        key: '4711',
        time: '2026-03-02T05:30:00.000Z',
        data: { order: '4711', item: 'FG-JAM-450', qty: 1200, uom: 'EA', routing: 'R-100', revision: 'B', due: '2026-03-03T05:00:00.000Z' },
      },
      {
        type: 'erp.order.released',
        source: '/US01/L1/erp',
        key: '4711/REL',
        time: '2026-03-02T05:30:00.000Z',
        data: { order: '4711', item: 'FG-JAM-450', qty: 1200, uom: 'EA', routing: 'R-100', revision: 'B' },
      },
      {
        type: 'erp.order.created',
        source: '/US01/L1/erp',
        key: '4712',
        time: '2026-03-02T05:30:00.000Z',
        // no ProductProductionRuleID: the routing is the request's segments; no Version
        data: { order: '4712', item: 'SEMI-BASE', qty: 300.5, uom: 'KG', routing: 'BLEND', revision: 'unversioned', due: '2026-03-04T06:00:00.000Z' },
      },
    ]);
  });

  it('numbers each source contiguously, links the release to its creation and names the order', () => {
    expect(events.map((e) => e.sequence)).toEqual(['1', '2', '3']);
    expect(events[1]!.causationid).toBe(events[0]!.id);
    expect(events.map((e) => [e.subject, e.correlationid, e.plant, e.line])).toEqual([
      ['4711', '4711', 'US01', 'L1'],
      ['4711', '4711', 'US01', 'L1'],
      ['4712', '4712', 'US01', 'L1'],
    ]);
  });

  it('gives the same ids when the same document is imported again, whatever the file is called', () => {
    const again = importB2mml(fixture('production-schedule-v0600.xml'), 'copy.xml').events;
    expect(again.map((e) => e.id)).toEqual(events.map((e) => e.id));
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
  });

  it('continues the sequence of a counters map shared between imports, and only on success', () => {
    const counters = new Map<string, bigint>([['/US01/L1/erp', 41n]]);
    const got = load('production-schedule-v0600.xml', { counters });
    expect(got.map((e) => e.sequence)).toEqual(['41', '42', '43']);
    expect(counters.get('/US01/L1/erp')).toBe(44n);
    const noId = fixture('missing-material-id.xml').replace('<ID>5002</ID>', '');
    expect(() => importB2mml(noId, 'x.xml', { plant: 'US01', line: 'L1', counters })).toThrow(B2mmlError);
    expect(counters.get('/US01/L1/erp')).toBe(44n);
  });
});

describe('OperationsSchedule (V0701, prefixed, with a byte-order mark)', () => {
  it('reads the prefixed elements, ignores foreign ones and takes the line from the request scope', () => {
    const text = fixture('operations-schedule-v0701-bom.xml');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const { events, warnings } = importB2mml(text, 'ops.xml');
    expect(warnings).toEqual([]);
    expectValid(events);
    expect(brief(events)).toEqual([
      {
        type: 'erp.order.created',
        source: '/DE02/PACK2/erp',
        key: '900100',
        time: '2026-03-02T07:15:00.250Z',
        data: { order: '900100', item: 'TAB-42', qty: 10000, uom: 'EA', routing: 'OD-CAPS', revision: 'unversioned', due: '2026-03-05T18:00:00.000Z' },
      },
      {
        type: 'erp.order.released',
        source: '/DE02/PACK2/erp',
        key: '900100/REL',
        time: '2026-03-02T07:15:00.250Z',
        data: { order: '900100', item: 'TAB-42', qty: 10000, uom: 'EA', routing: 'OD-CAPS', revision: 'unversioned' },
      },
    ]);
    // the byte-order mark does not change the ids
    expect(importB2mml(text.slice(1), 'ops.xml').events.map((e) => e.id)).toEqual(events.map((e) => e.id));
  });
});

describe('ProductionPerformance (V0401, wbf.org namespace)', () => {
  const events = load('production-performance-v0401.xml');

  it('becomes consumption per consumed actual and a confirmation per segment response', () => {
    expectValid(events);
    expect(brief(events)).toEqual([
      {
        type: 'mes.material.consumed',
        source: '/US01/L1/mes',
        key: '4711/CONS/RM-SUGAR/LOT-S-001',
        time: '2026-03-02T09:00:00.000Z',
        data: { order: '4711', item: 'RM-SUGAR', lot: 'LOT-S-001', qty: 49.8, uom: 'KG' },
      },
      {
        type: 'mes.operation.confirmed',
        source: '/US01/L1/mes',
        key: '4711/CONF/MIX',
        time: '2026-03-02T09:00:00.000Z',
        data: { order: '4711', operation: 'MIX', workCenter: 'MIXER-1', goodQty: 0, scrapQty: 0, uom: 'KG', final: false },
      },
      {
        type: 'mes.material.consumed',
        source: '/US01/L1/mes',
        key: '4711/CONS/PK-JAR/JAR-77',
        time: '2026-03-02T12:30:00.000Z',
        data: { order: '4711', item: 'PK-JAR', lot: 'JAR-77', qty: 1204, uom: 'EA' },
      },
      {
        type: 'mes.operation.confirmed',
        source: '/US01/L1/mes',
        key: '4711/CONF/FILL',
        time: '2026-03-02T12:30:00.000Z',
        // 531 KG is the same output in another unit; 2 DZ of scrap is 24 EA
        data: { order: '4711', operation: 'FILL', workCenter: 'FILLER-2', goodQty: 1180, scrapQty: 24, uom: 'EA', final: true },
      },
    ]);
    expect(events.map((e) => e.lot)).toEqual(['LOT-S-001', undefined, 'JAR-77', undefined]);
    expect(warningsOf('production-performance-v0401.xml')).toEqual([
      'production-performance-v0401.xml: ProductionPerformance/ProductionResponse/SegmentResponse[1]: no produced quantity (MaterialProducedActual, or MaterialActual with MaterialUse Produced): confirmed 0 good and 0 scrap KG',
    ]);
  });
});

describe('OperationsPerformance (V0600, in a Process wrapper)', () => {
  it('takes the order from OperationsRequestID, good and scrap from the quantity keys, time from the ApplicationArea', () => {
    const events = load('operations-performance-v0600.xml', { plant: 'DE02', line: 'PACK2' });
    expectValid(events);
    expect(brief(events)).toEqual([
      {
        type: 'mes.material.consumed',
        source: '/DE02/PACK2/mes',
        key: '900100/CONS/API-42/API-L-5',
        time: '2026-03-02T16:00:00.000Z',
        data: { order: '900100', item: 'API-42', lot: 'API-L-5', qty: 2450, uom: 'G' },
      },
      {
        type: 'mes.operation.confirmed',
        source: '/DE02/PACK2/mes',
        key: '900100/CONF/PRESS',
        time: '2026-03-02T16:00:00.000Z',
        // the response is still Running: its last segment is not the end of the order
        data: { order: '900100', operation: 'PRESS', workCenter: 'PRESS-3', goodQty: 9800, scrapQty: 150, uom: 'EA', final: false },
      },
    ]);
  });
});

describe('MaterialInformation (V0701) and MaterialDefinition (V0401)', () => {
  it('places a hold per lot or sub-lot whose status is not usable', () => {
    const events = load('material-information-v0701.xml');
    expectValid(events);
    expect(brief(events)).toEqual([
      {
        type: 'qms.hold.placed',
        source: '/US01/L1/qms',
        key: 'LOT-S-001-B/HOLD/LOT-S-001-B',
        time: '2026-03-02T08:00:00.000Z',
        data: { order: 'LOT-S-001-B', item: 'RM-SUGAR', lot: 'LOT-S-001-B', qty: 25, reason: 'Blocked' },
      },
      {
        type: 'qms.hold.placed',
        source: '/US01/L1/qms',
        key: '4711/HOLD/LOT-S-002',
        time: '2026-03-02T08:00:00.000Z',
        data: { order: '4711', item: 'RM-SUGAR', lot: 'LOT-S-002', qty: 250, reason: 'Quarantine' },
      },
      {
        type: 'qms.hold.placed',
        source: '/US01/L1/qms',
        key: 'LOT-S-003-A/HOLD/LOT-S-003-A',
        time: '2026-03-02T08:00:00.000Z',
        data: { order: 'LOT-S-003-A', item: 'RM-SUGAR', lot: 'LOT-S-003-A', qty: 10, reason: 'Rejected' },
      },
    ]);
  });

  it('reads a material definition and produces nothing, with one warning saying so: items have no event type', () => {
    expect(importB2mml(fixture('material-definition-v0401.xml'), 'items.xml').events).toEqual([]);
    expect(warningsOf('material-definition-v0401.xml')).toEqual([
      'material-definition-v0401.xml: MaterialDefinition: no events: a MaterialDefinition is material master data (an item), which no Linesight event records',
    ]);
  });
});

describe('refusals', () => {
  it('refuses malformed XML, naming the file and the position', () => {
    expect(refusal(fixture('malformed.xml'), 'malformed.xml').message).toBe(
      "malformed.xml: malformed XML at line 6, column 3: Expected closing tag 'ProductionRequest' (opened in line 4, col 3) instead of closing tag 'ProductionSchedule'.",
    );
  });

  it('refuses an unknown root element', () => {
    expect(refusal(fixture('unknown-root.xml'), 'unknown-root.xml').message).toBe(
      'unknown-root.xml: EquipmentInformation: unknown document root: expected one of ProductionSchedule, OperationsSchedule, ProductionPerformance, OperationsPerformance, MaterialDefinition, MaterialInformation (or a Process/Sync/Show/Notify/Change/Cancel wrapper of one)',
    );
  });

  it('refuses an unknown namespace, and a document in none', () => {
    expect(refusal(fixture('unknown-namespace.xml'), 'ns.xml').message).toMatch(/^ns\.xml: ProductionSchedule: unknown namespace "http:\/\/www\.mesa\.org\/xml\/B2MML-V0500": expected one of http:\/\/www\.wbf\.org\/xml\/B2MML-V0401, /);
    expect(refusal('<ProductionSchedule><ID>1</ID></ProductionSchedule>', 'bare.xml').message).toMatch(/^bare\.xml: ProductionSchedule: no namespace: expected one of /);
  });

  it('refuses a request without ID, naming the element path: nothing else can name its order', () => {
    const err = refusal(fixture('missing-material-id.xml').replace('<ID>5002</ID>', ''), 'schedule.xml', { plant: 'US01', line: 'L1' });
    expect(err.message).toBe('schedule.xml: ProductionSchedule/ProductionRequest[2]: ProductionRequest without ID: the order it requests cannot be named');
    expect(err.path).toBe('ProductionSchedule/ProductionRequest[2]');
  });

  it('imports a consumed requirement that names a material class instead of a definition: no order event carries it', () => {
    const { events, warnings } = importB2mml(fixture('missing-material-id.xml'), 'schedule.xml', { plant: 'US01', line: 'L1' });
    expect(events.map((e) => [e.type, e.businesskey])).toEqual([
      ['erp.order.created', '5001'],
      ['erp.order.released', '5001/REL'],
      ['erp.order.created', '5002'],
      ['erp.order.released', '5002/REL'],
    ]);
    expect(warnings).toEqual([]);
  });

  it('refuses a document that names no plant or line unless they are passed', () => {
    const text = fixture('missing-material-id.xml');
    expect(refusal(text, 'schedule.xml').message).toBe(
      'schedule.xml: ProductionSchedule/ProductionRequest[1]: no plant: the document names no Site (HierarchyScope or Location with EquipmentElementLevel Site); pass the plant to the import',
    );
    expect(refusal(text, 'schedule.xml', { plant: 'US01' }).message).toMatch(/^schedule\.xml: ProductionSchedule\/ProductionRequest\[1\]: no line: /);
  });

  it('refuses a document without a time unless receivedAt is passed', () => {
    const text = fixture('material-information-v0701.xml').replace(/<PublishedDate>.*<\/PublishedDate>/, '');
    expect(refusal(text, 'mi.xml').message).toBe('mi.xml: MaterialInformation: no PublishedDate: pass the time the document was received to the import');
    const { events, warnings } = importB2mml(text, 'mi.xml', { receivedAt: Date.parse('2026-03-02T10:00:00Z') });
    expect(events.map((e) => e.time)).toEqual(Array(3).fill('2026-03-02T10:00:00.000Z'));
    // said once for the document, not once per event
    expect(warnings.map(formatWarning)).toEqual(['mi.xml: MaterialInformation: no PublishedDate: assumed the time the file was read, 2026-03-02T10:00:00.000Z']);
  });

  it('refuses a DOCTYPE, a consumed actual without a lot and a quantity that is not a number', () => {
    expect(refusal('<!DOCTYPE x [<!ENTITY a "b">]><MaterialInformation xmlns="http://www.mesa.org/xml/B2MML"/>', 'dtd.xml').message).toBe(
      'dtd.xml: a DOCTYPE is not allowed in a B2MML document',
    );
    expect(refusal('<MaterialInformation xmlns="http://www.mesa.org/xml/B2MML"><__proto__/></MaterialInformation>', 'p.xml').message).toMatch(
      /^p\.xml: refused XML: .*__proto__/,
    );
    const noLot = fixture('production-performance-v0401.xml').replace('<MaterialLotID>JAR-77</MaterialLotID>', '');
    expect(refusal(noLot, 'perf.xml').message).toBe('perf.xml: ProductionPerformance/ProductionResponse/SegmentResponse[2]: MaterialActual[1] without MaterialLotID');
    const badQty = fixture('production-schedule-v0600.xml').replace('<QuantityString>1200</QuantityString>', '<QuantityString>12OO</QuantityString>');
    expect(refusal(badQty, 'ps.xml').message).toBe(
      'ps.xml: ProductionSchedule/ProductionRequest[1]/SegmentRequirement[2]/MaterialRequirement/Quantity: QuantityString "12OO" is not a number',
    );
  });
});

describe('request states and placement', () => {
  it('imports a cancelled request as the cancellation of its order, and places the same document on the plant it is given', () => {
    const text = fixture('missing-material-id.xml').replace(/<ProductionRequest>\s*<ID>5002[\s\S]*<\/ProductionRequest>/, '');
    const a = importB2mml(text, 's.xml', { plant: 'US01', line: 'L1' }).events;
    const b = importB2mml(text, 's.xml', { plant: 'US02', line: 'L1' }).events;
    expect(a.map((e) => e.source)).toEqual(['/US01/L1/erp', '/US01/L1/erp']);
    // another plant is other events, not a duplicate of the first import
    expect(b.map((e) => e.id).some((id) => a.some((x) => x.id === id))).toBe(false);
    const cancelled = text.replace('<EndTime>', '<RequestState>Cancelled</RequestState><EndTime>');
    // ERP withdrew the request: its order is cancelled (order-change-cancel fixtures: test/engine/sources/b2mml/request-changes.test.ts)
    expect(importB2mml(cancelled, 's.xml', { plant: 'US01', line: 'L1' }).events.map((e) => [e.type, e.businesskey])).toEqual([['erp.order.cancelled', '5001/CANCEL']]);
  });
});
