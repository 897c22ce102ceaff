import { describe, expect, it } from 'vitest';
import type { AnyEvent } from '../../../../engine/contract/index.js';
import { summarize } from '../../../../renderer/components/lineage/outcome.js';

const base = { specversion: '1.0', id: 'e1', source: '/US01/L1/mes', time: '2026-03-02T14:00:00.000Z', subject: 'PO-1', datacontenttype: 'application/json', correlationid: 'c', businesskey: 'PO-1/CONF/0010/1', plant: 'US01', line: 'L1', sequence: '1', origin: 'simulated' };
const V2 = 'urn:linesight:schema:mes.operation.confirmed:2';

describe('lineage summary: schema drift', () => {
  it('names a newer payload version with the fields it was sent with, not empty quantities', () => {
    const e = { ...base, type: 'mes.operation.confirmed', dataschema: V2, data: { operation: '0010', rejectQty: 0, shift: 'S1', unitOfMeasure: 'EA', yieldQty: 4 } } as unknown as AnyEvent;
    expect(summarize(e)).toBe(`payload ${V2}: operation, rejectQty, shift, unitOfMeasure, yieldQty`);
  });

  it('says what the tolerant reader renamed and ignored', () => {
    const data = { dataschema: V2, ignored: ['shift'], interface: 'confirmation', messageId: 'm1', messageType: 'mes.operation.confirmed', renamed: ['yieldQty→goodQty'] };
    const e = { ...base, source: '/US01/L1/int', type: 'int.message.schema-mapped', data } as unknown as AnyEvent;
    expect(summarize(e)).toBe(`mes.operation.confirmed read as ${V2}: renamed yieldQty→goodQty; ignored shift`);
  });
});
