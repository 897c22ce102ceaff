/**
 * Geometry of the lineage swimlane timeline, kept pure so it is unit-tested and computed once per
 * lineage and width (not per render): lanes stacked in `LANE_ORDER`, events placed on a shared
 * virtual-time axis, events that would overlap in a lane spread over a few rows, connectors between
 * cause and effect, and axis ticks at round steps.
 */
import type { Lineage, LineageEdge } from '../../../engine/contract/index.js';
import { LANE_LABELS, LANE_ORDER, type LaneSystem } from './lanes.js';
import { fmtLatency } from './time-format.js';

export type LayoutOptions = {
  /** total width in px */
  readonly width: number;
  /** width of the lane-name column on the left */
  readonly gutter: number;
  /** space kept free right of the last event */
  readonly padRight: number;
  /** height of the time axis above the lanes */
  readonly axisHeight: number;
  readonly rowHeight: number;
  /** space above and below the rows of a lane */
  readonly lanePad: number;
  /** most rows per lane; beyond it markers overlap instead of the lane growing without bound */
  readonly maxRows: number;
  /** least horizontal distance between markers sharing a row */
  readonly markerGap: number;
  /** least distance between axis ticks */
  readonly tickGap: number;
};

export const DEFAULT_LAYOUT: Omit<LayoutOptions, 'width'> = {
  gutter: 110,
  padRight: 24,
  axisHeight: 40,
  rowHeight: 16,
  lanePad: 8,
  maxRows: 6,
  markerGap: 12,
  tickGap: 110,
};

export type PlacedLane = { readonly system: LaneSystem; readonly label: string; readonly y: number; readonly height: number; readonly count: number };
export type PlacedMarker = { readonly id: string; readonly system: LaneSystem; readonly x: number; readonly y: number };
export type PlacedEdge = {
  readonly from: string;
  readonly to: string;
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
  readonly crossLane: boolean;
  /** a reversal drawn against the posting it nets (drawn apart from cause → effect) */
  readonly reverses: boolean;
  /** e.g. `MES → ERP 2.4 s`; for a reversal `reversal 12 min` (the time between posting and reversal) */
  readonly label: string;
};
export type Tick = { readonly x: number; readonly ms: number };

export type TimelineLayout = {
  readonly width: number;
  readonly height: number;
  readonly startMs: number;
  readonly endMs: number;
  /** x of the start and end instants */
  readonly x0: number;
  readonly x1: number;
  readonly lanes: readonly PlacedLane[];
  /** in the lineage's node order (time order) */
  readonly markers: readonly PlacedMarker[];
  readonly markerById: ReadonlyMap<string, PlacedMarker>;
  readonly edges: readonly PlacedEdge[];
  readonly ticks: readonly Tick[];
};

/** Round tick steps from 1 ms to a day, so ticks land on instants people can read. */
const STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1e3, 2e3, 5e3, 1e4, 15e3, 3e4, 6e4, 12e4, 3e5, 6e5, 9e5, 18e5, 36e5, 72e5, 108e5, 216e5, 432e5, 864e5];

/** Ticks strictly between the ends, at the smallest round step that keeps them `tickGap` apart. */
export function axisTicks(startMs: number, endMs: number, x: (ms: number) => number, tickGap: number): Tick[] {
  const span = endMs - startMs;
  if (span <= 0) return [];
  const pxPerMs = (x(endMs) - x(startMs)) / span;
  const step = STEPS.find((s) => s * pxPerMs >= tickGap) ?? STEPS[STEPS.length - 1]!;
  const ticks: Tick[] = [];
  for (let ms = Math.ceil(startMs / step) * step; ms < endMs; ms += step) {
    // keep clear of the start and end labels, which name the full instants
    if (x(ms) - x(startMs) >= tickGap * 0.6 && x(endMs) - x(ms) >= tickGap * 0.6) ticks.push({ x: x(ms), ms });
  }
  return ticks;
}

/** Row per node within its lane: the first row whose last marker is far enough left, else the emptiest. */
function assignRows(xs: readonly number[], systems: readonly LaneSystem[], opts: LayoutOptions): { rows: number[]; rowsPerLane: Map<LaneSystem, number> } {
  const lastX = new Map<LaneSystem, number[]>();
  const rows = xs.map((x, i) => {
    const system = systems[i]!;
    const lane = lastX.get(system) ?? [];
    lastX.set(system, lane);
    let row = lane.findIndex((last) => x - last >= opts.markerGap);
    if (row < 0 && lane.length < opts.maxRows) row = lane.push(x) - 1;
    if (row < 0) row = lane.indexOf(Math.min(...lane));
    lane[row] = x;
    return row;
  });
  return { rows, rowsPerLane: new Map([...lastX].map(([s, l]) => [s, l.length])) };
}

