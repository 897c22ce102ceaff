import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../engine/index.js';
import type { AnyEvent } from '../../model/index.js';
import { createSimulation, OperatorError, type OperatorCommand, type SimOutput, type Simulation } from '../../simulator/index.js';

const who = { who: 'trainer', why: 'exercise 3' };

/** Run `id` for 6 h, carrying out `actions` after the n-th pulled output; returns every output. */
function session(id: string, actions: readonly [after: number, act: (sim: Simulation, seen: readonly SimOutput[]) => OperatorCommand][]): SimOutput[] {
  const sim = createSimulation(loadScenario(id, { until: '6h' }));
  const seen: SimOutput[] = [];
  const due = [...actions];
  for (;;) {
    const [o] = sim.pull(1);
    if (o === undefined) return seen;
    seen.push(o);
    while (due.length > 0 && due[0]![0] <= seen.length) {
      const cmd = due.shift()![1](sim, seen);
      sim.act(cmd);
      seen.push(...sim.flush());
    }
  }
}

const events = (outs: readonly SimOutput[]): AnyEvent[] => outs.flatMap((o) => (o.kind === 'event' ? [o.event] : []));

describe('operator actions in the simulator', () => {
  const plan: [number, (sim: Simulation, seen: readonly SimOutput[]) => OperatorCommand][] = [
    [100, () => ({ kind: 'fault', ...who, fault: 'wan-outage', line: 'DE01/L1', enabled: true })],
    [200, () => ({ kind: 'control', ...who, control: 'idempotency', enabled: false })],
    [260, () => ({ kind: 'fault', ...who, fault: 'wan-outage', line: 'DE01/L1', enabled: false })],
    [
      300,
      (_sim, seen) => {
        const c = events(seen).find((e) => e.type === 'mes.operation.confirmed')!;
        return { kind: 'inject', ...who, event: { type: c.type, order: c.subject!, businesskey: c.businesskey, data: c.data }, count: 3, spacingMs: 50, delayMs: 0 };
      },
    ],
  ];

  it('the same actions at the same instants give the same outputs, byte for byte (what a replay relies on)', () => {
    const a = session('baseline', plan);
    const b = session('baseline', plan);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    const types = events(a).map((e) => e.type);
    expect(types.filter((t) => t === 'operator.fault-toggled')).toHaveLength(2);
    expect(types.filter((t) => t === 'operator.event-injected')).toHaveLength(3);
    // three copies, spaced 50 ms of virtual time, each a new message with the original business key
    const injected = events(a).filter((e) => e.origin === 'injected');
    expect(injected).toHaveLength(3);
    expect(new Set(injected.map((e) => e.id)).size).toBe(3);
    expect(new Set(injected.map((e) => e.businesskey)).size).toBe(1);
    expect(Date.parse(injected[2]!.time) - Date.parse(injected[0]!.time)).toBe(100);
  });

  it('actions leave the run before them untouched', () => {
    const plain = session('baseline', []);
    const acted = session('baseline', plan);
    expect(JSON.stringify(acted.slice(0, 100))).toBe(JSON.stringify(plain.slice(0, 100)));
  });

  it('with idempotency off, injected copies of a posted message are all posted', () => {
    const out = events(session('baseline', plan));
    const key = out.find((e) => e.origin === 'injected')!.businesskey;
    const posted = out.filter((e) => e.businesskey === key && e.type === 'erp.confirmation.posted');
    expect(posted).toHaveLength(4);
  });

  it('refuses what it cannot do, emitting nothing', () => {
    const sim = createSimulation(loadScenario('baseline', { until: '1h' }));
    sim.pull(100);
    sim.flush();
    expect(() => sim.act({ kind: 'control', ...who, control: 'idempotency', enabled: true })).toThrow(new OperatorError('idempotency is already on'));
    expect(() => sim.act({ kind: 'fault', ...who, fault: 'delay', enabled: true, params: { byMinutes: 3 } })).toThrow(/delay has no parameter "byMinutes" \(it has byMs\)/);
    expect(() => sim.act({ kind: 'retry', ...who, messageIds: [] })).toThrow(/1 to 1000 message ids/);
    expect(sim.flush()).toEqual([]);
  });
});
