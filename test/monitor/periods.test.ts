import { describe, expect, it } from 'vitest';
import { rfc3339, type AnyEvent } from '../../model/index.js';
import { GRACE, MIN, SEC, T0, at, builder, feed, monitor, order, type Builder } from './story.js';
import { postings } from './story-postings.js';

/**
 * Posting periods as the monitor learns them: ERP's announcements (`erp.period.closed` /
 * `reopened`), the messages' posting dates, and ERP's refusals. For these stories ERP closes
 * period 2026-03 an hour after T0 (2026-03-02T06:00Z): the monitor takes the period's bounds and
 * close from the announcement, never from a calendar of its own.
 */
const FROM = '2026-02-28T23:00:00.000Z';
const TO = '2026-03-31T22:00:00.000Z';
const CLOSE = 60 * MIN;
const H = 60 * MIN;

function closed(b: Builder, t: number): AnyEvent {
  return b.ev('erp.period.closed', t, { closedAt: rfc3339(T0 + t), from: FROM, period: '2026-03', plant: b.plant, to: TO }, { key: `${b.plant}/PERIOD/2026-03/CLOSE`, order: null });
}
function reopened(b: Builder, t: number): AnyEvent {
  return b.ev('erp.period.reopened', t, { from: FROM, period: '2026-03', plant: b.plant, reopenedAt: rfc3339(T0 + t), to: TO }, { key: `${b.plant}/PERIOD/2026-03/REOPEN`, order: null });
}
const refusal = (key: string) => `posting period 2026-03 is closed: ${key} has posting date ${rfc3339(T0 + 50 * MIN)}; re-post it into the open period or reopen 2026-03`;
const lineOf = (m: ReturnType<typeof monitor>, line: string) => m.snapshot().lines.find((l) => l.line === line)!;

