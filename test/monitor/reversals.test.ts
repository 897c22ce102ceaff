import { describe, expect, it } from 'vitest';
import { rfc3339 } from '../../model/event.js';
import { GRACE, MIN, SEC, T0, at, builder, feed, monitor, order } from './story.js';
import { postings } from './story-postings.js';

const G = GRACE.confirmation;

function started(id = 'PO-1', retainClosedMs?: number) {
  const b = builder();
  const o = order(b, id);
  const p = postings(b, id);
  const m = feed(monitor(retainClosedMs), o.created(-10 * MIN), o.released(-10 * MIN), o.acked(-10 * MIN + SEC), o.started(-5 * MIN));
  return { b, o, p, m };
}

const kinds = (m: ReturnType<typeof monitor>) => m.snapshot().gaps.map((g) => g.id);

describe('reversals net the key they name', () => {
  it("closes exactly the duplicate-posting gap ERP's own correction nets, and not another key's; the correction owes nothing", () => {
    // Given two partials each posted twice by ERP
    const { p, m } = started();
    const k1 = p.keys.conf('0010', 1);
    const k2 = p.keys.conf('0020', 1);
    feed(m, p.partial(0, '0010', 1, 6), p.partialPosted(SEC, '0010', 1, 6), p.partialPosted(2 * SEC, '0010', 1, 6));
    feed(m, p.partial(MIN, '0020', 1, 6), p.partialPosted(MIN + SEC, '0020', 1, 6), p.partialPosted(MIN + 2 * SEC, '0020', 1, 6));
    expect(kinds(m)).toEqual([`duplicate-posting:${k1}`, `duplicate-posting:${k2}`]);
    // When ERP's controller reverses the second posting of the first key (no plant message)
    m.apply(p.cancelPosted(10 * MIN, k1, 1, '0010', 6));
    // Then that key's gap closes at once, the other stays, and long after grace nothing opens for the correction
    expect(kinds(m)).toEqual([`duplicate-posting:${k2}`]);
    expect(m.snapshot().gapsClosed).toBe(1);
    at(m, 10 * MIN + 3 * G);
    expect(kinds(m)).toEqual([`duplicate-posting:${k2}`]);
    // the correction is no key that needed a posting: the two partials are posted
    expect(m.snapshot().conservation).toMatchObject({ needsPosting: 2, posted: 2, reversed: 0, lost: 0 });
    expect(m.postingsOf(k1)).toMatchObject({ count: 2 });
  });

  it('opens a reversal gap for a reversal ERP never posted, counts it lost, and closes both gaps once ERP posts it', () => {
    // Given a confirmation ERP posted twice, and a reversal the plant sent (its message) that gets lost
    const { p, m } = started();
    const k = p.keys.conf('0010', 1);
    const first = p.partialPosted(SEC, '0010', 1, 14);
    feed(m, p.partial(0, '0010', 1, 14), first, p.partialPosted(2 * SEC, '0010', 1, 14));
    m.apply(p.cancelled(5 * MIN, k, 1, '0010', 14, 0, first));
    // When exactly the grace period has passed, Then no reversal gap yet
    at(m, 5 * MIN + G);
    expect(kinds(m)).toEqual([`duplicate-posting:${k}`]);
    // When one more millisecond passes, Then the reversal is a gap of its own, and conservation shows it lost
    at(m, 5 * MIN + G + 1);
    const g = m.snapshot().gaps.find((x) => x.kind === 'reversal');
    expect(g).toMatchObject({
      id: `reversal:${k}/REV/1`,
      interface: 'confirmation',
      businesskeys: [`${k}/REV/1`, k],
      openedAt: rfc3339(T0 + 5 * MIN + G),
      summary: `cancellation ${k}/REV/1 not posted by ERP; ${k} (operation 0010): MES 14 EA, ERP 28 EA (Δ −14 EA)`,
      rootCause: 'lost',
    });
    expect(g!.cause).toBe(`no integration-layer record: cancellation ${k}/REV/1 lost between MES and the integration layer → cancellation ${k}/REV/1 not posted: ERP still holds ${k}, posted twice (14 EA of operation 0010 each)`);
    expect(m.snapshot().conservation).toMatchObject({ needsPosting: 2, posted: 1, lost: 1, reversed: 0 });
    // the reversal corrected ERP's double posting: MES's confirmation still stands, so no quantity gap
    expect(kinds(m).filter((id) => id.startsWith('quantity'))).toEqual([]);
    // When ERP posts the reversal late, Then the reversal and the duplicate-posting gap close
    m.apply(p.cancelPosted(30 * MIN, k, 1, '0010', 14));
    expect(kinds(m)).toEqual([]);
    expect(m.snapshot().conservation).toMatchObject({ needsPosting: 2, posted: 2, lost: 0, reversed: 0 });
  });

  it('takes a cancelled confirmation out of both sides: re-entered with the right quantity, nothing differs', () => {
    // Given MES confirmed 140 instead of 14 and ERP posted it
    const { o, p, m } = started();
    const k = p.keys.conf('0010', 1);
    feed(m, p.partial(0, '0010', 1, 140, { final: true }), p.partialPosted(SEC, '0010', 1, 140));
    // When MES cancels it, ERP posts the cancellation, and MES re-enters it as the next partial
    feed(m, p.cancelled(15 * MIN, k, 1, '0010', 140), p.cancelPosted(15 * MIN + SEC, k, 1, '0010', 140));
    feed(m, p.partial(16 * MIN, '0010', 2, 14, { final: true }), p.partialPosted(16 * MIN + SEC, '0010', 2, 14));
    at(m, 16 * MIN + 3 * G);
    // Then no gap, the cancelled key is reversed, the cancellation and the re-entry posted
    expect(m.snapshot().gaps).toEqual([]);
    expect(m.snapshot().conservation).toMatchObject({ needsPosting: 3, posted: 2, reversed: 1, deadLettered: 0, pending: 0, lost: 0 });
    // and the order reconciles: operation 0010 is 14 on both sides, net
    feed(m, p.completed(20 * MIN, 1, 14), p.received(20 * MIN + SEC, 1, 14), o.closed(21 * MIN, 14));
    expect(m.snapshot().reconciliation).toMatchObject({ ordersCompared: 1, ordersMatched: 1, mismatches: [] });
  });

  it("names the reversed key, not its operation, when the cancellation of a mis-entry never reaches ERP and the re-entry does", () => {
    // Given MES confirmed 140 instead of 14, ERP posted it, MES cancelled it and re-entered 14 under the next key
    const { p, m } = started();
    const k = p.keys.conf('0010', 1);
    feed(m, p.partial(0, '0010', 1, 140, { final: true }), p.partialPosted(SEC, '0010', 1, 140));
    feed(m, p.cancelled(15 * MIN, k, 1, '0010', 140), p.partial(15 * MIN, '0010', 2, 14, { final: true }), p.partialPosted(15 * MIN + 2 * SEC, '0010', 2, 14));
    // When the cancellation is past its grace without an ERP posting
    at(m, 15 * MIN + G + 1);
    // Then one reversal gap: the cancelled key is 0 in MES and 140 in ERP; operation 0010 as a whole is 14 against 154
    const [g, ...rest] = m.snapshot().gaps;
    expect(rest).toEqual([]);
    expect(g).toMatchObject({ id: `reversal:${k}/REV/1`, mes: '0 EA', erp: '140 EA', delta: -140 });
    expect(g!.summary).toBe(`cancellation ${k}/REV/1 not posted by ERP; ${k} (operation 0010): MES 0 EA, ERP 140 EA (Δ −140 EA)`);
    expect(g!.rows).toEqual([expect.objectContaining({ operation: '0010', note: `the key ${k} alone (${k}/REV/1 reverses it)` })]);
  });

  it('does not open a quantity gap while the cancellation is within grace, nor count the cancelled key as owed', () => {
    const { p, m } = started();
    const k = p.keys.conf('0010', 1);
    feed(m, p.partial(0, '0010', 1, 140), p.partialPosted(SEC, '0010', 1, 140), p.cancelled(MIN, k, 1, '0010', 140));
    at(m, MIN + G);
    expect(m.snapshot().gaps).toEqual([]);
    expect(m.snapshot().orders[0]!.waitingFor).not.toContain('ERP confirmation posting');
  });

  it('nets a double-posted consumption with its reversal and reconciles the component lot', () => {
    const { o, p, m } = started();
    const k = o.keys.cons('RM-1', 'RL-1');
    feed(m, o.consumed(0, 'RM-1', 'RL-1', 5), o.consPosted(SEC, 'RM-1', 'RL-1', 5), o.consPosted(2 * SEC, 'RM-1', 'RL-1', 5));
    expect(kinds(m)).toEqual([`duplicate-posting:${k}`]);
    m.apply(p.consumptionReversalPosted(MIN, k, 1, 'RM-1', 5, 'KG', 'RL-1'));
    expect(kinds(m)).toEqual([]);
    feed(m, p.completed(2 * MIN, 1, 10), p.received(2 * MIN + SEC, 1, 10));
    expect(m.snapshot().reconciliation.mismatches.filter((x) => x.field.startsWith('consumption'))).toEqual([]);
  });

  it('keeps the duplicate-posting gap of a key posted three times and reversed once, saying so', () => {
    const { p, m } = started();
    const k = p.keys.conf('0010', 1);
    feed(m, p.partial(0, '0010', 1, 5), ...[1, 2, 3].map((i) => p.partialPosted(i * SEC, '0010', 1, 5)), p.cancelPosted(MIN, k, 1, '0010', 5));
    const [g] = m.snapshot().gaps;
    expect(g).toMatchObject({ id: `duplicate-posting:${k}`, mes: '5 EA', erp: '10 EA' });
    expect(g!.cause).toBe(`ERP posted business key ${k} 3 times → ${k}/REV/1 reversed one of them: still posted twice net`);
  });

  it('takes a reversal of a closed order it still holds for a dispute (compacted), closing the dispute', () => {
    // Given an order closed with a double posting, kept past its retention only for that
    const { o, p, m } = started('PO-1', MIN);
    const k = p.keys.conf('0010', 1);
    feed(m, p.partial(0, '0010', 1, 5, { final: true }), p.partialPosted(SEC, '0010', 1, 5), p.partialPosted(2 * SEC, '0010', 1, 5));
    feed(m, p.completed(MIN, 1, 5), p.received(MIN + SEC, 1, 5), o.closed(2 * MIN, 5));
    at(m, 10 * MIN);
    expect(kinds(m)).toEqual([`duplicate-posting:${k}`]);
    // When ERP corrects it much later, Then the correction is taken (not a late event) and the gap closes
    m.apply(p.cancelPosted(60 * MIN, k, 1, '0010', 5));
    expect(kinds(m)).toEqual([]);
    // and the order, settled now, is forgotten a retention later
    at(m, 70 * MIN);
    expect(m.postingsOf(k)).toBeUndefined();
  });
});

