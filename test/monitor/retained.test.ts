import { describe, expect, it } from 'vitest';
import type { AnyEvent } from '../../model/event.js';
import { GRACE, MIN, SEC, at, builder, monitor, order } from './story.js';

/**
 * A broker's retained message arrives on subscribe, maybe days after it happened: it feeds state
 * (the order's last known status, what a key's sides say) but no timing — no latency sample, no
 * place in the queue, no gap opened by its age, no sequence hole, no proof of lost messages.
 */
const line = (m: ReturnType<typeof monitor>) => m.snapshot().lines[0]!;
const retained = (m: ReturnType<typeof monitor>, ...events: AnyEvent[]) => {
  for (const e of events) m.apply(e, true);
  return m;
};
const live = (m: ReturnType<typeof monitor>, ...events: AnyEvent[]) => {
  for (const e of events) m.apply(e);
  return m;
};

describe('retained deliveries', () => {
  it('an unanswered retained confirmation opens no gap and waits in no queue; the same one live does both', () => {
    const story = () => {
      const o = order(builder(), 'PO-1');
      return { o, c: o.confirmed(0, '0010', 10) };
    };
    // Given a confirmation that happened long before anyone watched, delivered retained
    const r = story();
    const mr = at(retained(monitor(), r.c), 3 * GRACE.confirmation);
    // Then nothing is late, queued or lost: whether ERP posted it before we subscribed is unknown
    expect(mr.snapshot().gaps).toEqual([]);
    expect(line(mr)).toMatchObject({ queueDepth: 0, queueDepthMax: 0, oldestPendingMs: null, openGaps: 0 });
    expect(mr.snapshot().conservation).toMatchObject({ needsPosting: 0, pending: 0, lost: 0 });
    expect(mr.snapshot().orders).toMatchObject([{ order: 'PO-1', waitingFor: expect.not.stringContaining('ERP confirmation') }]);
    // Given the same confirmation published live
    const l = story();
    const ml = at(live(monitor(), l.c), 3 * GRACE.confirmation);
    // Then it is queued and its quantity gap opens once grace has passed
    expect(ml.snapshot().gaps).toMatchObject([{ kind: 'quantity', order: 'PO-1' }]);
    expect(line(ml)).toMatchObject({ queueDepthMax: 1, openGaps: 1 });
    expect(ml.snapshot().conservation).toMatchObject({ needsPosting: 1, lost: 1 });
  });

  it('gives no latency sample for a posting whose message (or itself) came retained; live pairs still do', () => {
    const o = order(builder(), 'PO-1');
    const m = monitor();
    // Given a retained message answered live, and a live message answered by a retained posting
    retained(m, o.confirmed(0, '0010', 10));
    live(m, o.confPosted(10 * MIN, '0010', 10));
    live(m, o.confirmed(11 * MIN, '0020', 10));
    retained(m, o.confPosted(11 * MIN + SEC, '0020', 10));
    // Then both are posted (and agree), but neither timed the interface
    expect(line(m).postingLatencyMs.count).toBe(0);
    expect(m.snapshot().conservation).toMatchObject({ needsPosting: 2, posted: 2 });
    // When a live message gets its live posting, Then that one is a sample
    live(m, o.confirmed(12 * MIN, '0030', 10), o.confPosted(12 * MIN + 2 * SEC, '0030', 10));
    expect(line(m).postingLatencyMs).toMatchObject({ count: 1, max: 2 * SEC });
    expect(m.snapshot().gaps).toEqual([]);
  });

  it('a retained posting of a message never seen opens no gap; a live one does', () => {
    const run = (how: typeof live) => {
      const o = order(builder(), 'PO-1');
      return at(how(monitor(), o.confPosted(0, '0010', 10)), 3 * GRACE.confirmation).snapshot().gaps.length;
    };
    expect(run(retained)).toBe(0);
    expect(run(live)).toBe(1);
  });

  it('still feeds state: the last known order status, a mismatch between the sides', () => {
    const o = order(builder(), 'PO-1');
    // Given the retained release, start and a confirmation of 10
    const m = retained(monitor(), o.created(0), o.released(SEC), o.acked(2 * SEC), o.started(MIN), o.confirmed(5 * MIN, '0010', 10));
    // Then the order is where they say it is
    expect(m.snapshot().orders).toMatchObject([{ order: 'PO-1', state: 'in-process' }]);
    // When ERP posts 8 live, Then the disagreement is a gap once grace runs out from that posting
    live(m, o.confPosted(60 * MIN, '0010', 8));
    at(m, 60 * MIN + GRACE.confirmation + 1);
    expect(m.snapshot().gaps).toMatchObject([{ kind: 'quantity', mes: '10 EA', erp: '8 EA' }]);
  });

  it('opens no sequence hole and proves no lost message; the same stream live does both', () => {
    const run = (how: typeof live) => {
      // MES numbers its messages 1, 2, 3: the broker kept 1 and 3 (retained on their topics), 2 was overwritten
      const o = order(builder(), 'PO-1');
      const started = o.started(MIN, '0010');
      void o.confirmed(2 * MIN, '0005', 1);
      const completed = o.completed(20 * MIN);
      // a completion after a start, live, proves that the started operation's confirmation was sent
      return at(how(monitor(), started, completed), 20 * MIN + 3 * GRACE['goods-receipt']).snapshot();
    };
    const r = run(retained);
    expect(r.lines[0]!.missingMessages).toBe(0);
    expect(r.gaps).toEqual([]);
    expect(r.conservation).toMatchObject({ needsPosting: 0, lost: 0 });
    expect(r.orders).toMatchObject([{ order: 'PO-1', state: 'completed' }]);
    const l = run(live);
    expect(l.lines[0]!.missingMessages).toBe(1);
    expect(l.conservation.lost).toBe(2);
    expect(l.gaps.map((g) => g.kind).sort()).toEqual(['quantity', 'receipt']);
  });
});
