import { describe, expect, it } from 'vitest';
import type { AnyEvent } from '../../model/event.js';
import { GRACE, MIN, SEC, at, builder, feed, monitor, order } from './story.js';
import { postings } from './story-postings.js';

/**
 * Conservation with reversals, as a property over seeds and fault mixes: partial confirmations
 * posted once, twice or not at all (lost, dead-lettered), ERP's own corrections of double postings,
 * cancellations posted or lost. Whatever the mix, every key is in exactly one bucket (the snapshot
 * checks the sum), a key is `reversed` exactly when its postings net to none, a duplicate-posting gap
 * is open exactly for keys posted more than once net, and a reversal gap for each reversal ERP never posted.
 */
function lcg(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x / 0x1_0000_0000;
  };
}

type Truth = { needs: Set<string>; posted: Map<string, number>; reversedBy: Map<string, number>; unpostedReversals: Set<string> };

function story(seed: number): { events: AnyEvent[]; truth: Truth; end: number } {
  const rnd = lcg(seed);
  const b = builder();
  const truth: Truth = { needs: new Set(), posted: new Map(), reversedBy: new Map(), unpostedReversals: new Set() };
  const events: AnyEvent[] = [];
  let t = 0;
  const post = (key: string, e: AnyEvent) => {
    events.push(e);
    truth.posted.set(key, (truth.posted.get(key) ?? 0) + 1);
  };
  for (let n = 1; n <= 4; n++) {
    const id = `PO-${n}`;
    const o = order(b, id);
    const p = postings(b, id);
    events.push(o.created(t), o.released(t), o.acked(t + SEC), o.started(t + MIN));
    for (const op of ['0010', '0020']) {
      const partials = 1 + Math.floor(rnd() * 3);
      for (let i = 1; i <= partials; i++) {
        t += MIN;
        const key = p.keys.conf(op, i);
        const msg = p.partial(t, op, i, 5, { final: i === partials });
        events.push(msg);
        truth.needs.add(key);
        const fate = rnd();
        if (fate < 0.1) continue; // lost on its way: no record, no posting
        if (fate < 0.2) {
          events.push(o.deadLettered(t + SEC, msg, 'confirmation', 'operation locked', 'business-rule'));
          continue;
        }
        post(key, p.partialPosted(t + SEC, op, i, 5));
        if (rnd() < 0.4) post(key, p.partialPosted(t + 2 * SEC, op, i, 5));
        const r = rnd();
        const times = truth.posted.get(key)!;
        let rev = 0;
        if (times === 2 && r < 0.5) {
          // ERP's own correction of the double posting (no message)
          rev += 1;
          events.push(p.cancelPosted(t + 3 * SEC, key, rev, op, 5));
          truth.reversedBy.set(key, (truth.reversedBy.get(key) ?? 0) + 1);
        }
        if (rnd() < 0.3) {
          // MES cancels the partial: posted by ERP, or lost on its way
          rev += 1;
          const rkey = p.keys.rev(key, rev);
          events.push(p.cancelled(t + 4 * SEC, key, rev, op, 5));
          truth.needs.add(rkey);
          if (rnd() < 0.7) {
            events.push(p.cancelPosted(t + 5 * SEC, key, rev, op, 5));
            truth.reversedBy.set(key, (truth.reversedBy.get(key) ?? 0) + 1);
            truth.posted.set(rkey, 1);
          } else truth.unpostedReversals.add(rkey);
        }
      }
    }
    t += 10 * MIN;
  }
  return { events, truth, end: t + 3 * GRACE.confirmation };
}

const seeds = Array.from({ length: 25 }, (_, i) => 1 + i * 7919);

describe('conservation with reversals over seeds and fault mixes', () => {
  it.each(seeds)('seed %d', (seed) => {
    const { events, truth, end } = story(seed);
    const m = feed(monitor(), ...events);
    at(m, end);
    // the snapshot throws if the buckets do not add up to needsPosting
    const s = m.snapshot();
    const net = (k: string) => (truth.posted.get(k) ?? 0) - (truth.reversedBy.get(k) ?? 0);
    const reversed = [...truth.needs].filter((k) => (truth.posted.get(k) ?? 0) > 0 && net(k) <= 0);
    expect(s.conservation.needsPosting, `seed ${seed}`).toBe(truth.needs.size);
    expect(s.conservation.reversed, `seed ${seed}`).toBe(reversed.length);
    expect(s.conservation.posted + s.conservation.reversed, `seed ${seed}`).toBe([...truth.needs].filter((k) => (truth.posted.get(k) ?? 0) > 0).length);
    const dup = s.gaps.filter((g) => g.kind === 'duplicate-posting').map((g) => g.businesskeys[0]).sort();
    expect(dup, `seed ${seed}`).toEqual([...truth.posted.keys()].filter((k) => net(k) > 1).sort());
    const rev = s.gaps.filter((g) => g.kind === 'reversal').map((g) => g.businesskeys[0]).sort();
    expect(rev, `seed ${seed}`).toEqual([...truth.unpostedReversals].sort());
  });
});

describe('the fault mixes above', () => {
  it('hold every case at least once: reversed keys, double postings left and corrected, reversals lost', () => {
    let reversed = 0;
    let corrected = 0;
    let left = 0;
    let lost = 0;
    for (const seed of seeds) {
      const { truth } = story(seed);
      for (const [k, n] of truth.posted) {
        const r = truth.reversedBy.get(k) ?? 0;
        if (n - r <= 0) reversed += 1;
        if (n === 2 && r > 0) corrected += 1;
        if (n - r > 1) left += 1;
      }
      lost += truth.unpostedReversals.size;
    }
    expect(Math.min(reversed, corrected, left, lost)).toBeGreaterThan(0);
  });
});
