import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listBundledScenarios, loadScenario, runSimulation } from '../../engine/index.js';
import { openJournal } from '../../engine/journal/index.js';
import type { AnyEvent } from '../../model/event.js';
import { ORDER_STATE_ENTERED_BY, type OrderState } from '../../model/names.js';
import { createMonitor, type MonitorSnapshot } from '../../monitor/index.js';

/**
 * No order's reported state contradicts its last events, on every bundled scenario with seeds 1–3
 * and its own, after every lifecycle event of the run and once it has settled: the state was
 * entered by an event of the order (the last one of its type), and nothing the plant did after that
 * event should have moved it on — an inspection result after the request, a hold release after the
 * hold, a receipt after the pass. The events are read from the journal, not from the monitor.
 */
const dir = mkdtempSync(join(tmpdir(), 'linesight-order-states-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What moves an order on from each state: one of these after the state's entering event contradicts it. */
const MOVES_ON: Readonly<Record<OrderState, readonly string[]>> = {
  created: ['erp.order.released', 'erp.order.cancelled'],
  released: ['mes.order.acknowledged', 'erp.order.cancelled'],
  acknowledged: ['mes.operation.started', 'erp.order.cancelled'],
  // rework ends with a new inspection request rather than a second completion
  'in-process': ['mes.order.completed', 'qms.inspection.requested', 'erp.order.cancelled'],
  completed: ['qms.inspection.requested', 'erp.goods.received', 'erp.order.cancelled'],
  'quality-pending': ['qms.inspection.recorded', 'erp.order.cancelled'],
  inspected: ['qms.hold.placed', 'erp.goods.received', 'erp.order.cancelled'],
  'on-hold': ['qms.hold.released', 'erp.order.cancelled'],
  'hold-released': ['mes.operation.started', 'qms.inspection.requested', 'erp.goods.received', 'erp.order.cancelled'],
  received: ['erp.order.closed', 'qms.hold.placed', 'erp.order.cancelled'],
  closed: [],
  cancelled: [],
};

/** events that put an order in a state or move it on */
const LIFECYCLE = new Set<string>([...Object.values(ORDER_STATE_ENTERED_BY), ...Object.values(MOVES_ON).flat()]);

type Ev = { seq: number; type: string; businesskey: string; time: string };

/** The order's lifecycle events in journal order, each business key once (a copy in transit is no new event). */
function lifecycleEvents(events: readonly Ev[]): Ev[] {
  const seen = new Set<string>();
  return events.filter((e) => {
    if (!LIFECYCLE.has(e.type) || seen.has(`${e.type}|${e.businesskey}`)) return false;
    seen.add(`${e.type}|${e.businesskey}`);
    return true;
  });
}

/** Why the reported state contradicts the order's events, or undefined when it does not. */
export function contradiction(state: OrderState, events: readonly Ev[]): string | undefined {
  const own = lifecycleEvents(events);
  const entering = own.filter((e) => e.type === ORDER_STATE_ENTERED_BY[state]).at(-1);
  if (entering === undefined) return `${state}, but no ${ORDER_STATE_ENTERED_BY[state]} of the order was journaled`;
  const after = own.find((e) => e.seq > entering.seq && MOVES_ON[state].includes(e.type));
  return after === undefined ? undefined : `${state} since ${entering.type} at ${entering.time}, but ${after.type} followed at ${after.time}`;
}

describe('order states follow the events', () => {
  // seeds 1–3, and each scenario's own seed (the one its description talks about)
  // (a benchmark scenario — a week of 30 lines — on its own seed only, and its first half day)
  const cases = listBundledScenarios().flatMap((s) => (s.id === 'large-site' ? [undefined] : [1, 2, 3, undefined]).map((seed) => [s.id, seed] as const));

  it.each(cases)('%s with seed %s', async (id, seed) => {
    const scenario = loadScenario(id, { ...(seed === undefined ? {} : { seed }), ...(id === 'large-site' ? { until: '12h' } : {}) });
    const journalPath = join(dir, `${id}-${seed ?? 'own'}.db`);
    const { session, snapshot } = await runSimulation(scenario, { journalPath });
    const journal = openJournal(journalPath, { readonly: true });
    try {
      const rows = journal.db.prepare('SELECT seq, type, businesskey, time, order_id, envelope FROM events WHERE session = ? ORDER BY seq').all(session) as (Ev & { order_id: string | null; envelope: string })[];
      const byOrder = new Map<string, Ev[]>();
      for (const r of rows) if (r.order_id !== null) (byOrder.get(r.order_id) ?? byOrder.set(r.order_id, []).get(r.order_id)!).push(r);
      const wrong: string[] = [];
      const check = (orders: MonitorSnapshot['orders'], upTo: number) => {
        for (const o of orders) {
          const why = contradiction(o.state, (byOrder.get(o.order) ?? []).filter((e) => e.seq <= upTo));
          // the first contradiction of each order says enough
          if (why !== undefined && !wrong.some((w) => w.startsWith(`${o.order} `))) wrong.push(`${o.order} (after event ${upTo}): ${why}`);
        }
      };
      // after every lifecycle event (the same journal, replayed into a fresh monitor) and once the run has settled
      const m = createMonitor({ gracePeriods: scenario.integration.gracePeriods });
      let checked = 0;
      for (const r of rows) {
        m.apply(JSON.parse(r.envelope) as AnyEvent);
        if (!LIFECYCLE.has(r.type)) continue;
        check(m.snapshot().orders, r.seq);
        checked += 1;
      }
      check(snapshot.orders, Infinity);
      expect(wrong).toEqual([]);
      expect(checked).toBeGreaterThan(0);
    } finally {
      journal.close();
    }
  });
});