describe('monitor: late postings per line', () => {
  it('counts nothing, and shows no count, before ERP announces a closed period', () => {
    const o = order(builder(), 'PO-1');
    const c = o.confirmed(50 * MIN, '0010', 5);
    const m = feed(monitor(), o.created(0), c, o.deadLettered(70 * MIN, c, 'confirmation', 'order locked', 'business-rule'));
    expect(lineOf(m, 'L1').latePostings).toBeUndefined();
  });

  it('counts a message dated in the closed period that ERP refused after the close, on its own line only', () => {
    // Given ERP closed the period on both lines of the plant
    const b1 = builder('P1', 'L1');
    const b2 = builder('P1', 'L2');
    const o = order(b1, 'PO-1');
    const c = o.confirmed(50 * MIN, '0010', 5);
    const m = feed(monitor(), o.created(0), c, order(b2, 'PO-2').created(0), closed(b1, CLOSE), closed(b2, CLOSE));
    expect(lineOf(m, 'L1').latePostings).toBe(0);
    // When the confirmation made before the close reaches ERP after it and is refused for the period
    feed(m, o.deadLettered(CLOSE + 5 * MIN, c, 'confirmation', refusal(c.businesskey), 'business-rule'));
    // Then L1 has one late posting, L2 none
    expect(lineOf(m, 'L1').latePostings).toBe(1);
    expect(lineOf(m, 'L2').latePostings).toBe(0);
  });

  it('does not count a technical dead letter, nor a business refusal of a message dated after the period', () => {
    const b = builder();
    const o = order(b, 'PO-1');
    const before = o.confirmed(50 * MIN, '0010', 5);
    const m = feed(monitor(), o.created(0), before, closed(b, CLOSE), o.deadLettered(CLOSE + MIN, before, 'confirmation', 'HTTP 503', 'technical'));
    // a message dated in April (after the period) refused for another rule
    const april = b.ev('mes.operation.confirmed', CLOSE + 2 * MIN, { order: 'PO-1', operation: '0020', workCenter: 'WC-1', goodQty: 5, scrapQty: 0, uom: 'EA', final: false, postingDate: '2026-04-01T08:00:00+02:00' }, { key: 'PO-1/CONF/0020', order: 'PO-1' });
    feed(m, april, o.deadLettered(CLOSE + 3 * MIN, april, 'confirmation', 'order locked', 'business-rule'));
    expect(lineOf(m, 'L1').latePostings).toBe(0);
  });

  it("gathers an order's messages refused for the closed period into one cause: the rule once, then every message", () => {
    const b = builder();
    const o = order(b, 'PO-1');
    const cs = ['0010', '0020', '0030'].map((op, i) => o.confirmed(50 * MIN + i * SEC, op, 5));
    const m = feed(monitor(), o.created(0), ...cs, closed(b, CLOSE), ...cs.map((c, i) => o.deadLettered(CLOSE + MIN + i * SEC, c, 'confirmation', refusal(c.businesskey), 'business-rule')));
    at(m, CLOSE + MIN + GRACE.confirmation + MIN);
    const q = m.snapshot().gaps.find((g) => g.kind === 'quantity');
    expect(q?.causeChain.map((x) => x.text)).toEqual([refusal(cs[0]!.businesskey), `3 confirmations dead-lettered (business-rule): ${cs.map((c) => c.businesskey).join(', ')}`]);
    expect(q?.cause.match(/posting period 2026-03 is closed/g)).toHaveLength(1);
  });

  it('a resend dated in the open period is posted and not counted again; a posting after a reopen is late', () => {
    const b = builder();
    const o = order(b, 'PO-1');
    const c = o.confirmed(50 * MIN, '0010', 5);
    const c2 = o.confirmed(55 * MIN, '0020', 5);
    const m = feed(monitor(), o.created(0), c, c2, closed(b, CLOSE), o.deadLettered(CLOSE + MIN, c, 'confirmation', refusal(c.businesskey), 'business-rule'));
    // the operator resends the first with a posting date in April: ERP posts the copy
    const copy = b.ev('mes.operation.confirmed', CLOSE + 10 * MIN, { ...(c.data as object), postingDate: '2026-04-01T00:30:00+02:00' } as never, { key: c.businesskey, order: 'PO-1', id: 'copy-1' });
    feed(m, copy, o.confPosted(CLOSE + 11 * MIN, '0010', 5, 0, { cause: copy }));
    expect(lineOf(m, 'L1').latePostings).toBe(1);
    // ERP reopens the period, and the second confirmation (dated in it) is posted only then
    feed(m, reopened(b, 2 * H), o.confPosted(2 * H + MIN, '0020', 5, 0, { cause: c2 }));
    expect(lineOf(m, 'L1').latePostings).toBe(2);
  });

  it('a posting ERP accepted before the close and posts seconds after it is not late', () => {
    const b = builder();
    const o = order(b, 'PO-1');
    const c = o.confirmed(CLOSE - 5 * SEC, '0010', 5);
    const m = feed(monitor(), o.created(0), c, closed(b, CLOSE), o.confPosted(CLOSE + 10 * SEC, '0010', 5, 0, { cause: c }));
    expect(lineOf(m, 'L1').latePostings).toBe(0);
  });

  it('the gap of a refused posting names the closed period as its root cause, not an unposted confirmation upstream', () => {
    const b = builder();
    const o = order(b, 'PO-1');
    const fin = o.confirmed(50 * MIN, '0040', 10, 0, { final: true });
    const done = o.completed(50 * MIN);
    const reason = refusal(o.keys.gr);
    const m = feed(monitor(), o.created(0), o.released(0), o.acked(SEC), fin, done, closed(b, CLOSE), o.deadLettered(CLOSE + MIN, done, 'goods-receipt', reason, 'business-rule'));
    at(m, CLOSE + MIN + GRACE['goods-receipt'] + 1);
    const g = m.snapshot().gaps.find((x) => x.kind === 'receipt');
    expect(g?.cause).toBe(`${reason} → goods receipt ${o.keys.gr} dead-lettered (business-rule)`);
    expect(g?.rootCause).toBe('business-rule');
  });

  it("a usage decision ERP refused for stock it never received traces back to the receipt refused for the period", () => {
    const b = builder();
    const o = order(b, 'PO-1');
    const p = postings(b, 'PO-1');
    const done = p.completed(50 * MIN, 1, 10);
    const ud = p.usageDecided(CLOSE + 20 * MIN, 1, 10, 'unrestricted');
    const reason = refusal(p.keys.gr(1));
    const noStock = `cannot transfer lot ${p.lot} of order PO-1: ERP has received no stock of it`;
    const m = feed(monitor(), o.created(0), done, closed(b, CLOSE), o.deadLettered(CLOSE + MIN, done, 'goods-receipt', reason, 'business-rule'), ud, o.deadLettered(CLOSE + 21 * MIN, ud, 'quality-hold', noStock, 'business-rule'));
    at(m, CLOSE + 21 * MIN + GRACE['quality-hold'] + 1);
    const g = m.snapshot().gaps.find((x) => x.kind === 'hold');
    expect(g?.cause).toBe(`${reason} → goods receipt ${p.keys.gr(1)} dead-lettered (business-rule) → usage decision ${p.keys.ud(1)} refused: ${noStock}`);
  });
});

