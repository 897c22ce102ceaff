import { describe, expect, it } from 'vitest';
import type { Lineage, LineageNode } from '../../../../engine/contract/index.js';
import { axisTicks, DEFAULT_LAYOUT, layoutTimeline, placeEdgeLabels } from '../../../../renderer/components/lineage/layout.js';

const T0 = Date.parse('2026-03-02T14:00:00.000Z');

const node = (id: string, system: LineageNode['system'], atMs: number): LineageNode => ({
  id,
  type: `${system}.thing.happened`,
  system,
  time: new Date(T0 + atMs).toISOString(),
  timeMs: T0 + atMs,
  businesskey: `K-${id}`,
  plant: 'US01',
  line: 'L2',
  order: 'PO-1',
});

/** A lineage as buildLineage makes it: nodes in time order, lanes per system that has events. */
function lineage(nodes: LineageNode[], edges: Lineage['edges'] = []): Lineage {
  const systems = ['erp', 'mes', 'wms', 'qms', 'int', 'operator', 'unknown'] as const;
  const lanes = systems.flatMap((system) => {
    const ids = nodes.filter((n) => n.system === system).map((n) => n.id);
    return ids.length > 0 ? [{ system, nodes: ids }] : [];
  });
  return { nodes, edges, lanes };
}

const opts = { ...DEFAULT_LAYOUT, width: 1000 };

describe('layoutTimeline', () => {
  it('stacks lanes ERP, Integration, MES, WMS, QMS whatever order the lineage lists them in', () => {
    const l = lineage([node('a', 'qms', 0), node('b', 'mes', 1000), node('c', 'int', 2000), node('d', 'erp', 3000), node('e', 'wms', 4000)]);
    const layout = layoutTimeline(l, opts);
    expect(layout.lanes.map((x) => x.label)).toEqual(['ERP', 'Integration', 'MES', 'WMS', 'QMS']);
    // each lane starts where the one above ends, below the axis
    expect(layout.lanes[0]!.y).toBe(opts.axisHeight);
    for (let i = 1; i < layout.lanes.length; i++) expect(layout.lanes[i]!.y).toBe(layout.lanes[i - 1]!.y + layout.lanes[i - 1]!.height);
    expect(layout.height).toBe(layout.lanes.at(-1)!.y + layout.lanes.at(-1)!.height);
  });

  it('places events on one shared time axis: first at the start, last at the end, in proportion between', () => {
    const layout = layoutTimeline(lineage([node('a', 'erp', 0), node('b', 'mes', 25_000), node('c', 'erp', 100_000)]), opts);
    const [a, b, c] = layout.markers;
    expect(a!.x).toBe(layout.x0);
    expect(c!.x).toBe(layout.x1);
    expect(b!.x).toBeCloseTo(layout.x0 + (layout.x1 - layout.x0) / 4);
    expect(layout.x1).toBe(opts.width - opts.padRight);
    // and in their system's lane
    const mes = layout.lanes.find((x) => x.system === 'mes')!;
    expect(b!.y).toBeGreaterThan(mes.y);
    expect(b!.y).toBeLessThan(mes.y + mes.height);
  });

  it('gives a lineage of one instant a one-second axis instead of dividing by zero', () => {
    const layout = layoutTimeline(lineage([node('a', 'mes', 0), node('b', 'int', 0)]), opts);
    expect(layout.endMs - layout.startMs).toBe(1000);
    expect(layout.markers.every((m) => Number.isFinite(m.x) && m.x === layout.x0)).toBe(true);
  });

  it('spreads events at the same instant over rows, and caps the rows so hundreds of events keep the lane bounded', () => {
    const burst = Array.from({ length: 300 }, (_, i) => node(`m${i}`, 'mes', 5000));
    const layout = layoutTimeline(lineage([node('start', 'erp', 0), ...burst]), opts);
    const mes = layout.lanes.find((x) => x.system === 'mes')!;
    expect(mes.count).toBe(300);
    expect(mes.height).toBe(opts.maxRows * opts.rowHeight + 2 * opts.lanePad);
    const rowsUsed = new Set(layout.markers.filter((m) => m.system === 'mes').map((m) => m.y));
    expect(rowsUsed.size).toBe(opts.maxRows);
    // events far enough apart share the first row
    const spaced = layoutTimeline(lineage([node('a', 'mes', 0), node('b', 'mes', 50_000), node('c', 'mes', 100_000)]), opts);
    expect(new Set(spaced.markers.map((m) => m.y)).size).toBe(1);
  });

  it('draws a connector per edge between its markers, labelled with the systems and the hop latency', () => {
    const l = lineage([node('m', 'mes', 0), node('e', 'erp', 2400)], [{ from: 'm', to: 'e', via: 'businesskey', latencyMs: 2400 }]);
    const layout = layoutTimeline(l, opts);
    const [edge] = layout.edges;
    const m = layout.markerById.get('m')!;
    const e = layout.markerById.get('e')!;
    expect(edge).toMatchObject({ x1: m.x, y1: m.y, x2: e.x, y2: e.y, crossLane: true, label: 'MES → ERP 2.4 s' });
  });

  it('leaves out edges to events it does not hold', () => {
    const layout = layoutTimeline(lineage([node('m', 'mes', 0)], [{ from: 'm', to: 'gone', via: 'causation', latencyMs: 5 }]), opts);
    expect(layout.edges).toEqual([]);
  });
});

