/**
 * A bounded history of one line's frame values over simulated time: one ring buffer per series,
 * preallocated typed arrays, written in place (no allocation per frame). `NaN` marks "no value"
 * (e.g. latency before the first posting).
 */
import type { LineStats } from '../../engine/contract/index.js';

export const HISTORY_CAPACITY = 3_600;

/** Trailing window the throughput is measured over (the history may be shorter). */
export const THROUGHPUT_WINDOW_MS = 3_600_000;

export const SERIES = [
  'queueDepth',
  'p50',
  'p95',
  'completed',
  'throughput',
  'heldP95',
  'heldGoodsReceipt',
  'heldLotValidity',
  'heldRoutingRevision',
  'heldResequencing',
  'heldStoreAndForward',
] as const;
export type SeriesName = (typeof SERIES)[number];

/** The series of each kind of hold's p95 (`heldP95` is the longest of them). */
export const HELD_SERIES: Readonly<Record<keyof LineStats['heldMs'], SeriesName>> = {
  'goods-receipt': 'heldGoodsReceipt',
  'lot-validity': 'heldLotValidity',
  'routing-revision': 'heldRoutingRevision',
  resequencing: 'heldResequencing',
  'store-and-forward': 'heldStoreAndForward',
};
const HELD_ENTRIES = Object.entries(HELD_SERIES) as [keyof LineStats['heldMs'], SeriesName][];

export type LineHistory = {
  readonly capacity: number;
  /** points held, ≤ capacity */
  size: number;
  /** index the next point goes to */
  head: number;
  /** simulated time of each point, epoch ms */
  readonly t: Float64Array;
  readonly series: Readonly<Record<SeriesName, Float64Array>>;
};

export function createLineHistory(capacity = HISTORY_CAPACITY): LineHistory {
  const series = {} as Record<SeriesName, Float64Array>;
  for (const s of SERIES) series[s] = new Float64Array(capacity);
  return { capacity, size: 0, head: 0, t: new Float64Array(capacity), series };
}

/** Ring index of the i-th oldest point (0 = oldest). */
const at = (h: LineHistory, i: number): number => (h.head - h.size + i + h.capacity) % h.capacity;

export const lastTime = (h: LineHistory): number | null =>
  h.size === 0 ? null : (h.t[at(h, h.size - 1)] ?? null);

/** The newest value of a series, null when empty or NaN. */
export function latest(h: LineHistory, s: SeriesName): number | null {
  if (h.size === 0) return null;
  const v = h.series[s][at(h, h.size - 1)] ?? NaN;
  return Number.isNaN(v) ? null : v;
}

/**
 * Orders completed per simulated hour over the trailing window (or the whole history when shorter),
 * from the completed count at `tMs` and the oldest point still inside the window.
 */
function throughputAt(h: LineHistory, tMs: number, completed: number): number {
  let base = -1;
  for (let i = h.size - 1; i >= 0; i--) {
    const j = at(h, i);
    base = j;
    if ((h.t[j] ?? 0) <= tMs - THROUGHPUT_WINDOW_MS) break;
  }
  if (base < 0) return NaN;
  const dt = tMs - (h.t[base] ?? tMs);
  if (dt <= 0) return NaN;
  return ((completed - (h.series.completed[base] ?? 0)) / dt) * 3_600_000;
}

/** Append one frame's values for the line; overwrites the oldest point when full. */
export function appendPoint(h: LineHistory, tMs: number, l: LineStats): void {
  const i = h.head;
  const throughput = throughputAt(h, tMs, l.ordersCompleted);
  h.t[i] = tMs;
  h.series.queueDepth[i] = l.queueDepth;
  h.series.p50[i] = l.postingLatencyMs.p50 ?? NaN;
  h.series.p95[i] = l.postingLatencyMs.p95 ?? NaN;
  h.series.completed[i] = l.ordersCompleted;
  h.series.throughput[i] = throughput;
  let longest = NaN;
  for (const [kind, series] of HELD_ENTRIES) {
    const p95 = l.heldMs[kind].p95 ?? NaN;
    h.series[series][i] = p95;
    // NaN (nothing held of that kind) never wins; the first number does
    if (p95 === p95 && !(p95 <= longest)) longest = p95;
  }
  h.series.heldP95[i] = longest;
  h.head = (i + 1) % h.capacity;
  if (h.size < h.capacity) h.size++;
}

/** A chart point (chart.js `parsing: false` format). */
export type XY = { x: number; y: number | null };

/**
 * Copy a series oldest-first into `out`, reusing its point objects (the chart keeps the same array);
 * NaN becomes null, which the chart draws as a break.
 */
export function readSeries(h: LineHistory, s: SeriesName, out: XY[]): XY[] {
  const values = h.series[s];
  for (let i = 0; i < h.size; i++) {
    const j = at(h, i);
    const v = values[j] ?? NaN;
    const x = h.t[j] ?? 0;
    const y = Number.isNaN(v) ? null : v;
    const p = out[i];
    if (p) {
      p.x = x;
      p.y = y;
    } else out.push({ x, y });
  }
  out.length = h.size;
  return out;
}

/** The key a line is stored under: `plant/line`. */
export const lineKey = (l: { readonly plant: string; readonly line: string }): string => `${l.plant}/${l.line}`;
