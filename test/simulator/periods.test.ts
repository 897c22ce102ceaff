import { describe, expect, it } from 'vitest';
import { DATED_MESSAGE_TYPES, plantClock, type AnyEvent, type CanonicalEvent, type FaultSpec, type Scenario } from '../../model/index.js';
import { createSimulation, OperatorError, type SimOutput, type Simulation } from '../../simulator/index.js';
import { fault, ofType, run, scenario } from './fixtures.js';
import { expectCanonicalEnvelopes, expectContiguousSequences } from './invariants.js';

const H = 3_600_000;
const who = { who: 'engineer', why: 'February is closed' };
const twoLines = [{ plant: 'P1', line: 'L1' }, { plant: 'P1', line: 'L2' }];
/** 28 February 20:00 in Kassel (P1 is in Europe/Berlin): month end in plant time is 23:00 UTC, 4 h in */
const START = Date.parse('2026-02-28T20:00:00+01:00');
const MONTH_END = Date.parse('2026-02-28T23:00:00Z');
const events = (outs: readonly SimOutput[]): AnyEvent[] => outs.flatMap((o) => (o.kind === 'event' ? [o.event] : []));

function windowed(kind: FaultSpec['kind'], atMs: number, forMs: number, line?: string): FaultSpec {
  return { ...fault(kind, { atMs, forMs, line }), probability: undefined, count: undefined };
}

/** Two lines across month end; L1's WAN is down from 22:30 to 23:30 UTC, so what it made before midnight (plant time) reaches ERP after the close. */
function monthEnd(erp: Partial<Scenario['erp']> = { periodClose: { atMs: undefined, reopenAfterMs: undefined } }): Scenario {
  const s = scenario({ lines: twoLines, durationMs: 6 * H, erp, faults: [windowed('wan-outage', 3.5 * H, H, 'P1/L1')] });
  return { ...s, startMs: START };
}

const deadLetters = (evs: readonly AnyEvent[]) => ofType(evs, 'int.message.dead-lettered');

describe('simulator: posting periods', () => {
  it('ERP closes period 2026-02 at midnight plant time and says so on each line', () => {
    const r = run(monthEnd());
    const closed = ofType(r.events, 'erp.period.closed');
    expect(closed.map((e) => [e.source, e.time, e.businesskey])).toEqual([
      ['/P1/L1/erp', '2026-02-28T23:00:00.000Z', 'P1/PERIOD/2026-02/CLOSE'],
      ['/P1/L2/erp', '2026-02-28T23:00:00.000Z', 'P1/PERIOD/2026-02/CLOSE'],
    ]);
    expect(closed[0]!.data).toEqual({ closedAt: '2026-02-28T23:00:00.000Z', from: '2026-01-31T23:00:00.000Z', period: '2026-02', plant: 'P1', to: '2026-02-28T23:00:00.000Z' });
    expect(ofType(r.events, 'erp.period.reopened')).toEqual([]);
    expectCanonicalEnvelopes(r.events);
    expectContiguousSequences(r.events);
  });

  it('refuses every dated posting of February that reaches ERP after the close, naming the period and the date; the rest is posted', () => {
    const r = run(monthEnd());
    const byId = new Map(r.events.map((e) => [e.id, e]));
    const refused = deadLetters(r.events).filter((d) => /posting period/.test(d.data.reason));
    expect(refused.length).toBeGreaterThan(0);
    for (const d of refused) {
      const msg = byId.get(d.data.messageId)!;
      expect(d.data.category).toBe('business-rule');
      expect(msg.line).toBe('L1');
      expect(DATED_MESSAGE_TYPES).toContain(msg.type);
      expect(Date.parse(msg.time)).toBeLessThan(MONTH_END);
      expect(Date.parse(d.time)).toBeGreaterThanOrEqual(MONTH_END);
      expect(d.data.reason).toBe(`posting period 2026-02 is closed: ${msg.businesskey} has posting date ${msg.time} (${plantClock(Date.parse(msg.time), 'Europe/Berlin')} Europe/Berlin); re-post it into the open period or reopen 2026-02`);
      expect(plantClock(Date.parse(msg.time), 'Europe/Berlin')).toMatch(/^2026-02-28 2[0-3]:/);
    }
    // ERP posts no dated message of February after the close; L2, never cut off, loses nothing to the close
    const postings = [...ofType(r.events, 'erp.confirmation.posted'), ...ofType(r.events, 'erp.consumption.posted'), ...ofType(r.events, 'erp.goods.received')];
    for (const p of postings) {
      const msg = byId.get(p.causationid!)!;
      if (Date.parse(p.time) >= MONTH_END + 60_000) expect(Date.parse(msg.time), `${p.businesskey}`).toBeGreaterThanOrEqual(MONTH_END);
    }
    expect(refused.filter((d) => d.line === 'L2')).toEqual([]);
  });

  it('changes nothing without periodClose, and a close after the end of the scenario never happens', () => {
    const off = run(monthEnd({ periodClose: undefined }));
    expect(ofType(off.events, 'erp.period.closed')).toEqual([]);
    expect(deadLetters(off.events)).toEqual([]);
    const late = run(monthEnd({ periodClose: { atMs: START + 7 * H, reopenAfterMs: undefined } }));
    expect(late.events).toEqual(off.events);
  });

  it('reopens the period after reopenAfter; a refused message retried then is posted', () => {
    const sim = createSimulation(monthEnd({ periodClose: { atMs: undefined, reopenAfterMs: H } }));
    const seen: AnyEvent[] = [];
    while (!sim.done && !seen.some((e) => e.type === 'erp.period.reopened')) seen.push(...events(sim.pull(1)));
    const reopened = seen.find((e) => e.type === 'erp.period.reopened')!;
    expect(reopened.time).toBe('2026-03-01T00:00:00.000Z');
    const dead = deadLetters(seen).find((d) => /posting period 2026-02/.test(d.data.reason))!;
    expect(dead).toBeDefined();
    sim.act({ kind: 'retry', ...who, messageIds: [dead.data.messageId] });
    const after = [...events(sim.flush()), ...drain(sim)];
    const posted = after.find((e) => e.type.startsWith('erp.') && e.causationid === dead.data.messageId);
    expect(posted, 'the retried message is posted once the period is open again').toBeDefined();
  });
});

