import { describe, expect, it } from 'vitest';
import { B2mmlError, formatWarning, importB2mml, type KnownRequest } from '../../../../engine/sources/b2mml/index.js';
import type { AnyEvent } from '../../../../model/index.js';

/**
 * Shapes met in B2MML that real systems publish (MES research prototypes, ERP exports mapped to
 * B2MML): several Quantity elements told apart by Key — a rate or a percentage beside the amount —,
 * segments named by ProductSegmentID, and wrappers whose verb changes what the noun means.
 */
const V0600 = 'http://www.mesa.org/xml/B2MML-V0600';
const OPTS = { plant: 'FI01', line: 'L1' };
const brief = (events: readonly AnyEvent[]) => events.map((e) => ({ type: e.type, key: e.businesskey, data: e.data }));

function refusal(text: string, file: string): string {
  try {
    importB2mml(text, file, OPTS);
  } catch (err) {
    if (err instanceof B2mmlError) return err.message;
    throw err;
  }
  throw new Error('imported without error');
}

const qty = (value: string, uom?: string, key?: string) =>
  `<Quantity><QuantityString>${value}</QuantityString>${uom === undefined ? '' : `<UnitOfMeasure>${uom}</UnitOfMeasure>`}${key === undefined ? '' : `<Key>${key}</Key>`}</Quantity>`;

const schedule = (verb: string, requests: string) => `<?xml version="1.0" encoding="UTF-8"?>
<${verb}ProductionSchedule xmlns="${V0600}">
  <ApplicationArea><CreationDateTime>2026-03-02T06:00:00Z</CreationDateTime></ApplicationArea>
  <DataArea><${verb}/><ProductionSchedule>${requests}</ProductionSchedule></DataArea>
</${verb}ProductionSchedule>`;

const request = (id: string, quantities: string) => `<ProductionRequest><ID>${id}</ID>
  <SegmentRequirement><ProcessSegmentID>SMELT</ProcessSegmentID><LatestEndTime>2026-03-02T14:00:00Z</LatestEndTime>
    <MaterialRequirement><MaterialDefinitionID>MATTE</MaterialDefinitionID><MaterialUse>Produced</MaterialUse>${quantities}</MaterialRequirement>
  </SegmentRequirement></ProductionRequest>`;

describe('B2MML quantities that are not amounts', () => {
  it("takes an order's quantity from the amount, not the planned rate keyed before it, and says what it passed over", () => {
    const { events, warnings } = importB2mml(schedule('Process', request('PO-1', qty('41.9', 't/h', 'ProdRate') + qty('11.9', 't', 'ProdAmount'))), 'rate.xml', OPTS);
    expect(brief(events).map((e) => [e.type, e.data])).toEqual([
      ['erp.order.created', expect.objectContaining({ order: 'PO-1', qty: 11.9, uom: 'T' })],
      ['erp.order.released', expect.objectContaining({ order: 'PO-1', qty: 11.9, uom: 'T' })],
    ]);
    expect(warnings.map(formatWarning)).toEqual([
      'rate.xml: ProcessProductionSchedule/DataArea/ProductionSchedule/ProductionRequest/SegmentRequirement/MaterialRequirement/Quantity[1]: 41.9 T/H (Key ProdRate) is a rate or ratio, not an amount: not taken as the quantity of order PO-1',
    ]);
  });

  it('makes no order of a request whose produced material gives only a rate, and says why', () => {
    const { events, warnings } = importB2mml(schedule('Process', request('PO-2', qty('41.9', 'kg per hour'))), 'only-rate.xml', OPTS);
    expect(events).toEqual([]);
    expect(warnings.map(formatWarning)).toEqual([
      expect.stringContaining('41.9 KG PER HOUR is a rate or ratio, not an amount'),
      'only-rate.xml: ProcessProductionSchedule/DataArea/ProductionSchedule/ProductionRequest/SegmentRequirement/MaterialRequirement: no order events for PO-2: no Quantity of the produced material MATTE is an amount, and an order needs its quantity',
    ]);
  });

  it('confirms the counted output, scrap and consumption, not a yield in percent, a scrap rate or a feed rate beside them', () => {
    const doc = `<ProductionPerformance xmlns="${V0600}"><PublishedDate>2026-03-02T10:00:00Z</PublishedDate>
      <ProductionResponse><ProductionRequestID>PO-3</ProductionRequestID><ResponseState>Completed</ResponseState>
        <SegmentResponse><ProductSegmentID>0010</ProductSegmentID><EquipmentActual><EquipmentID>PRESS-1</EquipmentID></EquipmentActual>
          <MaterialActual><MaterialDefinitionID>FG</MaterialDefinitionID><MaterialUse>Produced</MaterialUse>${qty('96.5', '%', 'Yield')}${qty('193', 'EA')}${qty('7', 'EA', 'Scrap')}${qty('0.9', 'EA/h', 'ScrapRate')}</MaterialActual>
          <MaterialActual><MaterialDefinitionID>RESIN</MaterialDefinitionID><MaterialLotID>L-9</MaterialLotID><MaterialUse>Consumed</MaterialUse>${qty('12', 'kg/h', 'FeedRate')}${qty('24.5', 'kg')}</MaterialActual>
        </SegmentResponse>
      </ProductionResponse></ProductionPerformance>`;
    const { events, warnings } = importB2mml(doc, 'yield.xml', OPTS);
    expect(brief(events)).toEqual([
      { type: 'mes.material.consumed', key: 'PO-3/CONS/RESIN/L-9', data: { order: 'PO-3', item: 'RESIN', lot: 'L-9', qty: 24.5, uom: 'KG' } },
      // the operation is the product segment the MES reported: no warning of an operation assumed from its place
      { type: 'mes.operation.confirmed', key: 'PO-3/CONF/0010', data: { order: 'PO-3', operation: '0010', workCenter: 'PRESS-1', goodQty: 193, scrapQty: 7, uom: 'EA', final: true } },
    ]);
    expect(warnings.map((w) => w.message)).toEqual([
      '0.9 EA/H (Key ScrapRate) is a rate or ratio, not an amount: not taken as scrap',
      '96.5 % (Key Yield) is a proportion, not an amount: not taken as good output',
      '12 KG/H (Key FeedRate) is a rate or ratio, not an amount: not taken as the quantity of RESIN lot L-9 consumed',
    ]);
  });
});

