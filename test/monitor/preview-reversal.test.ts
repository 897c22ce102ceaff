import { describe, expect, it } from 'vitest';
import { buildLineage } from '../../monitor/index.js';
import { MIN, SEC, builder, feed, monitor, order } from './story.js';
import { postings } from './story-postings.js';

function started() {
  const b = builder();
  const o = order(b, 'PO-1');
  const p = postings(b, 'PO-1');
  const m = feed(monitor(), o.created(-10 * MIN), o.released(-10 * MIN), o.acked(-10 * MIN + SEC), o.started(-5 * MIN));
  return { o, p, m };
}

describe('Monitor.previewReversal', () => {
  it('given a double posting, previews netting one posting and the gap it closes; after it is posted, the next preview nets to nothing', () => {
    const { p, m } = started();
    const k = p.keys.conf('0010', 2);
    feed(m, p.partial(0, '0010', 2, 14, { scrap: 1 }), p.partialPosted(SEC, '0010', 2, 14, 1), p.partialPosted(2 * SEC, '0010', 2, 14, 1));
    expect(m.previewReversal(k)).toEqual({
      ok: true,
      key: k,
      reversalKey: `${k}/REV/1`,
      messageType: 'mes.confirmation.cancelled',
      order: 'PO-1',
      plant: 'P1',
      line: 'L1',
      iface: 'confirmation',
      label: '0010',
      lot: '',
      qty: 14,
      scrap: 1,
      uom: 'EA',
      postingsBefore: 2,
      postingsAfter: 1,
      closesGap: `duplicate-posting:${k}`,
      summary: `Reverses one of 2 postings of 14 EA and 1 EA scrap PUMP-1 (confirmation 0010 #2): the key is then posted once and gap duplicate-posting:${k} closes.`,
    });
    // the preview changed nothing
    expect(m.snapshot().gaps.map((g) => g.id)).toEqual([`duplicate-posting:${k}`]);
    // When that reversal is sent and posted, Then a second one would reverse the last posting, cancelling MES's confirmation with it
    feed(m, p.cancelled(MIN, k, 1, '0010', 14, 1), p.cancelPosted(MIN + SEC, k, 1, '0010', 14, 1));
    expect(m.previewReversal(k)).toMatchObject({
      ok: true,
      reversalKey: `${k}/REV/2`,
      postingsBefore: 1,
      postingsAfter: 0,
      closesGap: undefined,
      summary: `Reverses the posting of 14 EA and 1 EA scrap PUMP-1 (confirmation 0010 #2): the key then nets to nothing in ERP; MES's confirmation is cancelled with it.`,
    });
  });

  it('previews a goods receipt reversal with its lot and the reversal message type', () => {
    const { p, m } = started();
    feed(m, p.completed(0, 1, 10), p.received(SEC, 1, 10));
    expect(m.previewReversal(p.keys.gr(1))).toMatchObject({ ok: true, messageType: 'mes.receipt.reversed', iface: 'goods-receipt', label: 'PUMP-1', lot: 'LOT-PO-1', qty: 10, postingsAfter: 0 });
  });

  it('refuses an unknown key, a key with nothing left to net, a reversal, and a key that cannot be reversed', () => {
    const { o, p, m } = started();
    const k = p.keys.conf('0010', 1);
    feed(m, p.partial(0, '0010', 1, 5), o.holdPlaced(SEC), o.blocked(2 * SEC));
    expect(m.previewReversal('PO-9/CONF/0010/1')).toEqual({ ok: false, refused: 'business key PO-9/CONF/0010/1 is unknown to the monitor (never seen, or its order closed and was forgotten: the journal has it)' });
    expect(m.previewReversal(k)).toEqual({ ok: false, refused: `${k} has no ERP posting left to net: ERP has not posted it` });
    expect(m.previewReversal(o.keys.hold)).toEqual({ ok: false, refused: 'PO-1/HOLD is on the quality-hold interface: only confirmations, consumptions and goods receipts can be reversed' });
    feed(m, p.partialPosted(3 * SEC, '0010', 1, 5), p.cancelled(MIN, k, 1, '0010', 5));
    expect(m.previewReversal(`${k}/REV/1`)).toEqual({ ok: false, refused: `${k}/REV/1 is itself a reversal (of ${k}): reverse a posting, not a reversal` });
    m.apply(p.cancelPosted(MIN + SEC, k, 1, '0010', 5));
    expect(m.previewReversal(k)).toEqual({ ok: false, refused: `${k} has no ERP posting left to net: ERP posted it once and reversed it once` });
  });
});

describe('lineage of a reversal', () => {
  it('draws the reversal message against the posting it reverses (its cause), and its posting from it', () => {
    const { p } = started();
    const k = p.keys.conf('0010', 1);
    const c = p.partial(0, '0010', 1, 5);
    const first = p.partialPosted(SEC, '0010', 1, 5);
    const second = p.partialPosted(2 * SEC, '0010', 1, 5);
    const rev = p.cancelled(MIN, k, 1, '0010', 5, 0, second);
    const revPosted = p.cancelPosted(MIN + SEC, k, 1, '0010', 5);
    const l = buildLineage([c, first, second, rev, revPosted]);
    expect(l.edges.filter((e) => e.to === rev.id || e.to === revPosted.id)).toEqual([
      { from: second.id, to: rev.id, via: 'reverses', latencyMs: MIN - 2 * SEC },
      { from: rev.id, to: revPosted.id, via: 'businesskey', latencyMs: SEC },
    ]);
  });

  it("draws ERP's own correction (no message) against the latest posting before it", () => {
    const { p } = started();
    const k = p.keys.conf('0010', 1);
    const first = p.partialPosted(SEC, '0010', 1, 5);
    const second = p.partialPosted(2 * SEC, '0010', 1, 5);
    const fix = p.cancelPosted(MIN, k, 1, '0010', 5);
    expect(buildLineage([first, second, fix]).edges).toEqual([{ from: second.id, to: fix.id, via: 'reverses', latencyMs: MIN - 2 * SEC }]);
  });

  it('still links a goods receipt to its completion (a receipt answers a completion and a partial receipt alike)', () => {
    const { p } = started();
    const done = p.completed(0, 1, 10);
    const gr = p.received(SEC, 1, 10);
    expect(buildLineage([done, gr]).edges).toEqual([{ from: done.id, to: gr.id, via: 'businesskey', latencyMs: SEC }]);
  });
});