/** Place a lineage on a timeline `opts.width` px wide. */
export function layoutTimeline(lineage: Lineage, opts: LayoutOptions): TimelineLayout {
  const { nodes } = lineage;
  const startMs = nodes.length > 0 ? Math.min(...nodes.map((n) => n.timeMs)) : 0;
  const lastMs = nodes.length > 0 ? Math.max(...nodes.map((n) => n.timeMs)) : 0;
  // a single instant still gets an axis: one second wide
  const endMs = lastMs > startMs ? lastMs : startMs + 1000;
  const x0 = opts.gutter + opts.markerGap / 2;
  const x1 = Math.max(x0 + 1, opts.width - opts.padRight);
  const x = (ms: number): number => x0 + ((ms - startMs) / (endMs - startMs)) * (x1 - x0);

  const xs = nodes.map((n) => x(n.timeMs));
  const { rows, rowsPerLane } = assignRows(xs, nodes.map((n) => n.system), opts);

  const lanes: PlacedLane[] = [];
  const laneTop = new Map<LaneSystem, number>();
  let y = opts.axisHeight;
  for (const system of LANE_ORDER) {
    const count = lineage.lanes.find((l) => l.system === system)?.nodes.length ?? 0;
    if (count === 0) continue;
    const height = (rowsPerLane.get(system) ?? 1) * opts.rowHeight + 2 * opts.lanePad;
    lanes.push({ system, label: LANE_LABELS[system], y, height, count });
    laneTop.set(system, y);
    y += height;
  }

  const markers = nodes.map<PlacedMarker>((n, i) => ({
    id: n.id,
    system: n.system,
    x: xs[i]!,
    y: (laneTop.get(n.system) ?? 0) + opts.lanePad + (rows[i]! + 0.5) * opts.rowHeight,
  }));
  const markerById = new Map(markers.map((m) => [m.id, m]));
  const edges = lineage.edges.flatMap((e) => placeEdge(e, markerById));
  return { width: opts.width, height: y, startMs, endMs, x0, x1, lanes, markers, markerById, edges, ticks: axisTicks(startMs, endMs, x, opts.tickGap) };
}

function placeEdge(e: LineageEdge, byId: ReadonlyMap<string, PlacedMarker>): PlacedEdge[] {
  const a = byId.get(e.from);
  const b = byId.get(e.to);
  if (a === undefined || b === undefined) return [];
  const reverses = e.via === 'reverses';
  return [
    {
      from: e.from,
      to: e.to,
      x1: a.x,
      y1: a.y,
      x2: b.x,
      y2: b.y,
      crossLane: a.system !== b.system,
      reverses,
      label: reverses ? `reversal ${fmtLatency(Math.abs(e.latencyMs))}` : `${LANE_LABELS[a.system]} → ${LANE_LABELS[b.system]} ${fmtLatency(e.latencyMs)}`,
    },
  ];
}

export type EdgeLabel = { readonly edge: PlacedEdge; readonly x: number; readonly y: number; readonly width: number };

/** Rough label width in px at the timeline's 11 px font (no DOM measuring: this runs in tests too). */
const labelWidth = (text: string): number => text.length * 6 + 8;
const LABEL_HEIGHT = 14;

/** Where along a connector a label may sit, tried in turn: its middle, then towards either end. */
const ALONG = [0.5, 0.3, 0.7];
/** Half the extent of a marker, so labels do not hide (or swallow clicks on) events. */
const MARKER_RADIUS = 7;
/** Width of the x buckets markers are filed in, so a label is checked only against markers near it. */
const BUCKET = 64;

/** A test whether a box centred at x, y of the given width covers a marker. */
function markerHit(markers: readonly PlacedMarker[]): (x: number, y: number, width: number) => boolean {
  const buckets = new Map<number, PlacedMarker[]>();
  for (const m of markers) {
    const b = Math.floor(m.x / BUCKET);
    const list = buckets.get(b);
    if (list === undefined) buckets.set(b, [m]);
    else list.push(m);
  }
  return (x, y, width) => {
    const reach = width / 2 + MARKER_RADIUS;
    for (let b = Math.floor((x - reach) / BUCKET); b <= Math.floor((x + reach) / BUCKET); b++) {
      if (buckets.get(b)?.some((m) => Math.abs(m.x - x) < reach && Math.abs(m.y - y) < LABEL_HEIGHT / 2 + MARKER_RADIUS)) return true;
    }
    return false;
  };
}

/**
 * Which connectors get their latency written next to them: those touching the focused event first,
 * then hops between systems, then hops within one, each only where it covers neither a label
 * already placed nor a marker, and not when a label saying the same is already near (a burst of
 * identical hops is labelled once) — so a dense order stays readable and the selected event's hops
 * win the space.
 */
export function placeEdgeLabels(layout: TimelineLayout, focus: string | null, budget = 60): EdgeLabel[] {
  const touches = (e: PlacedEdge): boolean => focus !== null && (e.from === focus || e.to === focus);
  // a reversal is what an engineer looks for in an order that has one: its label ranks with the focus
  const rank = (e: PlacedEdge): number => (touches(e) || e.reverses ? 0 : e.crossLane ? 1 : 2);
  const ordered = layout.edges.map((edge, i) => ({ edge, i })).sort((a, b) => rank(a.edge) - rank(b.edge) || a.i - b.i);
  const placed: EdgeLabel[] = [];
  const coversMarker = markerHit(layout.markers);
  const free = (x: number, y: number, width: number): boolean =>
    !placed.some((p) => Math.abs(p.x - x) < (p.width + width) / 2 && Math.abs(p.y - y) < LABEL_HEIGHT) && !coversMarker(x, y, width);
  for (const { edge } of ordered) {
    if (placed.length >= budget) break;
    const width = labelWidth(edge.label);
    const nearTwin = placed.some((p) => p.edge.label === edge.label && Math.abs(p.x - (edge.x1 + edge.x2) / 2) < 2 * width);
    if (nearTwin && !touches(edge)) continue;
    for (const t of ALONG) {
      const x = Math.min(Math.max(edge.x1 + (edge.x2 - edge.x1) * t, layout.x0 + width / 2), layout.width - width / 2);
      const y = edge.y1 + (edge.y2 - edge.y1) * t;
      if (free(x, y, width)) {
        placed.push({ edge, x, y, width });
        break;
      }
    }
  }
  return placed;
}
