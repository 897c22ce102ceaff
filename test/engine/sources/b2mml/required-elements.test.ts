import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { B2mmlError, formatWarning, importB2mml } from '../../../../engine/sources/b2mml/index.js';
import { businessDataProblems } from '../../../../engine/sources/mappings/business-fields.js';
import { envelopeProblem, type AnyEvent } from '../../../../model/index.js';

/**
 * Documents as real MES and ERP systems write them: only what the MESA schemas (V0401, V0600,
 * V0701) require, plus the few identities nothing else can supply (a request's or response's ID).
 * Each imports; what it leaves out is taken from `--plant/--line` or assumed, and a warning names
 * the file, the element and the assumption.
 */
const DIR = join(import.meta.dirname, '../../../fixtures/b2mml');
const RECEIVED = Date.parse('2026-03-02T12:00:00Z');
const OPTS = { plant: 'US01', line: 'L9', receivedAt: RECEIVED };

function read(name: string) {
  const { events, warnings } = importB2mml(readFileSync(join(DIR, name), 'utf8'), name, OPTS);
  for (const e of events) {
    expect(envelopeProblem(e as unknown as Record<string, unknown>)).toBeUndefined();
    expect(businessDataProblems(e.type as Parameters<typeof businessDataProblems>[0], e.data as Record<string, unknown>)).toEqual([]);
  }
  return { events, warnings: warnings.map(formatWarning) };
}

const brief = (events: readonly AnyEvent[]) => events.map((e) => ({ type: e.type, source: e.source, key: e.businesskey, time: e.time, data: e.data }));
const READ_AT = 'no PublishedDate: assumed the time the file was read, 2026-03-02T12:00:00.000Z';

describe('schedules with only the required elements', () => {
  it('V0401: an order without a due date, unit, routing or time — no due date, so never late', () => {
    const { events, warnings } = read('required-schedule-v0401.xml');
    const order = { order: 'PO-401', item: 'FG-BREAD', qty: 500, uom: 'EA', routing: 'SegmentRequirement', revision: 'unversioned' };
    expect(brief(events)).toEqual([
      // the created order has no `due` field at all: nothing was invented
      { type: 'erp.order.created', source: '/US01/L9/erp', key: 'PO-401', time: '2026-03-02T12:00:00.000Z', data: order },
      { type: 'erp.order.released', source: '/US01/L9/erp', key: 'PO-401/REL', time: '2026-03-02T12:00:00.000Z', data: order },
    ]);
    expect('due' in events[0]!.data).toBe(false);
    const at = 'required-schedule-v0401.xml: ProductionSchedule/ProductionRequest';
    expect(warnings).toEqual([
      `${at}/SegmentRequirement/MaterialProducedRequirement/Quantity: no UnitOfMeasure: assumed EA (a count) for the 500 of FG-BREAD`,
      `${at}/SegmentRequirement: no ProcessSegmentID, ProductSegmentID or ID: assumed "SegmentRequirement", its place in the request, as its step of the routing`,
      `${at}: no EndTime (nor a segment LatestEndTime or schedule EndTime): the order has no due date, so it is never late`,
      `required-schedule-v0401.xml: ProductionSchedule: ${READ_AT}`,
    ]);
  });

  it('V0600 (Sync wrapper): the time is the wrapper’s CreationDateTime, only the due date is missing', () => {
    const { events, warnings } = read('required-schedule-v0600.xml');
    const order = { order: 'PO-600', item: 'FG-ROLL', qty: 120, uom: 'KG', routing: 'KNEAD', revision: 'unversioned' };
    expect(brief(events)).toEqual([
      { type: 'erp.order.created', source: '/US01/L9/erp', key: 'PO-600', time: '2026-03-02T05:00:00.000Z', data: order },
      { type: 'erp.order.released', source: '/US01/L9/erp', key: 'PO-600/REL', time: '2026-03-02T05:00:00.000Z', data: order },
    ]);
    expect(warnings).toEqual([
      'required-schedule-v0600.xml: SyncProductionSchedule/DataArea/ProductionSchedule/ProductionRequest: no EndTime (nor a segment LatestEndTime or schedule EndTime): the order has no due date, so it is never late',
    ]);
  });

  it('V0701: a request that names no produced material makes no order, and says why', () => {
    const { events, warnings } = read('required-schedule-v0701.xml');
    expect(events).toEqual([]);
    expect(warnings).toEqual([
      'required-schedule-v0701.xml: OperationsSchedule/OperationsRequest: no order events for PO-701: it names no produced material (MaterialProducedRequirement, or MaterialRequirement with MaterialUse Produced), and an order needs its item',
    ]);
  });

  it('V0600: an empty schedule, valid by the schema, imports nothing and one warning says so', () => {
    const { events, warnings } = importB2mml('<ProductionSchedule xmlns="http://www.mesa.org/xml/B2MML-V0600"/>', 'empty.xml', OPTS);
    expect(events).toEqual([]);
    expect(warnings.map(formatWarning)).toEqual(['empty.xml: ProductionSchedule: no events: the schedule holds no ProductionRequest that Linesight can make an order from']);
  });
});

