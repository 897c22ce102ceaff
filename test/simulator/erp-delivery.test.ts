import { describe, expect, it } from 'vitest';
import { fault, ofType, run, scenario } from './fixtures.js';
import { postingsByKey } from './invariants.js';

const H = 3_600_000;
const threeLines = [{ plant: 'P1', line: 'L1' }, { plant: 'P1', line: 'L2' }, { plant: 'P1', line: 'L3' }];
const outage = [fault('erp-outage', { atMs: 2 * H, forMs: 10 * 60_000 })];

describe('simulator: ERP outage against retry', () => {
  it('with retry on: rejected messages are retried with growing backoff and posted once ERP is back', () => {
    // Given ERP refuses every delivery for ten minutes
    const s = scenario({ lines: threeLines, durationMs: 6 * H, orders: { minQty: 2, maxQty: 6 }, faults: outage });
    const r = run(s);
    const rejected = r.ledger.filter((l) => l.effect === 'rejected');
    expect(rejected.length).toBeGreaterThan(2);
    // once per affected message
    expect(new Set(rejected.map((l) => l.messageId)).size).toBe(rejected.length);
    const retried = ofType(r.events, 'int.message.retried');
    for (const l of rejected) {
      const tries = retried.filter((e) => e.data.messageId === l.messageId);
      expect(tries.length).toBeGreaterThan(0);
      expect(tries.map((e) => e.data.attempt)).toEqual(tries.map((_, i) => i + 1));
      expect(tries.map((e) => e.data.backoffMs)).toEqual(tries.map((_, i) => Math.min(300_000, 5_000 * 2 ** i)));
      expect(tries[0]!.data.error).toBe('HTTP 503 Service Unavailable');
      // Then each is posted exactly once, after the outage
      const p = postingsByKey(r.events).get(l.businesskey!)!;
      expect(p).toHaveLength(1);
      expect(Date.parse(p[0]!.time)).toBeGreaterThanOrEqual(s.startMs + 2 * H + 10 * 60_000);
    }
    expect(ofType(r.events, 'int.message.dead-lettered')).toHaveLength(0);
    expect(ofType(r.events, 'erp.order.closed')).toHaveLength(ofType(r.events, 'erp.order.created').length);
  });

  it('with retry off: the first technical error dead-letters the message', () => {
    const r = run(scenario({ lines: threeLines, durationMs: 6 * H, orders: { minQty: 2, maxQty: 6 }, faults: outage, integration: { retry: { enabled: false } } }));
    const rejected = r.ledger.filter((l) => l.effect === 'rejected');
    const dead = ofType(r.events, 'int.message.dead-lettered');
    expect(rejected.length).toBeGreaterThan(2);
    expect(ofType(r.events, 'int.message.retried')).toHaveLength(0);
    for (const l of rejected) {
      const d = dead.find((e) => e.data.messageId === l.messageId)!;
      expect(d.data).toMatchObject({ category: 'technical', attempts: 1, reason: 'HTTP 503 Service Unavailable' });
      expect(postingsByKey(r.events).has(l.businesskey!)).toBe(false);
    }
  });

  it('dead-letters as technical once the attempts are used up', () => {
    const r = run(scenario({ durationMs: 4 * H, faults: outage, integration: { retry: { maxAttempts: 3 } } }));
    const dead = ofType(r.events, 'int.message.dead-lettered');
    expect(dead.length).toBeGreaterThan(0);
    for (const d of dead) expect(d.data).toMatchObject({ category: 'technical', attempts: 3 });
  });

  it('judges each message once when an outage strikes only some: every retry meets the fate of its first delivery', () => {
    // Given ERP refuses about a third of the messages, for the whole run, and three attempts per message
    const faults = [fault('erp-outage', { forMs: 48 * H, probability: 0.3 })];
    const r = run(scenario({ lines: threeLines, durationMs: 6 * H, orders: { minQty: 2, maxQty: 6 }, faults, integration: { retry: { maxAttempts: 3 } } }));
    const rejected = r.ledger.filter((l) => l.effect === 'rejected');
    const retried = ofType(r.events, 'int.message.retried');
    const dead = ofType(r.events, 'int.message.dead-lettered');
    const posted = postingsByKey(r.events);
    expect(rejected.length).toBeGreaterThan(10);
    // Then each struck message is ledgered once, refused on every attempt and dead-lettered, never posted
    expect(new Set(rejected.map((l) => l.messageId)).size).toBe(rejected.length);
    for (const l of rejected) {
      expect(retried.filter((e) => e.data.messageId === l.messageId).map((e) => e.data.attempt)).toEqual([1, 2]);
      expect(dead.find((e) => e.data.messageId === l.messageId)?.data).toMatchObject({ category: 'technical', attempts: 3 });
      expect(posted.has(l.businesskey!)).toBe(false);
    }
    // and a message that was spared is never retried: no message changes its fate between attempts
    const struck = new Set(rejected.map((l) => l.messageId));
    for (const e of retried) expect(struck.has(e.data.messageId)).toBe(true);
    expect(posted.size).toBeGreaterThan(rejected.length);
  });

  it('holds the later messages of an order behind one waiting for a retry', () => {
    const r = run(scenario({ lines: threeLines, durationMs: 6 * H, orders: { minQty: 2, maxQty: 6 }, faults: outage }));
    // per order, ERP posts in the order MES sent
    const bySubject = new Map<string, number[]>();
    const seqOf = new Map(r.events.map((e) => [e.id, Number(e.sequence)]));
    for (const e of r.events) {
      if (!e.type.startsWith('erp.') || e.causationid === undefined || !e.causationid) continue;
      const cause = r.events.find((x) => x.id === e.causationid);
      if (!cause || !cause.source.endsWith('/mes')) continue;
      const list = bySubject.get(e.subject!) ?? [];
      list.push(seqOf.get(cause.id)!);
      bySubject.set(e.subject!, list);
    }
    for (const [, seqs] of bySubject) expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
  });
});