describe('a reversal journaled after its own posting', () => {
  it('is judged as it stood before that posting: a correction of a double posting still leaves MES its word', () => {
    const { p, m } = started();
    const k = p.keys.conf('0010', 1);
    feed(m, p.partial(0, '0010', 1, 5), p.partialPosted(SEC, '0010', 1, 5), p.partialPosted(2 * SEC, '0010', 1, 5));
    // the posting of the reversal overtakes its message in the journal
    feed(m, p.cancelPosted(MIN, k, 1, '0010', 5), p.cancelled(MIN - SEC, k, 1, '0010', 5));
    at(m, MIN + 3 * G);
    expect(m.snapshot().gaps).toEqual([]);
    expect(m.snapshot().conservation).toMatchObject({ needsPosting: 2, posted: 2, reversed: 0 });
  });
});

describe('a reversal ERP posted other than asked', () => {
  it('stays a reversal gap, with the quantity ERP reversed against the one asked for', () => {
    const { p, m } = started();
    const k = p.keys.conf('0010', 1);
    feed(m, p.partial(0, '0010', 1, 140), p.partialPosted(SEC, '0010', 1, 140), p.cancelled(MIN, k, 1, '0010', 140), p.cancelPosted(MIN + SEC, k, 1, '0010', 14));
    at(m, MIN + SEC + G + 1);
    const g = m.snapshot().gaps.find((x) => x.kind === 'reversal');
    expect(g).toMatchObject({ id: `reversal:${k}/REV/1`, rootCause: 'mismatch', summary: `cancellation ${k}/REV/1 posted by ERP other than asked; ${k} (operation 0010): MES 0 EA, ERP 126 EA (Δ −126 EA)` });
    expect(g!.cause).toBe(`ERP posted 14 EA for ${k}/REV/1, MES reported 140 EA → cancellation ${k}/REV/1 of ${k} posted other than asked`);
  });
});