describe('operator: resend into the open period', () => {
  function toFirstRefusal(): { sim: Simulation; dead: CanonicalEvent<'int.message.dead-lettered'>; msg: AnyEvent } {
    const sim = createSimulation(monthEnd());
    const seen: AnyEvent[] = [];
    const refusal = () => deadLetters(seen).find((d) => /posting period/.test(d.data.reason));
    while (!sim.done && refusal() === undefined) seen.push(...events(sim.pull(1)));
    const dead = refusal()!;
    return { sim, dead, msg: seen.find((e) => e.id === dead.data.messageId)! };
  }

  it('a resend with a postingDate in March is posted under the same business key', () => {
    // Given a message refused for the closed period
    const { sim, dead, msg } = toFirstRefusal();
    // When the engineer resends it dated in March
    const res = sim.act({ kind: 'resend', ...who, messageId: dead.data.messageId, changes: { postingDate: '2026-03-01T00:30:00+01:00' } });
    const out = [...events(sim.flush()), ...drain(sim)];
    // Then the copy carries the date, keeps the key, and ERP posts it
    const copy = out.find((e) => e.id === res.messages[0])!;
    expect(copy.businesskey).toBe(msg.businesskey);
    expect((copy.data as { postingDate?: string }).postingDate).toBe('2026-03-01T00:30:00+01:00');
    const resent = out.find((e) => e.type === 'operator.exception-resent') as CanonicalEvent<'operator.exception-resent'>;
    expect(resent.data.changes).toEqual({ postingDate: '2026-03-01T00:30:00+01:00' });
    expect(out.some((e) => e.type.startsWith('erp.') && e.causationid === copy.id)).toBe(true);
    expect(deadLetters(out).some((d) => d.data.messageId === copy.id)).toBe(false);
  });

  it('a resend still dated in February is refused again; a postingDate that is no date is not sent at all', () => {
    const { sim, dead } = toFirstRefusal();
    expect(() => sim.act({ kind: 'resend', ...who, messageId: dead.data.messageId, changes: { postingDate: 'tomorrow' } })).toThrow(OperatorError);
    const res = sim.act({ kind: 'resend', ...who, messageId: dead.data.messageId, changes: { postingDate: '2026-02-28T23:59:00+01:00' } });
    const out = [...events(sim.flush()), ...drain(sim)];
    const again = deadLetters(out).find((d) => d.data.messageId === res.messages[0]);
    expect(again?.data.reason).toMatch(/^posting period 2026-02 is closed: .* has posting date 2026-02-28T23:59:00\+01:00 \(2026-02-28 23:59 Europe\/Berlin\);/);
  });
});

function drain(sim: Simulation): AnyEvent[] {
  const out: AnyEvent[] = [];
  while (!sim.done) out.push(...events(sim.pull(500)));
  return out;
}

