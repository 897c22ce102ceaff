import { describe, expect, it } from 'vitest';
import { needsErpPosting } from '../../model/index.js';
import { fault, ofType, run, scenario } from './fixtures.js';
import { expectContiguousSequences, postingsByKey } from './invariants.js';

const H = 3_600_000;
const outage = [fault('wan-outage', { atMs: 2 * H, forMs: H, line: 'P1/L1' })];
const twoLines = [{ plant: 'P1', line: 'L1' }, { plant: 'P1', line: 'L2' }];

describe('simulator: WAN outage against store-and-forward', () => {
  it('with store-and-forward on: the line buffers at the edge and forwards in order when the WAN returns', () => {
    // Given line L1 loses its WAN for an hour
    const s = scenario({ lines: twoLines, durationMs: 6 * H, faults: outage });
    const r = run(s);
    const buffered = r.ledger.filter((l) => l.effect === 'buffered');
    // Then every message of L1 made in the window is buffered, and only L1's
    expect(buffered.length).toBeGreaterThan(5);
    expect(r.ledger.every((l) => (l.effect === 'buffered' || l.effect === 'window') && l.line === 'L1')).toBe(true);
    expect(r.ledger.at(-1)?.window).toEqual({ start: '2026-03-02T08:00:00.000Z', end: '2026-03-02T09:00:00.000Z', messagesAffected: buffered.length });
    const back = s.startMs + 3 * H;
    const fwd = ofType(r.events, 'int.message.forwarded');
    const buf = ofType(r.events, 'int.message.buffered');
    // each integration message (those for ERP, and MES's acknowledgements) is reported buffered and forwarded when the WAN is back
    expect(buf.map((e) => e.data.messageId)).toEqual(buffered.map((l) => l.messageId));
    expect(buffered.every((l) => needsErpPosting(l.messageType!) || l.messageType === 'mes.order.acknowledged')).toBe(true);
    expect(fwd.map((e) => e.data.messageId)).toEqual(buf.map((e) => e.data.messageId));
    for (const [i, f] of fwd.entries()) {
      expect(Date.parse(f.time)).toBe(back);
      expect(f.data.bufferedMs).toBe(back - Date.parse(buf[i]!.time));
      expect(f.source).toBe('/P1/L1/int');
    }
    expect(buf.map((e) => e.data.bufferDepth)).toEqual([...buf.map((e) => e.data.bufferDepth)].sort((a, b) => a - b));
    // And nothing is lost: each buffered message that needs a posting is posted once, after the WAN is back
    const postings = postingsByKey(r.events);
    for (const l of buffered.filter((x) => x.needsPosting)) {
      expect(postings.get(l.businesskey!)).toHaveLength(1);
      expect(Date.parse(postings.get(l.businesskey!)![0]!.time)).toBeGreaterThanOrEqual(back);
    }
    expect(ofType(r.events, 'erp.order.closed')).toHaveLength(ofType(r.events, 'erp.order.created').length);
  });

  it('with store-and-forward off: the messages are journaled as MES made them but never reach the layer or ERP', () => {
    const r = run(scenario({ lines: twoLines, durationMs: 6 * H, faults: outage, integration: { storeAndForward: { enabled: false } } }));
    const lost = r.ledger.filter((l) => l.effect === 'dropped');
    expect(lost.length).toBeGreaterThan(5);
    expect(r.ledger.every((l) => (l.effect === 'dropped' || l.effect === 'window') && l.kind === 'wan-outage')).toBe(true);
    const ids = new Set(r.events.map((e) => e.id));
    // (the plant side — MES, WMS, QMS — still sees a lost message and names it as a cause; nothing past the WAN does)
    const answered = new Set(r.events.filter((e) => /\/(erp|int)$/.test(e.source)).map((e) => e.causationid));
    for (const l of lost) {
      expect(ids.has(l.messageId!)).toBe(true);
      expect(answered.has(l.messageId)).toBe(false);
    }
    const postings = postingsByKey(r.events);
    for (const l of lost.filter((x) => x.needsPosting)) expect(postings.has(l.businesskey!)).toBe(false);
    expectContiguousSequences(r.events);
    expect(ofType(r.events, 'int.message.buffered')).toHaveLength(0);
  });

  it('discards the oldest buffered message when the edge buffer is full', () => {
    // Given an edge buffer of three messages
    const r = run(scenario({ durationMs: 6 * H, faults: outage, integration: { storeAndForward: { capacity: 3 } } }));
    const buffered = r.ledger.filter((l) => l.effect === 'buffered').map((l) => l.messageId!);
    const dropped = r.ledger.filter((l) => l.effect === 'dropped');
    expect(buffered.length).toBeGreaterThan(3);
    expect(dropped.length).toBeGreaterThan(0);
    expect(dropped[0]!.detail).toMatch(/buffer full/);
    // Then each buffered message is either discarded (the oldest, to make room) or forwarded, never both
    const discarded = ofType(r.events, 'int.message.discarded');
    expect(discarded.map((e) => e.data.messageId)).toEqual(dropped.map((l) => l.messageId));
    for (const d of discarded) expect(d.data.reason).toBe('edge buffer full');
    const forwarded = ofType(r.events, 'int.message.forwarded').map((e) => e.data.messageId);
    expect(forwarded.length).toBeLessThanOrEqual(3);
    expect([...forwarded, ...dropped.map((l) => l.messageId)].sort()).toEqual([...buffered].sort());
    const postings = postingsByKey(r.events);
    for (const l of dropped.filter((x) => x.needsPosting)) expect(postings.has(l.businesskey!)).toBe(false);
  });
});
