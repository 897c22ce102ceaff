import { describe, expect, it } from 'vitest';
import { GRACE, MIN, SEC, at, builder, feed, monitor, order } from './story.js';

const G = GRACE.confirmation;

/** Given operation 0010 confirmed by MES but lost before the journal (built, never applied), then 0020 started. */
function lostConfirmation() {
  const o = order(builder(), 'PO-1');
  const m = feed(monitor(), o.created(0), o.released(0), o.acked(SEC), o.started(MIN, '0010'));
  const lost = o.confirmed(10 * MIN, '0010', 10);
  m.apply(o.started(10 * MIN, '0020'));
  return { o, m, lost };
}

describe('messages lost before the journal (no event at all)', () => {
  it('are proven by the rest of the conversation, counted lost after grace, and shown in a gap', () => {
    const { m } = lostConfirmation();
    // Then the hole in MES's sequence is counted at once, and the message is pending within grace
    expect(m.snapshot().lines[0]!.missingMessages).toBe(1);
    at(m, 10 * MIN + G);
    expect(m.snapshot().conservation).toMatchObject({ needsPosting: 1, pending: 1, lost: 0 });
    expect(m.snapshot().gaps).toEqual([]);
    // When the grace period is over
    at(m, 10 * MIN + G + 1);
    const s = m.snapshot();
    expect(s.conservation).toEqual({ needsPosting: 1, posted: 0, reversed: 0, deadLettered: 0, pending: 0, lost: 1, notNeeded: 0 });
    expect(s.gaps[0]).toMatchObject({
      id: 'quantity:PO-1',
      businesskeys: ['unseen:PO-1/confirmation/0010'],
      mes: 'never seen',
      erp: 'not posted',
      delta: null,
      summary: 'operation 0010: MES never seen, ERP not posted',
      rows: [{ material: 'PUMP-1', lot: null, operation: '0010', measure: 'good', mes: null, erp: null, delta: null, note: '1 confirmation never seen' }],
      cause: 'no integration-layer record: message lost between MES and the integration layer',
    });
    expect(s.orders[0]).toMatchObject({ waitingFor: 'ERP confirmation posting', stuck: true });
    // the lost message is not something in the queue: nobody is carrying it
    expect(s.lines[0]!.queueDepth).toBe(0);
  });

  it('are forgotten when the real message turns up late, which also fills the sequence hole', () => {
    const { m, lost } = lostConfirmation();
    m.apply(lost);
    const s = m.snapshot();
    expect(s.lines[0]!.missingMessages).toBe(0);
    expect(s.conservation).toMatchObject({ needsPosting: 1, pending: 1 });
    expect(s.lines[0]!.queueDepth).toBe(1);
  });

  it('are forgotten when ERP posts them (ERP got the message; the journal did not)', () => {
    const { o, m } = lostConfirmation();
    m.apply(o.confPosted(11 * MIN, '0010', 10));
    at(m, 60 * MIN);
    expect(m.snapshot().conservation).toMatchObject({ needsPosting: 0, lost: 0 });
    expect(m.snapshot().gaps[0]!.cause).toBe('ERP posted PO-1/CONF/0010 with no message seen from the sender');
  });

  it('include a completion proven by the inspection request, and a consumption of a staged lot', () => {
    const o = order(builder(), 'PO-1');
    const m = feed(monitor(), o.created(0), o.released(0), o.acked(SEC), o.staged(MIN), o.started(2 * MIN));
    feed(m, o.confirmed(10 * MIN, '0010', 10, 0, { final: true }), o.confPosted(10 * MIN + SEC, '0010', 10));
    // consumption and completion were lost; QMS asks to inspect the lot MES completed
    m.apply(o.inspectionRequested(11 * MIN));
    at(m, 11 * MIN + GRACE['goods-receipt'] + 1);
    const s = m.snapshot();
    expect(s.conservation).toMatchObject({ needsPosting: 3, posted: 1, lost: 2 });
    expect(s.reconciliation.mismatches.map((x) => [x.field, x.mes, x.erp])).toEqual(
      expect.arrayContaining([
        ['consumption RM-1 RL-1 message', 'never seen', 'not posted'],
        ['completion message', 'never seen', 'not posted'],
      ]),
    );
  });

  it('include the hold a failed inspection proves', () => {
    const o = order(builder(), 'PO-1');
    const m = feed(monitor(), o.completed(0), o.inspectionRequested(MIN), o.inspected(10 * MIN, 'fail'));
    at(m, 10 * MIN + GRACE['quality-hold'] + 1);
    expect(m.snapshot().gaps.find((g) => g.kind === 'hold')).toMatchObject({
      mes: 'on hold',
      erp: 'not blocked',
      businesskeys: ['unseen:PO-1/hold'],
      cause: 'no integration-layer record: message lost between QMS and the integration layer',
    });
  });

  it('are named with the business key the plant would have used, once its spelling is learned', () => {
    // Given confirmations of another order taught the monitor how confirmation keys are spelled
    const b = builder();
    const other = order(b, 'PO-0');
    const m = feed(monitor(), other.confirmed(0, '0010', 5), other.confPosted(SEC, '0010', 5));
    const o = order(b, 'PO-1');
    feed(m, o.started(MIN, '0010'));
    o.confirmed(10 * MIN, '0010', 10); // lost before the journal
    m.apply(o.started(10 * MIN, '0020'));
    at(m, 10 * MIN + G + 1);
    const gap = m.snapshot().gaps.find((g) => g.order === 'PO-1')!;
    expect(gap.businesskeys).toEqual(['PO-1/CONF/0010']);
    // When the real message turns up late after all, Then it takes the placeholder's place (one key, not two)
    m.apply(o.confirmed(10 * MIN, '0010', 10, 0, { id: 'late' }));
    expect(m.snapshot().conservation).toMatchObject({ needsPosting: 2, posted: 1, lost: 1 });
    expect(m.snapshot().gaps.find((g) => g.order === 'PO-1')).toMatchObject({ businesskeys: ['PO-1/CONF/0010'], mes: '10 EA', erp: 'not posted' });
    m.apply(o.confPosted(30 * MIN, '0010', 10));
    expect(m.snapshot().gaps.filter((g) => g.order === 'PO-1')).toEqual([]);
  });

  it('include a release lost between ERP and the integration layer, found from a hole in ERP\'s sequence', () => {
    // Given ERP created two orders and released them; the first release never reached the journal
    const b = builder();
    const a = order(b, 'PO-A');
    const c = order(b, 'PO-C');
    const m = feed(monitor(), a.created(0), c.created(SEC));
    const rel = c.released(2 * SEC);
    feed(m, rel, c.acked(3 * SEC, undefined, rel));
    a.released(MIN); // lost
    m.apply(c.confPosted(2 * MIN, '0010', 1)); // ERP's next event shows the hole
    at(m, 2 * MIN + GRACE['order-release'] + 1);
    const s = m.snapshot();
    expect(s.lines[0]!.missingMessages).toBe(1);
    expect(s.gaps.find((g) => g.order === 'PO-A')).toMatchObject({
      id: 'status:PO-A/REL',
      businesskeys: ['PO-A/REL'],
      mes: 'not acknowledged',
      erp: 'released (message never seen)',
      cause: 'no integration-layer record: message lost between ERP and the integration layer → MES has not acknowledged the release',
    });
  });

  it('include a hold release proven by rework starting', () => {
    const o = order(builder(), 'PO-1');
    const m = feed(monitor(), o.completed(0), o.inspectionRequested(MIN), o.inspected(10 * MIN, 'fail'), o.holdPlaced(10 * MIN), o.blocked(10 * MIN + SEC));
    m.apply(o.started(40 * MIN, 'RW01')); // the hold release (rework) was lost
    at(m, 40 * MIN + GRACE['quality-hold'] + 1);
    expect(m.snapshot().gaps.find((g) => g.kind === 'hold')).toMatchObject({ mes: 'released (disposition unknown)', erp: 'blocked' });
    expect(m.snapshot().conservation).toMatchObject({ lost: 2 });
  });
});