describe('simulator: MES restart with a backlog', () => {
  const restart = () => scenario({ lines: twoLines, durationMs: 6 * H, faults: [windowed('mes-restart', 2 * H, 2 * H, 'P1/L1')] });

  it('L1 MES sends nothing in its window, then its backlog at once, in sequence and with the times it was made', () => {
    const s = restart();
    const r = run(s);
    const from = s.startMs + 2 * H;
    const until = from + 2 * H;
    // output order is journal order: find where each L1 MES message came out relative to the window's end
    const outIdx = new Map<string, number>();
    r.outputs.forEach((o, i) => o.kind === 'event' && outIdx.set(o.event.id, i));
    let lastL2Before = -1;
    r.outputs.forEach((o, i) => {
      if (o.kind === 'event' && o.event.line === 'L2' && Date.parse(o.event.time) < until) lastL2Before = i;
    });
    const l1mes = r.events.filter((e) => e.source === '/P1/L1/mes');
    const backlog = l1mes.filter((e) => Date.parse(e.time) >= from && Date.parse(e.time) < until);
    expect(backlog.length).toBeGreaterThan(20);
    // every message made in the window comes out after every L2 event of the window (sent when MES is back)
    for (const e of backlog) expect(outIdx.get(e.id)!).toBeGreaterThan(lastL2Before);
    // and L1's MES sent nothing else meanwhile: what it sent before the window came out before it
    expect(l1mes.filter((e) => Date.parse(e.time) < from).every((e) => outIdx.get(e.id)! < outIdx.get(backlog[0]!.id)!)).toBe(true);
    // the journal keeps each source's sequence contiguous and the backlog's own times
    expectContiguousSequences(r.events);
    expect(backlog.map((e) => e.time)).toEqual([...backlog.map((e) => e.time)].sort());
    // ledgered as delayed, and the window recorded with their count
    const delayed = r.ledger.filter((l) => l.kind === 'mes-restart' && l.effect === 'delayed');
    expect(delayed.length).toBeGreaterThan(0);
    expect(delayed.every((l) => l.line === 'L1')).toBe(true);
    const w = r.ledger.filter((l) => l.kind === 'mes-restart' && l.effect === 'window');
    expect(w.map((l) => [l.line, l.window?.messagesAffected])).toEqual([['L1', delayed.length]]);
  });

  it('everything is posted once by the end: no dead letters, no double postings; L2 is untouched', () => {
    const r = run(restart());
    expect(deadLetters(r.events)).toEqual([]);
    const posted = new Map<string, number>();
    for (const e of r.events) if (e.type.startsWith('erp.') && e.causationid !== undefined && e.line === 'L1') posted.set(e.businesskey, (posted.get(e.businesskey) ?? 0) + 1);
    const needs = r.events.filter((e) => e.source === '/P1/L1/mes' && DATED_MESSAGE_TYPES.includes(e.type));
    for (const m of needs) expect(posted.get(m.businesskey), m.businesskey).toBe(1);
    const clean = run(scenario({ lines: twoLines, durationMs: 6 * H }));
    const l2 = (evs: AnyEvent[]) => evs.filter((e) => e.line === 'L2' && !e.type.startsWith('int.')).map((e) => [e.type, e.businesskey, e.time]);
    expect(l2(r.events).length).toBeGreaterThan(0);
    expect(l2(r.events).slice(0, 50)).toEqual(l2(clean.events).slice(0, 50));
  });

  it('QMS inspects what MES completed meanwhile only when MES is back: no usage decision overtakes its receipt', () => {
    const s = restart();
    const r = run(s);
    const until = s.startMs + 4 * H;
    const receipts = new Map(ofType(r.events, 'erp.goods.received').map((e) => [e.data.order, Date.parse(e.time)]));
    for (const ud of ofType(r.events, 'qms.usage.decided')) {
      if (ud.line !== 'L1') continue;
      expect(receipts.get(ud.data.order), ud.data.order).toBeDefined();
    }
    const inspections = ofType(r.events, 'qms.inspection.requested').filter((e) => e.line === 'L1');
    const completedIn = ofType(r.events, 'mes.order.completed').filter((e) => e.line === 'L1' && Date.parse(e.time) >= s.startMs + 2 * H && Date.parse(e.time) < until);
    expect(completedIn.length).toBeGreaterThan(0);
    for (const c of completedIn) {
      const i = inspections.find((x) => x.data.order === c.data.order)!;
      expect(Date.parse(i.time)).toBeGreaterThanOrEqual(until);
    }
  });
});

