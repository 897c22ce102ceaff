import { describe, expect, it } from 'vitest';
import { rfc3339 } from '../../model/event.js';
import { GRACE, MIN, SEC, T0, at, builder, feed, monitor, order } from './story.js';

const G = GRACE.confirmation;

/** Given a confirmation in PC that the integration layer dead-lettered at 1 s. */
function deadLetter() {
  const o = order(builder(), 'PO-1', { uom: 'EA' });
  const c = o.confirmed(0, '0010', 10, 0, { uom: 'PC' });
  const m = feed(monitor(), o.created(-MIN), c, o.deadLettered(SEC, c, 'confirmation', 'UoM PC not convertible to EA'));
  return { o, c, m };
}

describe('exception queue', () => {
  it('lists an open dead letter with where it belongs, and counts it per line and category', () => {
    const { c, m } = deadLetter();
    const s = m.snapshot();
    expect(s.exceptions).toEqual([
      {
        messageId: c.id,
        businesskey: 'PO-1/CONF/0010',
        category: 'data-quality',
        reason: 'UoM PC not convertible to EA',
        plant: 'P1',
        line: 'L1',
        order: 'PO-1',
        interface: 'confirmation',
        messageType: 'mes.operation.confirmed',
        at: rfc3339(T0 + SEC),
      },
    ]);
    expect(s.lines[0]!.exceptions).toEqual({ technical: 0, 'business-rule': 0, 'data-quality': 1 });
    expect(s.controls.deadLettered).toBe(1);
    expect(s.lines[0]!.queueDepth).toBe(0);
  });

  it('an operator discard takes it off the queue; the posting is still missing, and the gap says so', () => {
    const { o, c, m } = deadLetter();
    m.apply(o.opDiscarded(MIN, c));
    at(m, G + 1);
    const s = m.snapshot();
    expect(s.exceptions).toEqual([]);
    expect(s.lines[0]!.exceptions['data-quality']).toBe(0);
    expect(s.conservation).toMatchObject({ needsPosting: 1, deadLettered: 1 });
    expect(s.gaps[0]!.cause).toBe('UoM PC not convertible to EA → confirmation PO-1/CONF/0010 dead-lettered (data-quality) (discarded by an operator)');
  });

  it('an operator retry takes it off the queue and puts the message back in flight', () => {
    const { o, c, m } = deadLetter();
    m.apply(o.opRetried(MIN, c));
    at(m, G + 1);
    const s = m.snapshot();
    expect(s.exceptions).toEqual([]);
    expect(s.conservation).toMatchObject({ pending: 1, deadLettered: 0 });
    expect(s.lines[0]!.queueDepth).toBe(1);
    expect(s.gaps[0]!.cause).toBe(`retried by eve at ${rfc3339(T0 + MIN)}, not yet posted`);
    // When it fails again, Then it is back on the queue
    m.apply(o.deadLettered(G + MIN, c, 'confirmation', 'UoM PC not convertible to EA'));
    expect(m.snapshot().exceptions).toHaveLength(1);
    expect(m.snapshot().conservation).toMatchObject({ pending: 0, deadLettered: 1 });
  });

  it('an operator resend replaces the message; the exceptions workbench can see whether ERP already posted the key', () => {
    const { o, c, m } = deadLetter();
    expect(m.postingsOf('PO-1/CONF/0010')).toBeUndefined();
    m.apply(o.opResent(MIN, c, 'r-1'));
    expect(m.snapshot().exceptions).toEqual([]);
    feed(m, o.confirmed(MIN, '0010', 10, 0, { id: 'r-1', origin: 'injected' }), o.confPosted(MIN + SEC, '0010', 10));
    expect(m.postingsOf('PO-1/CONF/0010')).toEqual({ count: 1, firstAt: rfc3339(T0 + MIN + SEC) });
    expect(m.postedKeys()).toBe(1);
  });

  it('an integration-layer discard closes the exception', () => {
    const { o, c, m } = deadLetter();
    m.apply(o.discarded(MIN, c, 'confirmation'));
    expect(m.snapshot().exceptions).toEqual([]);
    expect(m.snapshot().conservation).toMatchObject({ needsPosting: 0, notNeeded: 1 });
  });

  it('counts quarantined input in the controls without any key', () => {
    const b = builder();
    const m = monitor();
    m.apply(b.ev('int.message.quarantined', 0, { quarantineRef: 'q-1', channel: 'plant/P1/L1/mes', reason: 'not-json', detail: 'truncated', bytes: 17 }, { key: 'q-1', order: null }));
    expect(m.snapshot().controls.quarantined).toBe(1);
    expect(m.snapshot().exceptions).toEqual([]);
  });
});
