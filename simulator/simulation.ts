import type { Scenario } from '../model/index.js';
import { startMasterDataChanges } from './plant/master-data-changes.js';
import { Erp } from './actors/erp.js';
import { Mes } from './actors/mes.js';
import { Qms } from './actors/qms.js';
import { Wms } from './actors/wms.js';
import type { Ctx, Streams } from './core/context.js';
import { Envelopes, type Channel } from './core/envelope.js';
import { Ids } from './core/ids.js';
import { rngStreams } from './core/rng.js';
import { Scheduler } from './core/scheduler.js';
import { Faults } from './faults/faults.js';
import { Ledger } from './faults/ledger.js';
import { FaultWindows } from './faults/windows.js';
import { Edge } from './integration/edge.js';
import { IntEvents } from './integration/int-events.js';
import { Layer } from './integration/layer.js';
import { Out, type SimOutput, type Simulation } from './output.js';
import { resolveLines } from './plant/master-data.js';
import { OrderRegistry } from './core/order-registry.js';
import { Operator } from './operator/operator.js';
import { ShiftPlan } from './plant/shifts.js';

/** Salt of the seed of MES's detail streams. */
const MES_DETAIL_SALT = 0x2545f491;

/**
 * Random streams by role. The layout is part of the determinism contract: fixed actors first,
 * then a (MES, orders) pair per line, then one per fault — so a line added at the end leaves the
 * earlier lines' numbers alone, and a fault added leaves every actor's alone.
 */
function streams(scenario: Scenario, lines: number): { actors: Streams; faults: ReturnType<typeof rngStreams> } {
  const all = rngStreams(scenario.seed, 4 + 2 * lines + scenario.faults.length);
  const at = (i: number) => all[i]!;
  // MES's detail (partials, activity times, actual consumption) draws from streams of its own, seeded
  // apart, so that the shape of a run (timing, scrap, faults) stays what it was before they existed
  const detail = rngStreams((scenario.seed ^ MES_DETAIL_SALT) >>> 0, lines);
  return {
    actors: {
      erp: at(0),
      wms: at(1),
      qms: at(2),
      int: at(3),
      mes: Array.from({ length: lines }, (_, i) => at(4 + 2 * i)),
      orders: Array.from({ length: lines }, (_, i) => at(5 + 2 * i)),
      mesDetail: detail,
    },
    faults: all.slice(4 + 2 * lines),
  };
}

/** Build a simulation of `scenario`: same scenario and seed, same outputs, byte for byte. */
export function createSimulation(given: Scenario): Simulation {
  // the integration controls are the session's own: an operator may switch them while it runs
  const scenario: Scenario = { ...given, integration: structuredClone(given.integration) };
  const channels: Channel[] = [];
  const lines = resolveLines(scenario, channels);
  const rng = streams(scenario, lines.length);
  const ids = new Ids(scenario.seed);
  const env = new Envelopes(ids, scenario.clocks);
  const out = new Out();
  const sched = new Scheduler(scenario.startMs);
  const endMs = scenario.startMs + scenario.durationMs;
  const base: Omit<Ctx, 'edge' | 'layer' | 'erp' | 'mes' | 'wms' | 'qms'> = {
    scenario,
    endMs,
    sched,
    out,
    env,
    ids,
    faults: new Faults(scenario, rng.faults, lines.length),
    ledger: new Ledger(out, env),
    lines,
    rng: rng.actors,
    orders: new OrderRegistry(),
    ...(scenario.shifts !== undefined ? { shifts: new ShiftPlan(scenario, lines, endMs) } : {}),
  };
  // the actors and the layer call each other through ports, wired once every one of them exists
  const c = base as Ctx;
  const int = new IntEvents(c);
  const erp = new Erp(c);
  c.erp = erp;
  c.mes = new Mes(c);
  c.wms = new Wms(c);
  c.qms = new Qms(c);
  const edge = new Edge(c, int);
  const layer = new Layer(c, int);
  c.edge = edge;
  c.layer = layer;
  const operator = new Operator(c, edge, layer, new FaultWindows(c));
  erp.start();
  startMasterDataChanges(c);

  let head = 0;
  const take = (want: number): SimOutput[] => {
    const buf = out.buf;
    const available = buf.length - head;
    if (available <= 0) return [];
    if (head === 0 && available <= want) {
      out.buf = [];
      return buf;
    }
    const n = Math.min(want, available);
    const batch = buf.slice(head, head + n);
    head += n;
    if (head === buf.length) {
      out.buf = [];
      head = 0;
    }
    return batch;
  };
  return {
    pull(max: number): SimOutput[] {
      if (!(max > 0)) return [];
      const want = Math.floor(max) || 1;
      while (out.buf.length - head < want && sched.step()) {
        /* run until enough outputs are ready */
      }
      return take(want);
    },
    pullUntil(atMs: number, max: number): SimOutput[] {
      if (!(max > 0)) return [];
      const want = Math.floor(max) || 1;
      for (let t = sched.nextAt; out.buf.length - head < want && t !== undefined && t <= atMs; t = sched.nextAt) sched.step();
      if (out.buf.length === head) sched.jumpTo(atMs);
      return take(want);
    },
    get done(): boolean {
      return sched.empty && out.buf.length === head;
    },
    get nowMs(): number {
      return sched.now;
    },
    endMs,
    act(cmd, atMs) {
      if (atMs !== undefined && head === out.buf.length) sched.jumpTo(atMs);
      return operator.act(cmd);
    },
    flush() {
      const rest = head === 0 ? out.buf : out.buf.slice(head);
      out.buf = [];
      head = 0;
      return rest;
    },
    settings: () => operator.settings(),
    deadLetter: (id) => operator.deadLetter(id),
  };
}
