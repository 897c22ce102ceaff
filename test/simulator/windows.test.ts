import { describe, expect, it } from 'vitest';
import { needsErpPosting, type FaultSpec, type LedgerEntry } from '../../model/index.js';
import { createSimulation, type SimOutput } from '../../simulator/index.js';
import { fault, ofType, run, scenario } from './fixtures.js';
import { expectTimeOrdered } from './invariants.js';

const H = 3_600_000;
const M = 60_000;
const twoLines = [{ plant: 'P1', line: 'L1' }, { plant: 'P1', line: 'L2' }];
const iso = (ms: number) => new Date(ms).toISOString();
const windows = (ledger: readonly LedgerEntry[]) => ledger.filter((l) => l.effect === 'window');

/** A windowed fault as the loader resolves `{kind, at, for}` with neither probability nor count. */
function windowed(kind: FaultSpec['kind'], atMs: number, forMs: number, line?: string): FaultSpec {
  return { ...fault(kind, { atMs, forMs, line }), probability: undefined, count: undefined };
}

describe('simulator: windowed faults', () => {
  it('given neither probability nor count, a WAN outage cuts off every message of its line in its window', () => {
    const s = scenario({ lines: twoLines, durationMs: 6 * H, faults: [windowed('wan-outage', 2 * H, H, 'P1/L1')] });
    const r = run(s);
    const from = s.startMs + 2 * H;
    const until = from + H;
    const inWindow = (t: string) => Date.parse(t) >= from && Date.parse(t) < until;
    const buffered = r.ledger.filter((l) => l.effect === 'buffered');
    // every integration message L1 sent in the window (those for ERP and MES's acknowledgements), and nothing else
    const sent = r.events.filter(
      (e) => e.line === 'L1' && inWindow(e.time) && (e.type === 'mes.order.acknowledged' || needsErpPosting(e.type)),
    );
    expect(buffered.length).toBeGreaterThan(0);
    expect(buffered.map((l) => l.messageId)).toEqual(sent.map((e) => e.id));
    // and its window is on record: when, where, how many
    expect(windows(r.ledger)).toEqual([
      {
        time: iso(until),
        kind: 'wan-outage',
        effect: 'window',
        plant: 'P1',
        line: 'L1',
        needsPosting: false,
        detail: `wan-outage on P1/L1 from ${iso(from)} to ${iso(until)}: ${buffered.length} messages affected`,
        window: { start: iso(from), end: iso(until), messagesAffected: buffered.length },
      },
    ]);
  });

  it('records a window that met no message, with 0 messages affected', () => {
    // ERP is down for the first 30 seconds: the first message for ERP (a consumption) comes after staging, at least 30 s in
    const s = scenario({ lines: twoLines, durationMs: 2 * H, faults: [windowed('erp-outage', 0, 30_000)] });
    const r = run(s);
    expect(r.ledger.filter((l) => l.effect !== 'window')).toEqual([]);
    expect(ofType(r.events, 'int.message.retried')).toEqual([]);
    const w = windows(r.ledger);
    // a window over every line is recorded once per line, each with its own count
    expect(w.map((l) => [l.kind, l.line, l.window])).toEqual([
      ['erp-outage', 'L1', { start: iso(s.startMs), end: iso(s.startMs + 30_000), messagesAffected: 0 }],
      ['erp-outage', 'L2', { start: iso(s.startMs), end: iso(s.startMs + 30_000), messagesAffected: 0 }],
    ]);
    expect(w[0]!.detail).toMatch(/: 0 messages affected$/);
  });

  it('counts per line what the window struck: retried ERP deliveries, throttled ones', () => {
    const s = scenario({
      lines: twoLines,
      durationMs: 6 * H,
      orders: { minQty: 2, maxQty: 6 },
      faults: [windowed('erp-outage', H, 30 * M), { ...windowed('erp-rate-limit', 3 * H, H), params: { perSecond: 0.002, forMs: H } }],
    });
    const r = run(s);
    for (const w of windows(r.ledger)) {
      const effect = w.kind === 'erp-outage' ? 'rejected' : 'throttled';
      const struck = r.ledger.filter((l) => l.effect === effect && l.line === w.line);
      expect(w.window!.messagesAffected, `${w.kind} ${w.line}`).toBe(struck.length);
    }
    expect(windows(r.ledger).map((w) => [w.kind, w.line])).toEqual([
      ['erp-outage', 'L1'],
      ['erp-outage', 'L2'],
      ['erp-rate-limit', 'L1'],
      ['erp-rate-limit', 'L2'],
    ]);
    expect(windows(r.ledger).every((w) => w.window!.messagesAffected > 0)).toBe(true);
    expectTimeOrdered(r.outputs);
  });

  it('a window that would open at or after the end of the run never happens', () => {
    const s = scenario({ durationMs: 2 * H, faults: [windowed('erp-outage', 2 * H, 30 * M), windowed('wan-outage', 3 * H, 30 * M)] });
    const r = run(s);
    expect(r.ledger).toEqual([]);
    expect(ofType(r.events, 'int.message.retried')).toEqual([]);
    expect(ofType(r.events, 'int.message.buffered')).toEqual([]);
  });

  it("an operator's WAN outage is recorded as a window when it is switched off", () => {
    const s = scenario({ lines: twoLines, durationMs: 4 * H });
    const sim = createSimulation(s);
    const who = { who: 'trainer', why: 'drill' };
    const outs: SimOutput[] = [];
    const pullUntil = (ms: number) => {
      while (!sim.done && sim.nowMs < ms) outs.push(...sim.pull(1));
    };
    pullUntil(s.startMs + H);
    const from = sim.nowMs;
    sim.act({ kind: 'fault', ...who, fault: 'wan-outage', line: 'P1/L2', enabled: true });
    pullUntil(s.startMs + 2 * H);
    const until = sim.nowMs;
    sim.act({ kind: 'fault', ...who, fault: 'wan-outage', line: 'P1/L2', enabled: false });
    outs.push(...sim.flush());
    const ledger = outs.flatMap((o) => (o.kind === 'ledger' ? [o.entry] : []));
    const buffered = ledger.filter((l) => l.effect === 'buffered');
    expect(buffered.length).toBeGreaterThan(0);
    expect(windows(ledger).map((l) => [l.line, l.window])).toEqual([['L2', { start: iso(from), end: iso(until), messagesAffected: buffered.length }]]);
  });
});
