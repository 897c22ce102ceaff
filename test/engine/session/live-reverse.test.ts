import { describe, expect, it } from 'vitest';
import type { ReversalPreview } from '../../../engine/contract/index.js';
import { buildLiveReversal } from '../../../engine/session/live-reverse.js';
import { decodeEvent, type AnyEvent } from '../../../model/index.js';
import { OperatorError } from '../../../simulator/index.js';

/** What a reversal on a watched broker sends: decided from the monitor's preview and the key's journaled events. */
const NOW = Date.parse('2026-03-02T08:00:00Z');
const cmd = { kind: 'reverse', who: 'controller', why: 'posted twice', reverses: '' } as const;

function ev(type: string, businesskey: string, data: Record<string, unknown>, id: string, system = type.split('.')[0]!): AnyEvent {
  return {
    businesskey,
    correlationid: 'PO-1',
    data,
    datacontenttype: 'application/json',
    id,
    line: 'L2',
    plant: 'US01',
    sequence: '1',
    source: `/US01/L2/${system}`,
    specversion: '1.0',
    subject: 'PO-1',
    time: '2026-03-02T07:00:00.000Z',
    type,
  } as unknown as AnyEvent;
}

function preview(over: Partial<Extract<ReversalPreview, { ok: true }>>): ReversalPreview {
  return {
    ok: true,
    key: 'PO-1/CONF/0010/1',
    reversalKey: 'PO-1/CONF/0010/1/REV/1',
    messageType: 'mes.confirmation.cancelled',
    order: 'PO-1',
    plant: 'US01',
    line: 'L2',
    iface: 'confirmation',
    label: '0010',
    lot: '',
    qty: 14,
    scrap: 1,
    uom: 'EA',
    postingsBefore: 2,
    postingsAfter: 1,
    closesGap: 'duplicate-posting:PO-1/CONF/0010/1',
    summary: 'Reverses one of 2 postings.',
    ...over,
  };
}

const sequences = () => {
  const seen = new Map<string, number>();
  return (source: string) => {
    const n = (seen.get(source) ?? 0) + 1;
    seen.set(source, n);
    return n;
  };
};

describe('a reversal built for a watched broker', () => {
  it('given a confirmation posted twice, sends one cancellation of one posting, caused by the latest posting, and the request naming it', () => {
    const key = 'PO-1/CONF/0010/1';
    const events = [
      ev('mes.operation.confirmed', key, { order: 'PO-1', operation: '0010', workCenter: 'WC', goodQty: 14, scrapQty: 1, uom: 'EA', final: true }, 'm1'),
      ev('erp.confirmation.posted', key, { order: 'PO-1', operation: '0010', goodQty: 14, scrapQty: 1, uom: 'EA', document: 'D1' }, 'p1'),
      ev('erp.confirmation.posted', key, { order: 'PO-1', operation: '0010', goodQty: 14, scrapQty: 1, uom: 'EA', document: 'D2' }, 'p2'),
    ];
    const built = buildLiveReversal({ ...cmd, reverses: key }, preview({}), events, sequences(), NOW);
    expect(built.messages).toHaveLength(1);
    const [m] = built.messages;
    expect(m).toMatchObject({
      type: 'mes.confirmation.cancelled',
      businesskey: `${key}/REV/1`,
      causationid: 'p2',
      source: '/US01/L2/mes',
      origin: 'injected',
      subject: 'PO-1',
      time: '2026-03-02T08:00:00.000Z',
      data: { order: 'PO-1', operation: '0010', reverses: key, goodQty: 14, scrapQty: 1, uom: 'EA' },
    });
    // what goes on the wire decodes as a canonical event
    expect(decodeEvent(Buffer.from(JSON.stringify(m)), 256 * 1024, 'live')).toMatchObject({ ok: true });
    expect(built.actions).toEqual([
      expect.objectContaining({
        type: 'operator.reversal-requested',
        businesskey: key,
        source: '/US01/L2/operator',
        data: { who: 'controller', why: 'posted twice', reverses: key, messageId: m!.id, messageType: 'mes.confirmation.cancelled' },
      }),
    ]);
  });

  it('names the component and lot of a consumption, and leaves the lot out of a backflushed one', () => {
    const lotKey = 'PO-1/CONS/SEAL/L7';
    const lot = buildLiveReversal(
      { ...cmd, reverses: lotKey },
      preview({ key: lotKey, reversalKey: `${lotKey}/REV/1`, messageType: 'mes.consumption.reversed', iface: 'consumption', label: 'SEAL', lot: 'L7', qty: 2, scrap: 0, uom: 'KG' }),
      [ev('mes.material.consumed', lotKey, { order: 'PO-1', item: 'SEAL', lot: 'L7', qty: 2, uom: 'KG' }, 'm1')],
      sequences(),
      NOW,
    );
    expect(lot.messages[0]).toMatchObject({ lot: 'L7', data: { order: 'PO-1', item: 'SEAL', lot: 'L7', qty: 2, uom: 'KG', reverses: lotKey } });
    expect(lot.messages[0]!.causationid).toBeUndefined();

    const bfKey = 'PO-1/CONS/BEARING/0010/1';
    const bf = buildLiveReversal(
      { ...cmd, reverses: bfKey },
      preview({ key: bfKey, reversalKey: `${bfKey}/REV/2`, messageType: 'mes.consumption.reversed', iface: 'consumption', label: 'BEARING', lot: '', qty: 14, scrap: 0, uom: 'EA' }),
      [],
      sequences(),
      NOW,
    );
    expect(bf.messages[0]!.data).toEqual({ order: 'PO-1', item: 'BEARING', qty: 14, uom: 'EA', reverses: bfKey });
    expect(bf.messages[0]!.businesskey).toBe(`${bfKey}/REV/2`);
  });

  it('reverses a goods receipt of the lot ERP received', () => {
    const key = 'PO-1/GR/1';
    const built = buildLiveReversal(
      { ...cmd, reverses: key },
      preview({ key, reversalKey: `${key}/REV/1`, messageType: 'mes.receipt.reversed', iface: 'goods-receipt', label: 'PUMP', lot: 'FG-1', qty: 14, scrap: 0, uom: 'EA' }),
      [ev('erp.goods.received', key, { order: 'PO-1', item: 'PUMP-100', lot: 'FG-1', qty: 14, uom: 'EA', document: 'D' }, 'p1')],
      sequences(),
      NOW,
    );
    expect(built.messages[0]).toMatchObject({ type: 'mes.receipt.reversed', causationid: 'p1', data: { item: 'PUMP-100', lot: 'FG-1', qty: 14, uom: 'EA', reverses: key } });
  });

  it('a preview that refuses is the reason it throws, before anything is built', () => {
    expect(() => buildLiveReversal({ ...cmd, reverses: 'K' }, { ok: false, refused: 'K was never posted' }, [], sequences(), NOW)).toThrow(
      new OperatorError('K was never posted'),
    );
  });
});
