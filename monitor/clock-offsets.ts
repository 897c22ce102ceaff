import type { AnyEvent } from '../model/event.js';
import { interfaceOfMessage } from '../model/interfaces.js';
import type { ClockEstimate } from './types.js';

/**
 * Clock offsets of a line's plant systems relative to ERP (the system of record), estimated from
 * events alone — the monitor sees no arrival clock — the way NTP does it, from cause → effect pairs
 * (an effect's `causationid` names its cause) between ERP and the system:
 *
 * - forward, system → ERP (a message → its posting): d = true transit − θ
 * - back, ERP → system (a release → its acknowledgement, a change → its acknowledgement): d = true transit + θ
 *
 * where θ is the system's clock minus ERP's. Transit is never negative, so θ ≥ −min(forward) and
 * θ ≤ min(back): two-way, θ ≈ (min(back) − min(forward)) / 2, with an error of at most half the
 * sum of the two minimal transits; one way only (WMS, QMS: ERP sends them nothing they answer),
 * the bound is all there is, and it is taken as the estimate ("bound").
 *
 * An estimate is applied only when the pairs prove the clocks disagree (0 lies outside the bounds)
 * by at least `APPLY_FROM_MS`: below that, processing time cannot be told from skew, and a run whose
 * clocks agree is never corrected at all (every figure as without this file). Each direction keeps
 * its last `WINDOW` pairs, so a clock that is set mid-run is followed once its old pairs rolled out.
 */

/** pairs kept per direction */
export const WINDOW = 64;
/** smallest offset applied */
export const APPLY_FROM_MS = 5_000;
/** causes remembered per line (recent events of ERP and the plant systems), oldest forgotten first */
const RECENT = 512;

export type ClockSystem = 'mes' | 'wms' | 'qms';

/** The last pairs of one direction: a ring of deltas (effect time − cause time, raw clocks) and its least. */
type Ring = { readonly d: number[]; next: number; seen: number; min: number };

type SysClock = {
  readonly fwd: Ring;
  readonly back: Ring;
  /** the applied offset (ms, the system's clock − ERP's), 0 when none applies */
  offsetMs: number;
  kind: 'two-way' | 'bound' | undefined;
};

/**
 * Per line: what its clocks look like. Plain data (the monitor's state is structured-cloned). The
 * recent causes are a ring of ids with their raw time and system beside an id → slot index, so
 * remembering one costs no allocation and forgetting the oldest no iterator.
 */
export type LineClocks = {
  readonly ids: string[];
  readonly times: Float64Array;
  /** system of each slot: index into SYSTEM_CODES */
  readonly systems: Uint8Array;
  readonly slot: Map<string, number>;
  next: number;
  readonly bySys: Partial<Record<ClockSystem, SysClock>>;
};

const SYSTEM_CODES = ['erp', 'mes', 'wms', 'qms'] as const;
const ERP = 0;

export function createLineClocks(): LineClocks {
  return { ids: [], times: new Float64Array(RECENT), systems: new Uint8Array(RECENT), slot: new Map(), next: 0, bySys: {} };
}

const ring = (): Ring => ({ d: [], next: 0, seen: 0, min: Infinity });

function push(r: Ring, delta: number): void {
  let out = Infinity;
  if (r.d.length < WINDOW) r.d.push(delta);
  else {
    out = r.d[r.next]!;
    r.d[r.next] = delta;
  }
  r.next = (r.next + 1) % WINDOW;
  r.seen++;
  if (delta <= r.min) r.min = delta;
  else if (out === r.min) r.min = minOf(r.d);
}

function minOf(xs: readonly number[]): number {
  let m = Infinity;
  for (const x of xs) if (x < m) m = x;
  return m;
}

/** The estimate the pairs give: offset, kind, and whether it applies. Pure, for tests and snapshots. */
export function estimate(fwd: readonly number[], back: readonly number[]): { offsetMs: number; kind: 'two-way' | 'bound' | undefined; applied: boolean } {
  return fromMins(minOf(fwd), minOf(back));
}

/** The estimate from the least delta of each direction (Infinity: no pair that way). */
function fromMins(f: number, b: number): { offsetMs: number; kind: 'two-way' | 'bound' | undefined; applied: boolean } {
  const lo = -f; // θ ≥ lo
  const hi = b; // θ ≤ hi
  if (f !== Infinity && b !== Infinity) {
    const offsetMs = Math.round((lo + hi) / 2);
    return { offsetMs, kind: 'two-way', applied: (lo > 0 || hi < 0) && Math.abs(offsetMs) >= APPLY_FROM_MS };
  }
  if (f !== Infinity) return { offsetMs: lo, kind: 'bound', applied: lo >= APPLY_FROM_MS };
  if (b !== Infinity) return { offsetMs: hi, kind: 'bound', applied: hi <= -APPLY_FROM_MS };
  return { offsetMs: 0, kind: undefined, applied: false };
}

/**
 * Index in SYSTEM_CODES of the system that sent from `source` (`plant/line/system`): ERP and the
 * plant systems take part in clock estimates; -1 for the integration layer, the operator and others.
 */