describe('B2MML wrapper verbs', () => {
  it('cancels the order of every request in a CancelProductionSchedule', () => {
    const { events, warnings } = importB2mml(schedule('Cancel', '<ProductionRequest><ID>PO-7</ID></ProductionRequest><ProductionRequest><ID>PO-8</ID></ProductionRequest>'), 'cancel.xml', OPTS);
    expect(brief(events)).toEqual([
      { type: 'erp.order.cancelled', key: 'PO-7/CANCEL', data: { order: 'PO-7', reason: 'B2MML CancelProductionSchedule' } },
      { type: 'erp.order.cancelled', key: 'PO-8/CANCEL', data: { order: 'PO-8', reason: 'B2MML CancelProductionSchedule' } },
    ]);
    expect(warnings).toEqual([]);
  });

  it('reads a ChangeProductionSchedule of an order released before as the change of its quantity', () => {
    const requests = new Map<string, KnownRequest>();
    const counters = new Map<string, bigint>();
    importB2mml(schedule('Process', request('PO-9', qty('10', 't'))), 'first.xml', { ...OPTS, requests, counters });
    const { events } = importB2mml(schedule('Change', request('PO-9', qty('8', 't'))), 'change.xml', { ...OPTS, requests, counters });
    expect(brief(events)).toEqual([{ type: 'erp.order.changed', key: 'PO-9/CHG/1', data: { change: 1, order: 'PO-9', qty: 8, uom: 'T' } }]);
  });

  it('refuses, saying what to import instead, an acknowledgement, a request for data and the change of actuals', () => {
    const performance = (verb: string) =>
      `<${verb}ProductionPerformance xmlns="${V0600}"><DataArea><${verb}/><ProductionPerformance><ProductionResponse><ID>PO-3</ID></ProductionResponse></ProductionPerformance></DataArea></${verb}ProductionPerformance>`;
    expect(refusal(performance('Acknowledge'), 'ack.xml')).toBe(
      "ack.xml: AcknowledgeProductionPerformance: an Acknowledge is the receiver's answer to a Process document, not the document: import the Process document it acknowledges",
    );
    expect(refusal(performance('Get'), 'get.xml')).toContain('a Get is a request for data, which holds none: import the Show document that answers it');
    expect(refusal(performance('Change'), 'change.xml')).toContain('a Change of ProductionPerformance corrects actuals reported before, which Linesight cannot tell from new actuals');
    expect(refusal(performance('Cancel'), 'cancel.xml')).toContain('only the cancellation of a schedule');
  });
});