describe('performance with only the required elements', () => {
  const nothing = (at: string, uom: string) =>
    `${at}: no produced quantity (MaterialProducedActual, or MaterialActual with MaterialUse Produced): confirmed 0 good and 0 scrap ${uom}`;

  it('V0401: an empty SegmentResponse confirms on the line it is imported to (--plant/--line), as the final operation', () => {
    const { events, warnings } = read('required-performance-v0401.xml');
    expect(brief(events)).toEqual([
      {
        type: 'mes.operation.confirmed',
        source: '/US01/L9/mes',
        key: 'PO-401/CONF/SegmentResponse',
        time: '2026-03-02T12:00:00.000Z',
        data: { order: 'PO-401', operation: 'SegmentResponse', workCenter: 'L9', goodQty: 0, scrapQty: 0, uom: 'EA', final: true },
      },
    ]);
    const seg = 'required-performance-v0401.xml: ProductionPerformance/ProductionResponse/SegmentResponse';
    expect(warnings).toEqual([
      `${seg}: no ProcessSegmentID, ProductSegmentID or ID: assumed operation "SegmentResponse", its place in the response`,
      `${seg}: no EquipmentActual, HierarchyScope or Location naming equipment: assumed work center L9, the line`,
      `required-performance-v0401.xml: ProductionPerformance: ${READ_AT}`,
      nothing(seg, 'EA'),
    ]);
  });

  it('V0600: segments without ids are told apart by their place; output without a unit is taken in the confirmation’s unit', () => {
    const { events, warnings } = read('required-performance-v0600.xml');
    expect(events.map((e) => [e.businesskey, e.data])).toEqual([
      ['PO-600/CONF/SegmentResponse[1]', { order: 'PO-600', operation: 'SegmentResponse[1]', workCenter: 'L9', goodQty: 0, scrapQty: 0, uom: 'EA', final: false }],
      ['PO-600/CONF/SegmentResponse[2]', { order: 'PO-600', operation: 'SegmentResponse[2]', workCenter: 'L9', goodQty: 118, scrapQty: 0, uom: 'EA', final: true }],
    ]);
    const seg = (n: number) => `required-performance-v0600.xml: ProductionPerformance/ProductionResponse/SegmentResponse[${n}]`;
    expect(warnings).toEqual([
      `${seg(1)}: no ProcessSegmentID, ProductSegmentID or ID: assumed operation "SegmentResponse[1]", its place in the response`,
      `${seg(1)}: no EquipmentActual, HierarchyScope or Location naming equipment: assumed work center L9, the line`,
      `required-performance-v0600.xml: ProductionPerformance: ${READ_AT}`,
      nothing(seg(1), 'EA'),
      `${seg(2)}: no ProcessSegmentID, ProductSegmentID or ID: assumed operation "SegmentResponse[2]", its place in the response`,
      `${seg(2)}: no EquipmentActual, HierarchyScope or Location naming equipment: assumed work center L9, the line`,
      `${seg(2)}/MaterialActual/Quantity: no UnitOfMeasure: assumed EA, the unit of the confirmation`,
    ]);
  });

  it('V0701: a response that names no OperationsRequestID is taken as its own order', () => {
    const { events, warnings } = read('required-performance-v0701.xml');
    expect(events.map((e) => [e.type, e.source, e.businesskey, e.data])).toEqual([
      [
        'mes.operation.confirmed',
        '/US01/L9/mes',
        'PO-701/CONF/SegmentResponse',
        { order: 'PO-701', operation: 'SegmentResponse', workCenter: 'L9', goodQty: 0, scrapQty: 0, uom: 'EA', final: true },
      ],
    ]);
    const resp = 'required-performance-v0701.xml: OperationsPerformance/OperationsResponse';
    expect(warnings).toEqual([
      `${resp}: no OperationsRequestID: assumed the order is the response's own ID, PO-701`,
      `${resp}/SegmentResponse: no ProcessSegmentID, ProductSegmentID or ID: assumed operation "SegmentResponse", its place in the response`,
      `${resp}/SegmentResponse: no EquipmentActual, HierarchyScope or Location naming equipment: assumed work center L9, the line`,
      `required-performance-v0701.xml: OperationsPerformance: ${READ_AT}`,
      nothing(`${resp}/SegmentResponse`, 'EA'),
    ]);
  });

  it('still refuses a response that names no order at all (V0600 makes both ids optional): nothing can supply it', () => {
    const text = readFileSync(join(DIR, 'required-performance-v0600.xml'), 'utf8').replace('<ProductionRequestID>PO-600</ProductionRequestID>', '');
    expect(() => importB2mml(text, 'p.xml', OPTS)).toThrow(
      new B2mmlError('p.xml', 'ProductionPerformance/ProductionResponse', 'ProductionResponse without ProductionRequestID or ID: the order it reports on cannot be named'),
    );
    // and a document naming no line, with none passed, as before
    expect(() => importB2mml(readFileSync(join(DIR, 'required-performance-v0401.xml'), 'utf8'), 'p.xml', { receivedAt: RECEIVED })).toThrow(/no plant: /);
  });
});