export function clockedSystem(source: string): number {
  switch (source.slice(source.lastIndexOf('/') + 1)) {
    case 'erp':
      return 0;
    case 'mes':
      return 1;
    case 'wms':
      return 2;
    case 'qms':
      return 3;
    default:
      return -1;
  }
}

/**
 * Note event `e` (raw time `t`; `sys` its `clockedSystem`, when the caller has it) on its line's clocks and return the offset to subtract from `t` to
 * read it on ERP's clock: 0 for ERP, the integration layer, the operator, and a system with no
 * applied estimate. Only a message on an interface (what the other side answers: a release or
 * change from ERP, a confirmation, consumption, receipt or decision from a plant system) is
 * remembered as a possible cause.
 */
export function noteClock(c: LineClocks, e: AnyEvent, t: number, sys: number = clockedSystem(e.source)): number {
  if (sys < 0) return 0;
  if (e.causationid !== undefined) {
    const i = c.slot.get(e.causationid);
    if (i !== undefined) {
      const cause = c.systems[i]!;
      const delta = t - c.times[i]!;
      if (sys === ERP && cause !== ERP) pair(c, SYSTEM_CODES[cause] as ClockSystem, 'fwd', delta);
      else if (sys !== ERP && cause === ERP) pair(c, SYSTEM_CODES[sys] as ClockSystem, 'back', delta);
    }
  }
  if (interfaceOfMessage(e.type) !== undefined) remember(c, e.id, t, sys);
  return sys === ERP ? 0 : (c.bySys[SYSTEM_CODES[sys] as ClockSystem]?.offsetMs ?? 0);
}

function remember(c: LineClocks, id: string, t: number, sys: number): void {
  const i = c.next;
  if (c.ids.length < RECENT) c.ids.push(id);
  else {
    c.slot.delete(c.ids[i]!);
    c.ids[i] = id;
  }
  c.times[i] = t;
  c.systems[i] = sys;
  c.slot.set(id, i);
  c.next = (i + 1) % RECENT;
}

function pair(c: LineClocks, sys: ClockSystem, dir: 'fwd' | 'back', delta: number): void {
  let k = c.bySys[sys];
  if (k === undefined) k = c.bySys[sys] = { fwd: ring(), back: ring(), offsetMs: 0, kind: undefined };
  push(k[dir], delta);
  const est = fromMins(k.fwd.min, k.back.min);
  k.offsetMs = est.applied ? est.offsetMs : 0;
  k.kind = est.applied ? est.kind : undefined;
}

/** The applied estimates of a line, for its snapshot; undefined when none applies (every figure as the clocks say). */
export function clockEstimates(c: LineClocks | undefined): Partial<Record<ClockSystem, ClockEstimate>> | undefined {
  if (c === undefined) return undefined;
  let out: Partial<Record<ClockSystem, ClockEstimate>> | undefined;
  for (const sys of ['mes', 'wms', 'qms'] as const) {
    const k = c.bySys[sys];
    if (k?.kind === undefined) continue;
    (out ??= {})[sys] = { offsetMs: k.offsetMs, pairs: Math.min(k.fwd.seen, WINDOW) + Math.min(k.back.seen, WINDOW), kind: k.kind };
  }
  return out;
}

/**
 * The offset to take off system `sys`'s times (a `clockedSystem` index) on this line, once it is
 * settled: 0 for ERP and systems outside the estimates; the applied estimate once the pairs prove the
 * clock off ERP's; 0 once pairs both ways show it within `APPLY_FROM_MS` of ERP's. Undefined while the
 * pairs do not yet tell (none, or one way only without proof of an offset): a time read then may
 * still be read otherwise later.
 */
export function settledOffset(c: LineClocks | undefined, sys: number): number | undefined {
  if (sys <= ERP) return 0;
  const k = c?.bySys[SYSTEM_CODES[sys] as ClockSystem];
  if (k === undefined) return undefined;
  if (k.kind !== undefined) return k.offsetMs;
  return k.fwd.seen > 0 && k.back.seen > 0 ? 0 : undefined;
}

/** The offset applied to system `sys` on this line now (0 while none applies): what `noteClock` takes off its times. */
export function currentOffset(c: LineClocks | undefined, sys: number): number {
  if (sys <= ERP) return 0;
  return c?.bySys[SYSTEM_CODES[sys] as ClockSystem]?.offsetMs ?? 0;
}

/**
 * How far ahead of ERP's the clock of system `sys` may be, as far as this line can tell, while no
 * offset of it is settled: its least ERP → system delay (an acknowledgement's time less its
 * release's), when that is `APPLY_FROM_MS` or more; else 0. Until the pairs settle the offset, the
 * monitor lets its events move time no further than that allows — so that the first events of a
 * system 130 s ahead do not run the grace of releases out before their acknowledgements arrive.
 */
export function aheadBound(c: LineClocks | undefined, sys: number): number {
  if (sys <= ERP) return 0;
  const k = c?.bySys[SYSTEM_CODES[sys] as ClockSystem];
  if (k === undefined || settledOffset(c, sys) !== undefined || k.back.seen === 0) return 0;
  return k.back.min >= APPLY_FROM_MS ? k.back.min : 0;
}
