import type { AnyEvent } from '../model/event.js';
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

/** The last pairs of one direction: a ring of deltas (effect time − cause time, raw clocks). */
type Ring = { readonly d: number[]; next: number; seen: number };

type SysClock = {
  readonly fwd: Ring;
  readonly back: Ring;
  /** the applied offset (ms, the system's clock − ERP's), 0 when none applies */
  offsetMs: number;
  kind: 'two-way' | 'bound' | undefined;
};

/** Per line: what its clocks look like. Plain data (the monitor's state is structured-cloned). */
export type LineClocks = {
  /** recent events of the line's ERP and plant systems by id: raw time and system */
  readonly recent: Map<string, { readonly t: number; readonly sys: string }>;
  readonly bySys: Partial<Record<ClockSystem, SysClock>>;
};

export function createLineClocks(): LineClocks {
  return { recent: new Map(), bySys: {} };
}

const ring = (): Ring => ({ d: [], next: 0, seen: 0 });

function push(r: Ring, delta: number): void {
  if (r.d.length < WINDOW) r.d.push(delta);
  else r.d[r.next] = delta;
  r.next = (r.next + 1) % WINDOW;
  r.seen++;
}

/** The estimate the pairs give: offset, kind, and whether it applies. Pure, for tests and snapshots. */
export function estimate(fwd: readonly number[], back: readonly number[]): { offsetMs: number; kind: 'two-way' | 'bound' | undefined; applied: boolean } {
  let f = Infinity;
  for (const x of fwd) if (x < f) f = x;
  let b = Infinity;
  for (const x of back) if (x < b) b = x;
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

function sysOf(source: string): string {
  return source.slice(source.lastIndexOf('/') + 1);
}

const PLANT_SYSTEMS: ReadonlySet<string> = new Set(['mes', 'wms', 'qms']);

/** Events of ERP and the plant systems take part in clock estimates; the layer's and the operator's do not. */
export function isClocked(source: string): boolean {
  return source.endsWith('/erp') || source.endsWith('/mes') || source.endsWith('/wms') || source.endsWith('/qms');
}

/**
 * Note event `e` (raw time `t`) on its line's clocks and return the offset to subtract from `t` to
 * read it on ERP's clock: 0 for ERP, the integration layer, the operator, and a system with no
 * applied estimate.
 */
export function noteClock(c: LineClocks, e: AnyEvent, t: number): number {
  const sys = sysOf(e.source);
  const plant = PLANT_SYSTEMS.has(sys);
  if (!plant && sys !== 'erp') return 0;
  const cause = e.causationid === undefined ? undefined : c.recent.get(e.causationid);
  if (cause !== undefined && cause.sys !== sys) {
    if (sys === 'erp' && PLANT_SYSTEMS.has(cause.sys)) pair(c, cause.sys as ClockSystem, 'fwd', t - cause.t);
    else if (plant && cause.sys === 'erp') pair(c, sys as ClockSystem, 'back', t - cause.t);
  }
  if (c.recent.size >= RECENT) c.recent.delete(c.recent.keys().next().value!);
  c.recent.set(e.id, { t, sys });
  return plant ? (c.bySys[sys as ClockSystem]?.offsetMs ?? 0) : 0;
}

function pair(c: LineClocks, sys: ClockSystem, dir: 'fwd' | 'back', delta: number): void {
  let k = c.bySys[sys];
  if (k === undefined) k = c.bySys[sys] = { fwd: ring(), back: ring(), offsetMs: 0, kind: undefined };
  push(k[dir], delta);
  const est = estimate(k.fwd.d, k.back.d);
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
