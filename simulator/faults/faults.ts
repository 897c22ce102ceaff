import { FAULT_DEFAULTS, interfaceOfMessage, type FaultKind, type FaultSpec, type Scenario } from '../../model/index.js';
import { rngStreams, type Rng } from '../core/rng.js';
import type { LineRt } from '../plant/master-data.js';

/** A scenario fault with its window resolved and its own random stream and counters. */
export type FaultRt = {
  readonly spec: FaultSpec;
  readonly kind: FaultKind;
  /** active window [from, until) in epoch ms; an operator's switch-off ends it early */
  readonly from: number;
  until: number;
  /** `plant/line` (when the filter has a slash) or a bare line id */
  readonly lineKey: string | undefined;
  readonly byKey: boolean;
  readonly probability: number;
  /** eligible messages or orders still to hit when the fault counts (`count`) */
  remaining: number;
  readonly counted: boolean;
  readonly rng: Rng;
  /**
   * delivery faults: per message, 1 = affected, 2 = affected and written to the ledger, 0 = spared.
   * Only messages still in delivery: `Faults.settled` drops a message's entry once it has left its
   * lane, so a long window does not keep one entry per message it ever judged.
   */
  readonly seen: Map<string, number>;
  /** erp-rate-limit: when ERP last accepted a delivery subject to this fault */
  lastAcceptAt: number;
  /** windowed kinds: messages ledgered as affected so far, per line index (the window's record counts them) */
  readonly affected: number[];
};

/** Faults that act on a message where it is made (between its system and the integration layer). */
const CREATE_KINDS: ReadonlySet<FaultKind> = new Set<FaultKind>(['drop', 'delay', 'duplicate', 'reorder', 'uom-mismatch', 'malformed', 'wan-outage']);
/** Faults that act when the integration layer delivers a message to ERP. */
const DELIVER_KINDS: ReadonlySet<FaultKind> = new Set<FaultKind>(['erp-outage', 'erp-rate-limit']);
/** Window faults whose duration defaults to `params.forMs`. */
export const WINDOW_KINDS: ReadonlySet<FaultKind> = new Set<FaultKind>(['wan-outage', 'erp-outage', 'erp-rate-limit', 'mes-restart']);

export function num(f: FaultRt, name: string): number {
  const v = f.spec.params[name];
  return typeof v === 'number' ? v : Number(v);
}

export function str(f: FaultRt, name: string): string {
  return String(f.spec.params[name]);
}

/**
 * The scenario's faults and the rule that picks one: the first fault in scenario order whose
 * window, line, type and chance (or count) match wins, per stage. Chances are drawn only for
 * eligible messages, each fault from its own stream.
 */
export class Faults {
  private readonly create: FaultRt[] = [];
  private readonly deliver: FaultRt[] = [];
  private readonly order: FaultRt[] = [];

  /** faults an operator switched on and has not switched off, oldest first */
  private readonly operated: FaultRt[] = [];
  private switched = 0;

  /** the scenario's windowed faults, in file order (each one's window is recorded when it closes) */
  readonly windows: FaultRt[] = [];

  /**
   * A windowed fault whose window opens at or after the end of the scenario never happens (as the
   * docs promise of `--until`): it would otherwise strike only the drain, and leave no window.
   */
  constructor(
    private readonly scenario: Scenario,
    streams: readonly Rng[],
    private readonly lineCount: number,
  ) {
    const endMs = scenario.startMs + scenario.durationMs;
    scenario.faults.forEach((spec, i) => {
      const from = scenario.startMs + spec.atMs;
      if (WINDOW_KINDS.has(spec.kind) && from >= endMs) return;
      const f = this.add(spec, from, streams[i]!);
      if (WINDOW_KINDS.has(spec.kind)) this.windows.push(f);
    });
  }

  private add(spec: FaultSpec, from: number, rng: Rng, forever = false): FaultRt {
    const paramFor = spec.params.forMs;
    const forMs = forever ? undefined : (spec.forMs ?? (WINDOW_KINDS.has(spec.kind) && typeof paramFor === 'number' ? paramFor : undefined));
    const counted = spec.count !== undefined;
    const f: FaultRt = {
      spec,
      kind: spec.kind,
      from,
      until: forMs === undefined ? Number.POSITIVE_INFINITY : from + forMs,
      lineKey: spec.line,
      byKey: spec.line !== undefined && spec.line.includes('/'),
      probability: counted ? 1 : (spec.probability ?? 1),
      remaining: counted ? spec.count : Number.POSITIVE_INFINITY,
      counted,
      rng,
      seen: new Map(),
      lastAcceptAt: Number.NEGATIVE_INFINITY,
      affected: new Array<number>(this.lineCount).fill(0),
    };
    (CREATE_KINDS.has(spec.kind) ? this.create : DELIVER_KINDS.has(spec.kind) ? this.deliver : this.order).push(f);
    return f;
  }

  /**
   * An operator switches a fault on from `now` until switched off (a window kind's `forMs` does not
   * apply). Its random stream derives from the seed and how many faults were switched on before, so
   * the same actions at the same instants strike the same messages.
   */
  switchOn(kind: FaultKind, line: string | undefined, params: Readonly<Record<string, string | number | boolean>>, now: number): FaultRt {
    const { probability, ...rest } = params;
    const spec: FaultSpec = {
      kind,
      atMs: now - this.scenario.startMs,
      forMs: undefined,
      line,
      eventType: undefined,
      probability: typeof probability === 'number' ? probability : undefined,
      count: undefined,
      params: { ...FAULT_DEFAULTS[kind], ...rest },
    };
    const rng = rngStreams((this.scenario.seed ^ 0x5bd1e995) + ++this.switched, 1)[0]!;
    const f = this.add(spec, now, rng, true);
    this.operated.push(f);
    return f;
  }