describe('monitor: a backlog far behind its clock (MES restart)', () => {
  it('never moves time back; counts the backlog in the queue and measures latency from each message time', () => {
    // Given the monitor is at T0 + 3 h from another line's traffic
    const other = order(builder('P1', 'L2'), 'PO-9');
    const m = feed(monitor(), other.created(3 * H));
    expect(m.nowMs).toBe(T0 + 3 * H);
    // When L1's MES sends two hours of backlog at once (messages made from T0 + 1 h)
    const o = order(builder('P1', 'L1'), 'PO-1');
    const backlog = [o.confirmed(1 * H, '0010', 5), o.confirmed(1.5 * H, '0020', 5), o.confirmed(2 * H, '0030', 5)];
    feed(m, ...backlog);
    // Then its clock stays where it was, the queue holds the backlog, the oldest has waited two hours
    expect(m.nowMs).toBe(T0 + 3 * H);
    expect(lineOf(m, 'L1')).toMatchObject({ queueDepth: 3, queueDepthMax: 3, oldestPendingMs: 2 * H });
    // When ERP drains it within a minute, latency is from each message's time: hours, not seconds
    feed(m, o.confPosted(3 * H + 10 * SEC, '0010', 5, 0, { cause: backlog[0] }), o.confPosted(3 * H + 20 * SEC, '0020', 5, 0, { cause: backlog[1] }), o.confPosted(3 * H + 30 * SEC, '0030', 5, 0, { cause: backlog[2] }));
    const l = lineOf(m, 'L1');
    expect(l.queueDepth).toBe(0);
    expect(l.postingLatencyMs.max).toBe(2 * H + 10 * SEC);
    expect(l.postingLatencyMs.count).toBe(3);
  });

  it('a backlog message put back in order waited from when it came, not from when it was made: its MES queue time stays latency', () => {
    // Given the monitor's clock at T0 + 3 h
    const m = feed(monitor(), order(builder('P1', 'L2'), 'PO-9').created(3 * H));
    const o = order(builder('P1', 'L1'), 'PO-1');
    // When a confirmation made at T0 + 1 h comes in the backlog, waits 5 s for its turn, and is posted 10 s after it came
    const c = o.confirmed(1 * H, '0010', 5);
    feed(m, c, o.resequenced(3 * H + 5 * SEC, c, 'confirmation', 1, 2), o.confPosted(3 * H + 10 * SEC, '0010', 5, 0, { cause: c }));
    // Then 5 s were held by resequencing, and the rest — two hours in MES's queue — is transit latency
    const l = lineOf(m, 'L1');
    expect(l.heldMs.resequencing.count).toBe(1);
    expect(l.heldMs.resequencing.max).toBe(5 * SEC);
    expect(l.postingLatencyMs.max).toBe(2 * H + 5 * SEC);
  });

  it('a duplicate inside the burst is still one key in the queue', () => {
    const m = feed(monitor(), order(builder('P1', 'L2'), 'PO-9').created(3 * H));
    const o = order(builder('P1', 'L1'), 'PO-1');
    feed(m, o.confirmed(1 * H, '0010', 5), o.confirmed(1 * H, '0010', 5), o.confirmed(1.2 * H, '0020', 5));
    expect(lineOf(m, 'L1')).toMatchObject({ queueDepth: 2, queueDepthMax: 2 });
  });
});
