import { describe, expect, it } from 'vitest';
import { rfc3339 } from '../../model/event.js';
import { STUCK_AFTER_MS } from '../../monitor/index.js';
import { GRACE, MIN, SEC, T0, at, builder, cleanOrder, feed, monitor, order, type Order } from './story.js';

const view = (m: ReturnType<typeof monitor>, id: string) => m.snapshot().orders.find((o) => o.order === id);

/** A second inspection request of the order's lot (after rework), with its own business key. */
const b2 = (o: Order) => {
  const e = o.inspectionRequested(60 * MIN);
  return { ...e, id: `${e.id}-2`, businesskey: `${o.id}/INSP/2` };
};

describe('order lifecycle', () => {
  it('walks through the states, each entered by its named event, and leaves the list when closed', () => {
    // Given a clean order story
    const b = builder();
    const o = order(b, 'PO-1');
    const events = cleanOrder(o, 0);
    const m = monitor();
    const seen: string[] = [];
    // When each event is applied
    for (const e of events) {
      m.apply(e);
      const v = view(m, 'PO-1');
      if (v && seen[seen.length - 1] !== v.state) seen.push(v.state);
    }
    // Then the order went through the lifecycle in order, and a closed order is no longer listed
    expect(seen).toEqual(['created', 'released', 'acknowledged', 'in-process', 'completed', 'quality-pending', 'inspected', 'received']);
    expect(view(m, 'PO-1')).toBeUndefined();
    const line = m.snapshot().lines[0]!;
    expect([line.ordersReleased, line.ordersCompleted, line.ordersClosed]).toEqual([1, 1, 1]);
  });

  it('records when the state was entered and how long it has been there', () => {
    const o = order(builder(), 'PO-1');
    const m = feed(monitor(), o.created(0), o.released(30 * SEC), o.acked(40 * SEC));
    at(m, 10 * MIN);
    expect(view(m, 'PO-1')).toMatchObject({ state: 'acknowledged', since: rfc3339(T0 + 40 * SEC), ageInStateMs: 10 * MIN - 40 * SEC });
  });

  it('is not stuck within the interface grace period, and stuck right after it', () => {
    // Given a released order that MES never acknowledges
    const o = order(builder(), 'PO-1');
    const m = feed(monitor(), o.created(0), o.released(0));
    // When the order-release grace period has just run out
    at(m, GRACE['order-release']);
    // Then it is waiting for MES, not yet stuck
    expect(view(m, 'PO-1')).toMatchObject({ state: 'released', stuck: false, waitingFor: 'MES acknowledgement' });
    // When one more millisecond passes
    at(m, GRACE['order-release'] + 1);
    expect(view(m, 'PO-1')!.stuck).toBe(true);
  });

  it('uses the documented fixed threshold for waits on the plant itself', () => {
    const o = order(builder(), 'PO-1');
    const m = feed(monitor(), o.created(0), o.released(0), o.acked(SEC), o.started(2 * SEC));
    at(m, 2 * SEC + STUCK_AFTER_MS.production);
    expect(view(m, 'PO-1')).toMatchObject({ state: 'in-process', stuck: false });
    at(m, 2 * SEC + STUCK_AFTER_MS.production + 1);
    expect(view(m, 'PO-1')!.stuck).toBe(true);
  });

  it('waits for the overdue posting rather than the state when a message is past grace', () => {
    // Given an order in process whose confirmation ERP has not posted
    const o = order(builder(), 'PO-1');
    const m = feed(monitor(), o.released(0), o.acked(SEC), o.started(MIN), o.confirmed(2 * MIN, '0010', 10));
    // When the confirmation grace has passed
    at(m, 2 * MIN + GRACE.confirmation + 1);
    // Then the order is stuck waiting for ERP
    expect(view(m, 'PO-1')).toMatchObject({ state: 'in-process', stuck: true, waitingFor: 'ERP confirmation posting' });
  });

  it('does not move back when a late copy of an earlier event arrives', () => {
    const o = order(builder(), 'PO-1');
    const m = feed(monitor(), o.released(0), o.acked(SEC), o.started(MIN), o.completed(20 * MIN), o.started(21 * MIN));
    expect(view(m, 'PO-1')!.state).toBe('completed');
  });

  it('goes on hold after a failed inspection, and back into process for rework', () => {
    const o = order(builder(), 'PO-1');
    const m = feed(monitor(), o.released(0), o.acked(SEC), o.started(MIN), o.confirmed(19 * MIN, '0010', 10, 0, { final: true }));
    feed(m, o.confPosted(19 * MIN + SEC, '0010', 10), o.completed(20 * MIN), o.inspectionRequested(21 * MIN));
    feed(m, o.inspected(25 * MIN, 'fail'), o.holdPlaced(26 * MIN), o.blocked(26 * MIN + SEC));
    expect(view(m, 'PO-1')).toMatchObject({ state: 'on-hold', waitingFor: 'QMS hold disposition', stuck: false });
    feed(m, o.holdReleased(40 * MIN, 'rework'), o.stockReleased(40 * MIN + SEC, 'rework'), o.started(45 * MIN, '0030'));
    expect(view(m, 'PO-1')).toMatchObject({ state: 'in-process', since: rfc3339(T0 + 45 * MIN) });
  });

  it('after a hold released for use, is no longer on hold and waits for the ERP goods receipt', () => {
    const o = order(builder(), 'PO-1');
    const m = feed(monitor(), o.released(0), o.acked(SEC), o.completed(20 * MIN), o.inspectionRequested(21 * MIN), o.inspected(25 * MIN, 'fail'));
    expect(view(m, 'PO-1')).toMatchObject({ state: 'inspected', since: rfc3339(T0 + 25 * MIN), waitingFor: 'QMS hold' });
    feed(m, o.holdPlaced(26 * MIN), o.blocked(26 * MIN + SEC), o.holdReleased(40 * MIN, 'release'), o.stockReleased(40 * MIN + SEC, 'release'));
    expect(view(m, 'PO-1')).toMatchObject({ state: 'hold-released', since: rfc3339(T0 + 40 * MIN), waitingFor: 'ERP goods receipt' });
  });

  it('leaves quality-pending when the inspection passes, and waits for the goods receipt from then', () => {
    // Given an order whose lot waits for inspection
    const o = order(builder(), 'PO-1');
    const m = feed(monitor(), o.released(0), o.acked(SEC), o.completed(20 * MIN), o.inspectionRequested(20 * MIN));
    expect(view(m, 'PO-1')).toMatchObject({ state: 'quality-pending', waitingFor: 'QMS inspection result' });
    // When the inspection passes (and a copy of the request arrives late)
    feed(m, o.inspected(34 * MIN, 'pass'), o.inspectionRequested(35 * MIN));
    // Then the order says so, and waits for ERP from the pass
    at(m, 40 * MIN);
    expect(view(m, 'PO-1')).toMatchObject({ state: 'inspected', since: rfc3339(T0 + 34 * MIN), waitingFor: 'ERP goods receipt', waitingMs: 6 * MIN });
  });

  it('after rework, is in process again and then waits for the new inspection', () => {
    const o = order(builder(), 'PO-1');
    const m = feed(monitor(), o.released(0), o.acked(SEC), o.completed(20 * MIN), o.inspectionRequested(20 * MIN), o.inspected(25 * MIN, 'fail'));
    feed(m, o.holdPlaced(25 * MIN), o.blocked(25 * MIN + SEC), o.holdReleased(40 * MIN, 'rework'), o.stockReleased(40 * MIN + SEC, 'rework'));
    expect(view(m, 'PO-1')).toMatchObject({ state: 'hold-released', waitingFor: 'MES rework' });
    // the rework start may be lost: the new inspection request still moves the order back to quality-pending
    const again = b2(o);
    m.apply(again);
    expect(view(m, 'PO-1')).toMatchObject({ state: 'quality-pending', since: rfc3339(T0 + 60 * MIN), waitingFor: 'QMS inspection result' });
  });
});
