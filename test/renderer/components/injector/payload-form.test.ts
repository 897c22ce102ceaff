import { describe, expect, it } from 'vitest';
import type { AnyEvent, PayloadField } from '../../../../engine/contract/index.js';
import {
  blankForm,
  changedFields,
  dataFromValues,
  draftFromForm,
  editableFields,
  emptyValues,
  formFromEvent,
  inferFields,
  valuesFromData,
} from '../../../../renderer/components/injector/payload-form.js';

const CONFIRMED: readonly PayloadField[] = [
  { name: 'order', kind: 'string' },
  { name: 'operation', kind: 'string' },
  { name: 'goodQty', kind: 'number' },
  { name: 'uom', kind: 'string' },
  { name: 'final', kind: 'boolean' },
];
const RECORDED: readonly PayloadField[] = [
  { name: 'order', kind: 'string' },
  { name: 'result', kind: 'string', options: ['pass', 'fail'] },
  { name: 'defect', kind: 'string', optional: true },
];

describe('payload form values', () => {
  it('starts blank: unchecked boxes, the first option of a required choice, empty text', () => {
    expect(emptyValues(CONFIRMED)).toEqual({ order: '', operation: '', goodQty: '', uom: '', final: false });
    expect(emptyValues(RECORDED)).toEqual({ order: '', result: 'pass', defect: '' });
  });

  it('round-trips a payload through the inputs', () => {
    const data = { order: 'O-1', operation: '0010', goodQty: 120, uom: 'PC', final: true };
    const values = valuesFromData(CONFIRMED, data);
    expect(values).toEqual({ order: 'O-1', operation: '0010', goodQty: '120', uom: 'PC', final: true });
    expect(dataFromValues(CONFIRMED, values)).toEqual(data);
  });

  it('leaves empty inputs out and keeps text that is not a number, for the validator to name', () => {
    const data = dataFromValues(CONFIRMED, { order: '', operation: '0010', goodQty: '12x', uom: ' ', final: false });
    expect(data).toEqual({ operation: '0010', goodQty: '12x', final: false });
  });

  it('reports only the fields a resend changes', () => {
    const original = { order: 'O-1', operation: '0010', goodQty: 120, uom: 'PC', final: false };
    const values = { ...valuesFromData(CONFIRMED, original), uom: 'EA', goodQty: '120' };
    expect(changedFields(CONFIRMED, values, original)).toEqual({ uom: 'EA' });
    expect(changedFields(CONFIRMED, { ...values, goodQty: '12.5' }, original)).toEqual({ uom: 'EA', goodQty: 12.5 });
  });

  it('guesses fields from a payload without a template', () => {
    expect(inferFields({ qty: 3, uom: 'EA', final: true })).toEqual([
      { name: 'qty', kind: 'number' },
      { name: 'uom', kind: 'string' },
      { name: 'final', kind: 'boolean' },
    ]);
  });
});

describe('injector drafts', () => {
  const event = {
    specversion: '1.0',
    id: 'evt-42',
    source: '/US01/L2/mes',
    type: 'mes.operation.confirmed',
    time: '2026-03-02T12:00:00.000Z',
    subject: 'O-7',
    datacontenttype: 'application/json',
    data: { order: 'O-7', operation: '0020', workCenter: 'WC1', goodQty: 10, scrapQty: 0, uom: 'EA', final: false },
    correlationid: 'c-1',
    businesskey: 'BK-7-0020',
    plant: 'US01',
    line: 'L2',
    sequence: '17',
    origin: 'simulated',
  } as unknown as AnyEvent;

  it('starts from a journaled event with its order, business key and payload', () => {
    const form = formFromEvent(event, CONFIRMED);
    expect(form).toMatchObject({ type: 'mes.operation.confirmed', order: 'O-7', businesskey: 'BK-7-0020', lot: '' });
    expect(form.values).toMatchObject({ operation: '0020', goodQty: '10', uom: 'EA', final: false });
  });

  it('makes the same payload back, data.order following the order, no lot when none is given', () => {
    const draft = draftFromForm(formFromEvent(event, CONFIRMED), CONFIRMED);
    expect(draft).toEqual({
      type: 'mes.operation.confirmed',
      order: 'O-7',
      businesskey: 'BK-7-0020',
      data: { order: 'O-7', operation: '0020', goodQty: 10, uom: 'EA', final: false },
    });
  });

  it('takes the order from the order input, not a payload input, and trims keys', () => {
    const form = { ...blankForm('qms.inspection.recorded', RECORDED), order: ' O-9 ', businesskey: 'K ', lot: 'L-1', values: { order: 'stale', result: 'fail', defect: '' } };
    expect(draftFromForm(form, RECORDED)).toEqual({
      type: 'qms.inspection.recorded',
      order: 'O-9',
      businesskey: 'K',
      lot: 'L-1',
      data: { order: 'O-9', result: 'fail' },
    });
    expect(editableFields(RECORDED).map((f) => f.name)).toEqual(['result', 'defect']);
  });
});
