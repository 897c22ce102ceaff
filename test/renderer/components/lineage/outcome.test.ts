import { describe, expect, it } from 'vitest';
import type { AnyEvent } from '../../../../engine/contract/index.js';
import { outcomes, summarize } from '../../../../renderer/components/lineage/outcome.js';

let n = 0;
function ev(type: string, data: Record<string, unknown>, id = `e${++n}`): AnyEvent {
  return {
    specversion: '1.0',
    id,
    source: `/US01/L2/${type.split('.')[0]}`,
    type,
    time: '2026-03-02T14:00:00.000Z',
    subject: 'PO-1',
    datacontenttype: 'application/json',
    data,
    correlationid: 'c',
    businesskey: 'PO-1/CONF/0040',
    plant: 'US01',
    line: 'L2',
    sequence: String(n),
    origin: 'simulated',
  } as AnyEvent;
}

const ref = (messageId: string) => ({ messageId, messageType: 'mes.operation.confirmed', interface: 'confirmation' });

describe('outcomes', () => {
  it('marks a dead-lettered message where it was sent as well as the report itself', () => {
    const msg = ev('mes.operation.confirmed', { operation: '0040' }, 'msg');
    const dl = ev('int.message.dead-lettered', { ...ref('msg'), category: 'data-quality', reason: 'UoM PC not convertible to EA', attempts: 1 });
    const o = outcomes([msg, dl]);
    expect(o.get('msg')).toBe('dead-lettered');
    expect(o.get(dl.id)).toBe('dead-lettered');
  });

  it('gives a message the outcome of its last report: gated then released is delivered again', () => {
    const msg = ev('mes.order.completed', {}, 'gr');
    const gated = ev('int.message.gated', { ...ref('gr'), gate: 'quality', reason: 'inspection pending' });
    const released = ev('int.message.released', { ...ref('gr'), gate: 'quality', heldMs: 9000 });
    const o = outcomes([msg, gated, released]);
    expect(o.get('gr')).toBe('ok');
    expect(o.get(gated.id)).toBe('gated');
    expect(o.get(released.id)).toBe('ok');
  });

  it('tells retries and suppressed duplicates apart', () => {
    const a = ev('mes.operation.confirmed', {}, 'a');
    const b = ev('mes.operation.confirmed', {}, 'b');
    const o = outcomes([
      a,
      b,
      ev('int.message.retried', { ...ref('a'), attempt: 1, error: 'timeout', backoffMs: 1000 }),
      ev('int.message.duplicate-suppressed', { ...ref('b'), firstMessageId: 'a' }),
    ]);
    expect(o.get('a')).toBe('retried');
    expect(o.get('b')).toBe('duplicate');
  });

  it('leaves business events nobody reported on as ok', () => {
    const e = ev('erp.order.released', {});
    expect(outcomes([e]).get(e.id)).toBe('ok');
  });
});

describe('summarize', () => {
  it('says why a message was dead-lettered', () => {
    const dl = ev('int.message.dead-lettered', { ...ref('m'), category: 'data-quality', reason: 'UoM PC not convertible to EA', attempts: 1 });
    expect(summarize(dl)).toBe('mes.operation.confirmed dead-lettered (data-quality): UoM PC not convertible to EA');
  });

  it('gives quantities of confirmations and consumptions', () => {
    expect(summarize(ev('mes.operation.confirmed', { operation: '0010', goodQty: 40, scrapQty: 1, uom: 'EA' }))).toBe('operation 0010: 40 good, 1 scrap EA');
    expect(summarize(ev('mes.material.consumed', { item: 'HSG', lot: 'L5', qty: 14, uom: 'EA' }))).toBe('14 EA HSG from lot L5');
  });

  it("says what a trainee answered and which hint they took (the event browser and lineage show a trainee's session as it went)", () => {
    expect(summarize(ev('operator.answer-given', { who: 'Ana', why: 'the gap', exercise: 'missing-receipt', question: 'order', answer: 'PO-1' }))).toBe('Ana answered order of missing-receipt: PO-1');
    expect(summarize(ev('operator.hint-taken', { who: 'Ana', why: 'asked for a hint', exercise: 'missing-receipt', hint: 2 }))).toBe('Ana took hint 2 of missing-receipt');
  });
});