  /** End every operator-switched fault of `kind` on exactly `line` (undefined: the all-lines one); returns them. */
  switchOff(kind: FaultKind, line: string | undefined, now: number): FaultRt[] {
    const ended: FaultRt[] = [];
    for (let i = this.operated.length - 1; i >= 0; i--) {
      const f = this.operated[i]!;
      if (f.kind !== kind || f.lineKey !== line) continue;
      f.until = now;
      ended.push(f);
      this.operated.splice(i, 1);
    }
    return ended;
  }

  /** Faults an operator switched on and has not switched off. */
  switchedOn(): readonly FaultRt[] {
    return this.operated;
  }

  /** A WAN outage on `line` now, if any: what an operator's message meets (no chance is drawn, no count spent). */
  wanOutage(line: LineRt, now: number): FaultRt | undefined {
    return this.create.find((f) => f.kind === 'wan-outage' && active(f, line, now));
  }

  /** A restart of `line`'s MES now, if any: MES queues what it makes until the window ends (no chance is drawn). */
  mesRestart(line: LineRt, now: number): FaultRt | undefined {
    return this.order.find((f) => f.kind === 'mes-restart' && active(f, line, now));
  }

  /** The fault (if any) that strikes a message of `type` made on `line` now; `plantSide` for MES/WMS/QMS messages. */
  onCreate(type: string, line: LineRt, plantSide: boolean, now: number): FaultRt | undefined {
    const list = this.create;
    for (let i = 0; i < list.length; i++) {
      const f = list[i]!;
      if (!active(f, line, now) || !createEligible(f, type, plantSide)) continue;
      if (hit(f)) return f;
    }
    return undefined;
  }

  /**
   * The order fault of `kind` (if any) that strikes an order of `line` released at `releasedAt`,
   * asked where the fault takes effect (a `type` event is made), so that a count goes to orders
   * that get that far.
   */
  onOrder(kind: FaultKind, type: string, line: LineRt, releasedAt: number): FaultRt | undefined {
    const list = this.order;
    for (let i = 0; i < list.length; i++) {
      const f = list[i]!;
      if (f.kind !== kind || !active(f, line, releasedAt)) continue;
      if (f.spec.eventType !== undefined && f.spec.eventType !== type) continue;
      if (hit(f)) return f;
    }
    return undefined;
  }

  /**
   * The delivery fault that holds message `id` now. A message is judged once per fault (its chance
   * or its place in the count), so every retry inside the window meets the same fate.
   */
  onDeliver(id: string, type: string, line: LineRt, now: number): FaultRt | undefined {
    const list = this.deliver;
    for (let i = 0; i < list.length; i++) {
      const f = list[i]!;
      if (!active(f, line, now)) continue;
      if (f.spec.eventType !== undefined && f.spec.eventType !== type) continue;
      let s = f.seen.get(id);
      if (s === undefined) {
        s = hit(f) ? 1 : 0;
        f.seen.set(id, s);
      }
      if (s !== 0) return f;
    }
    return undefined;
  }

  /**
   * Message `id` has left delivery (posted or dead-lettered). Its id is never delivered again — a
   * re-send is a new message with a new id — so its judgements are forgotten: nothing changes but
   * the memory a long delivery-fault window would otherwise keep.
   */
  settled(id: string): void {
    const list = this.deliver;
    for (let i = 0; i < list.length; i++) {
      const seen = list[i]!.seen;
      if (seen.size > 0) seen.delete(id);
    }
  }
}

function active(f: FaultRt, line: LineRt, now: number): boolean {
  if (now < f.from || now >= f.until) return false;
  return covers(f, line);
}

/** A windowed fault affected a message of `line` that the ledger names: its window's record counts it. */
export function struck(f: FaultRt, line: LineRt): void {
  f.affected[line.index]!++;
}

/** The fault applies to `line` (when it is active). */
export function covers(f: FaultRt, line: LineRt): boolean {
  if (f.lineKey === undefined) return true;
  return f.byKey ? f.lineKey === line.key : f.lineKey === line.line;
}

function createEligible(f: FaultRt, type: string, plantSide: boolean): boolean {
  const only = f.spec.eventType;
  switch (f.kind) {
    case 'wan-outage':
      // the WAN carries everything the line's systems publish, not only messages for ERP
      return plantSide && (only === undefined || only === type);
    case 'uom-mismatch':
      return (type === 'mes.operation.confirmed' || type === 'mes.material.consumed') && (only === undefined || only === type);
    case 'reorder':
      // overtaking matters where the layer restores order: within a plant source's sequence
      return only !== undefined ? only === type : plantSide && interfaceOfMessage(type) !== undefined;
    default:
      return only !== undefined ? only === type : interfaceOfMessage(type) !== undefined;
  }
}

function hit(f: FaultRt): boolean {
  if (f.counted) {
    if (f.remaining <= 0) return false;
    f.remaining--;
    return true;
  }
  return f.rng.chance(f.probability);
}