describe('material information with only the required elements', () => {
  it('V0401: a lot without a Status says nothing: no events, and one warning says so', () => {
    expect(read('required-material-v0401.xml')).toEqual({
      events: [],
      warnings: ['required-material-v0401.xml: MaterialInformation: no events: no MaterialLot or MaterialSubLot has a Status that is not usable, so no hold was placed'],
    });
  });

  it('V0600: a lot in quarantine takes its material from the MaterialInformation ID, and holds 0 as it names no quantity', () => {
    const { events, warnings } = read('required-material-v0600.xml');
    expect(brief(events)).toEqual([
      {
        type: 'qms.hold.placed',
        source: '/US01/L9/qms',
        key: 'LOT-600/HOLD/LOT-600',
        time: '2026-03-02T12:00:00.000Z',
        data: { order: 'LOT-600', item: 'RM-YEAST', lot: 'LOT-600', qty: 0, reason: 'Quarantine' },
      },
    ]);
    expect(warnings).toEqual([
      'required-material-v0600.xml: MaterialInformation/MaterialLot: no MaterialDefinitionID: assumed material RM-YEAST, the ID of the enclosing MaterialInformation',
      'required-material-v0600.xml: MaterialInformation/MaterialLot: no Quantity: assumed 0 held of lot LOT-600 (the document holds it without saying how much)',
      `required-material-v0600.xml: MaterialInformation: ${READ_AT}`,
    ]);
  });

  it('V0701: a NotValid lot is held, of the only material the document defines', () => {
    const { events, warnings } = read('required-material-v0701.xml');
    expect(events.map((e) => [e.type, e.businesskey, e.lot, e.data])).toEqual([
      ['qms.hold.placed', 'LOT-701/HOLD/LOT-701', 'LOT-701', { order: 'LOT-701', item: 'RM-SALT', lot: 'LOT-701', qty: 0, reason: 'NotValid' }],
    ]);
    expect(warnings[0]).toBe('required-material-v0701.xml: MaterialInformation/MaterialLot: no MaterialDefinitionID: assumed material RM-SALT, the only MaterialDefinition in the document');
    expect(warnings).toHaveLength(3);
  });
});