describe('simulator: ERP rate limit (429) and the layer rate limit', () => {
  it('throttles what exceeds the ERP limit, retries it, and ledgers each message once', () => {
    const s = scenario({ durationMs: 4 * H, orders: { minQty: 2, maxQty: 6 }, faults: [fault('erp-rate-limit', { atMs: H, params: { perSecond: 0.01, forMs: 30 * 60_000 } })] });
    const r = run(s);
    const throttled = r.ledger.filter((l) => l.effect === 'throttled');
    expect(throttled.length).toBeGreaterThan(0);
    expect(new Set(throttled.map((l) => l.messageId)).size).toBe(throttled.length);
    const errors = new Set(ofType(r.events, 'int.message.retried').map((e) => e.data.error));
    expect(errors).toEqual(new Set(['HTTP 429 Too Many Requests']));
    for (const l of throttled) expect(postingsByKey(r.events).get(l.businesskey!)).toHaveLength(1);
  });

  it('never sends ERP more than perSecond messages a second', () => {
    // Given a fixed ERP latency, a posting's time minus that latency is when ERP accepted it
    const r = run(scenario({
      lines: threeLines,
      durationMs: 4 * H,
      orders: { minQty: 1, maxQty: 4 },
      erp: { postingLatencyMinMs: 1_000, postingLatencyMaxMs: 1_000 },
      integration: { rateLimit: { perSecond: 0.2 } },
    }));
    const accepted = r.events.filter((e) => e.type.startsWith('erp.') && e.type !== 'erp.order.created' && e.type !== 'erp.order.released' && e.type !== 'erp.order.closed');
    const times = accepted.map((e) => Date.parse(e.time)).sort((a, b) => a - b);
    expect(times.length).toBeGreaterThan(50);
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(5_000);
  });
});
