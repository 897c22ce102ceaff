import { describe, expect, it } from 'vitest';
import { dataProblems, isPosting, type AnyEvent, type CanonicalEvent } from '../../model/index.js';
import { createSimulation, OperatorError, type SimOutput, type Simulation } from '../../simulator/index.js';
import { ofType, scenario } from './fixtures.js';
import { expectCanonicalEnvelopes } from './invariants.js';

const who = { who: 'engineer', why: 'ERP holds it twice' };
const H = 3_600_000;
const events = (outs: readonly SimOutput[]): AnyEvent[] => outs.flatMap((o) => (o.kind === 'event' ? [o.event] : []));

/** Run until `until` says stop (given what came out so far), then hand over the simulation. */
function runUntil(until: (seen: AnyEvent[]) => boolean): { sim: Simulation; seen: AnyEvent[] } {
  const sim = createSimulation(scenario({ durationMs: 4 * H, orders: { partials: { min: 2, max: 2 } } }));
  const seen: AnyEvent[] = [];
  while (!sim.done && !until(seen)) seen.push(...events(sim.pull(1)));
  return { sim, seen };
}

function drain(sim: Simulation): AnyEvent[] {
  const out: AnyEvent[] = [];
  while (!sim.done) out.push(...events(sim.pull(500)));
  return out;
}

describe('operator: reverse a posting', () => {
  it('journals the request, then sends the reversal from the line for one posting of the key; ERP posts it', () => {
    // Given ERP posted a backflush consumption
    const { sim, seen } = runUntil((s) => s.some((e) => e.type === 'erp.consumption.posted' && (e.data as { backflush?: boolean }).backflush === true));
    const posting = seen.find((e) => e.type === 'erp.consumption.posted' && (e.data as { backflush?: boolean }).backflush === true) as CanonicalEvent<'erp.consumption.posted'>;
    const key = posting.businesskey;
    // When an engineer reverses it
    const res = sim.act({ kind: 'reverse', ...who, reverses: key });
    const out = events(sim.flush());
    // Then the request is journaled first, then the reversal message leaves the line's MES
    expect(out.map((e) => e.type)).toEqual(['operator.reversal-requested', 'mes.consumption.reversed']);
    const [req, msg] = out as [CanonicalEvent<'operator.reversal-requested'>, CanonicalEvent<'mes.consumption.reversed'>];
    expect(res).toEqual({ actions: [req.id], messages: [msg.id], refused: [] });
    expect(req.data).toEqual({ messageId: msg.id, messageType: 'mes.consumption.reversed', reverses: key, who: 'engineer', why: 'ERP holds it twice' });
    expect(req.businesskey).toBe(key);
    expect(msg).toMatchObject({ businesskey: `${key}/REV/1`, origin: 'injected', causationid: posting.id, source: '/P1/L1/mes', subject: posting.data.order });
    expect(msg.data).toEqual({ item: posting.data.item, order: posting.data.order, qty: posting.data.qty, reverses: key, uom: posting.data.uom });
    expectCanonicalEnvelopes([{ ...msg, origin: 'simulated' }]);
    // the message is one the injector could have made: its fields are exactly the type's
    expect(dataProblems(msg.type, msg.data)).toEqual([]);
    // And ERP posts the reversal against the key
    const rest = drain(sim);
    const rev = ofType(rest, 'erp.consumption.reversed');
    expect(rev).toHaveLength(1);
    expect(rev[0]!).toMatchObject({ businesskey: `${key}/REV/1`, causationid: msg.id });
    expect(rev[0]!.data).toMatchObject({ reverses: key, qty: posting.data.qty });
  });

  it('a second reversal of a key posted once takes the next counter, and ERP refuses it: nothing is left to net', () => {
    const { sim, seen } = runUntil((s) => s.some((e) => e.type === 'erp.confirmation.posted'));
    const key = seen.find((e) => e.type === 'erp.confirmation.posted')!.businesskey;
    const first = sim.act({ kind: 'reverse', ...who, reverses: key });
    const second = sim.act({ kind: 'reverse', ...who, reverses: key });
    const out = events(sim.flush());
    const msgs = ofType(out, 'mes.confirmation.cancelled');
    expect(msgs.map((e) => e.businesskey)).toEqual([`${key}/REV/1`, `${key}/REV/2`]);
    expect(msgs.map((e) => e.id)).toEqual([...first.messages, ...second.messages]);
    expect(dataProblems(msgs[0]!.type, msgs[0]!.data)).toEqual([]);
    const rest = drain(sim);
    expect(ofType(rest, 'erp.confirmation.cancelled').map((e) => e.businesskey)).toEqual([`${key}/REV/1`]);
    const dead = ofType(rest, 'int.message.dead-lettered').find((e) => e.data.messageId === second.messages[0])!;
    expect(dead.data).toMatchObject({ category: 'business-rule', reason: `${key}/REV/2 reverses ${key}, but no posting of it is left to reverse: its 1 posting is already reversed` });
  });

  it('reverses a goods receipt with its lot', () => {
    const { sim, seen } = runUntil((s) => s.some((e) => e.type === 'erp.goods.received'));
    const receipt = seen.find((e) => e.type === 'erp.goods.received') as CanonicalEvent<'erp.goods.received'>;
    sim.act({ kind: 'reverse', ...who, reverses: receipt.businesskey });
    const msg = ofType(events(sim.flush()), 'mes.receipt.reversed')[0]!;
    expect(msg.data).toEqual({ item: receipt.data.item, lot: receipt.data.lot, order: receipt.data.order, qty: receipt.data.qty, reverses: receipt.businesskey, uom: receipt.data.uom });
    expect(msg.lot).toBe(receipt.data.lot);
    expect(dataProblems(msg.type, msg.data)).toEqual([]);
    expect(ofType(drain(sim), 'erp.goods.reversed')).toHaveLength(1);
  });

  it('refuses what it cannot reverse, emitting nothing', () => {
    const { sim, seen } = runUntil((s) => s.some((e) => e.type === 'erp.confirmation.cancelled') || s.filter((e) => isPosting(e.type)).length > 30);
    const order = seen.find((e) => e.type === 'erp.order.created')!.businesskey;
    const posted = seen.find((e) => e.type === 'erp.confirmation.posted')!.businesskey;
    sim.act({ kind: 'reverse', ...who, reverses: posted });
    sim.flush();
    expect(() => sim.act({ kind: 'reverse', ...who, reverses: 'PO-X9-L9-00001/CONF/0010/1' })).toThrow(OperatorError);
    expect(() => sim.act({ kind: 'reverse', ...who, reverses: 'PO-X9-L9-00001/CONF/0010/1' })).toThrow(/not a key of an order this session knows/);
    expect(() => sim.act({ kind: 'reverse', ...who, reverses: `${order}/CONF/0090/1` })).toThrow(`${order}/CONF/0090/1 has no ERP posting to reverse`);
    expect(() => sim.act({ kind: 'reverse', ...who, reverses: `${order}/REL` })).toThrow(/has no ERP posting to reverse/);
    expect(() => sim.act({ kind: 'reverse', ...who, reverses: '' })).toThrow(/must name the business key/);
    drain(sim);
    // a reversal is not reversed again: the key it reverses is
    expect(() => sim.act({ kind: 'reverse', ...who, reverses: `${posted}/REV/1` })).toThrow(`${posted}/REV/1 is itself a reversal: reverse the key it reverses instead`);
    expect(sim.flush()).toEqual([]);
  });
});