describe('placeEdgeLabels', () => {
  // three hops from one MES event at the same instant: their labels would sit on top of each other
  const fan = lineage(
    [node('m', 'mes', 0), node('i1', 'int', 0), node('i2', 'int', 0), node('e', 'erp', 60_000), node('w', 'wms', 120_000)],
    [
      { from: 'm', to: 'i1', via: 'causation', latencyMs: 0 },
      { from: 'm', to: 'i2', via: 'causation', latencyMs: 0 },
      { from: 'm', to: 'e', via: 'businesskey', latencyMs: 60_000 },
      { from: 'e', to: 'w', via: 'causation', latencyMs: 60_000 },
    ],
  );

  it('never lets two labels overlap', () => {
    const layout = layoutTimeline(fan, opts);
    const labels = placeEdgeLabels(layout, null);
    expect(labels.length).toBeGreaterThan(0);
    for (const a of labels)
      for (const b of labels)
        if (a !== b) expect(Math.abs(a.x - b.x) >= (a.width + b.width) / 2 || Math.abs(a.y - b.y) >= 14).toBe(true);
  });

  it('keeps labels off the markers, so they neither hide events nor catch their clicks', () => {
    const layout = layoutTimeline(fan, opts);
    for (const l of placeEdgeLabels(layout, null))
      for (const m of layout.markers) expect(Math.abs(m.x - l.x) >= l.width / 2 + 7 || Math.abs(m.y - l.y) >= 14).toBe(true);
  });

  it('labels the hops of the selected event first', () => {
    const layout = layoutTimeline(fan, opts);
    const labels = placeEdgeLabels(layout, 'w');
    expect(labels[0]!.edge).toMatchObject({ from: 'e', to: 'w', label: 'ERP → WMS 1 min 0 s' });
  });

  it('labels a burst of identical hops once', () => {
    const burst = Array.from({ length: 5 }, (_, i) => node(`w${i}`, 'wms', 0));
    const consumed = Array.from({ length: 5 }, (_, i) => node(`c${i}`, 'mes', 80_000));
    const l = lineage(
      [...burst, ...consumed],
      burst.map((w, i) => ({ from: w.id, to: `c${i}`, via: 'causation' as const, latencyMs: 80_000 })),
    );
    const labels = placeEdgeLabels(layoutTimeline(l, opts), null);
    expect(labels.map((x) => x.edge.label)).toEqual(['WMS → MES 1 min 20 s']);
    // unless the twin is a hop of the selected event
    expect(placeEdgeLabels(layoutTimeline(l, opts), 'c3').map((x) => x.edge.to)).toContain('c3');
  });

  it('stops at the budget', () => {
    expect(placeEdgeLabels(layoutTimeline(fan, opts), null, 1)).toHaveLength(1);
  });
});

describe('axisTicks', () => {
  const x = (ms: number): number => (ms - T0) / 1000; // 1 px per second

  it('picks the smallest round step that keeps ticks apart, aligned to round instants', () => {
    const ticks = axisTicks(T0 + 7_000, T0 + 3_600_000, x, 110);
    // 110 px = 110 s → the next round step is 2 min
    expect(ticks[1]!.ms - ticks[0]!.ms).toBe(120_000);
    expect(ticks.every((t) => t.ms % 120_000 === 0)).toBe(true);
  });

  it('keeps clear of the start and end labels', () => {
    const ticks = axisTicks(T0, T0 + 3_600_000, x, 110);
    expect(ticks.every((t) => t.x - x(T0) >= 66 && x(T0 + 3_600_000) - t.x >= 66)).toBe(true);
  });

  it('has none for an empty span', () => {
    expect(axisTicks(T0, T0, x, 110)).toEqual([]);
  });
});
