import { memo, useCallback, useLayoutEffect, useMemo, useRef, useState, type MouseEvent, type RefObject } from 'react';
import type { Lineage, LineageNode } from '../../../engine/contract/index.js';
import { LANE_LABELS } from './lanes.js';
import { DEFAULT_LAYOUT, layoutTimeline, placeEdgeLabels, type PlacedEdge, type PlacedMarker, type TimelineLayout } from './layout.js';
import { OUTCOME_SHORT, type Outcome } from './outcome.js';
import { MarkerShape } from './MarkerShape.js';
import { timeOfDay } from './time-format.js';
import '../reversals/reversals.css';

type Props = {
  readonly lineage: Lineage;
  readonly outcomes: ReadonlyMap<string, Outcome>;
  readonly selected: string | null;
  readonly onSelect: (id: string) => void;
};

/** The width of an element, followed as it resizes (0 until measured). */
function useWidth(): [RefObject<HTMLDivElement | null>, number] {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const el = ref.current;
    if (el === null) return;
    setWidth(el.clientWidth);
    const observer = new ResizeObserver(([entry]) => entry && setWidth(Math.floor(entry.contentRect.width)));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}

/**
 * The order as a trace waterfall: one lane per system, a shared virtual-time axis, a marker per
 * event shaped and coloured by outcome, and connectors from cause to effect. Drawn as plain SVG;
 * the layers that depend only on the lineage are memoised, so selecting an event redraws just the
 * highlight and the labels. The chart is for the eye and the mouse: the event table below carries
 * the same content for keyboard and screen-reader users.
 */
export function Timeline({ lineage, outcomes, selected, onSelect }: Props) {
  const [ref, width] = useWidth();
  const layout = useMemo(() => (width > 0 ? layoutTimeline(lineage, { ...DEFAULT_LAYOUT, width }) : null), [lineage, width]);
  const labels = useMemo(() => (layout === null ? [] : placeEdgeLabels(layout, selected)), [layout, selected]);
  const focusEdges = useMemo(
    () => (layout === null || selected === null ? [] : layout.edges.filter((e) => e.from === selected || e.to === selected)),
    [layout, selected],
  );
  const focus = selected === null ? undefined : layout?.markerById.get(selected);

  // one listener for every marker: hundreds of events need not mean hundreds of handlers
  const onClick = useCallback(
    (e: MouseEvent<SVGGElement>) => {
      const id = (e.target as Element).closest('[data-id]')?.getAttribute('data-id');
      if (id) onSelect(id);
    },
    [onSelect],
  );

  return (
    <div ref={ref} className="lin-chart">
      {layout !== null && (
        <svg width={layout.width} height={layout.height} role="img" aria-label={chartLabel(lineage)}>
          <defs>
            <marker id="lin-arrow" viewBox="0 0 6 6" refX="6" refY="3" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
              <path d="M0,0 L6,3 L0,6 z" className="lin-arrowhead" />
            </marker>
            <marker id="lin-arrow-reverses" viewBox="0 0 6 6" refX="6" refY="3" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
              <path d="M0,0 L6,3 L0,6 z" className="lin-arrowhead-reverses" />
            </marker>
          </defs>
          <LanesAndAxis layout={layout} />
          <Connectors edges={layout.edges} />
          {focusEdges.map((e) => (
            <line
              key={`${e.from}>${e.to}`}
              className={e.reverses ? 'lin-edge lin-edge-focus lin-edge-reverses-focus' : 'lin-edge lin-edge-focus'}
              x1={e.x1}
              y1={e.y1}
              x2={e.x2}
              y2={e.y2}
              markerEnd={e.reverses ? 'url(#lin-arrow-reverses)' : 'url(#lin-arrow)'}
            />
          ))}
          <g onClick={onClick}>
            <Markers markers={layout.markers} nodes={lineage.nodes} outcomes={outcomes} />
          </g>
          {focus && <circle className="lin-selected" cx={focus.x} cy={focus.y} r={9} />}
          {labels.map((l) => (
            <g key={`${l.edge.from}>${l.edge.to}`} className="lin-edge-label">
              <rect x={l.x - l.width / 2} y={l.y - 8} width={l.width} height={15} rx={3} />
              <text x={l.x} y={l.y + 3} textAnchor="middle">
                {l.edge.label}
              </text>
            </g>
          ))}
        </svg>
      )}
    </div>
  );
}

const chartLabel = (l: Lineage): string =>
  `Swimlane timeline of ${l.nodes.length} events in ${l.lanes.length} systems; the event table below lists the same events.`;

/** Lane bands with their names, the start and end instants, ticks and their grid lines. */
const LanesAndAxis = memo(function LanesAndAxis({ layout }: { readonly layout: TimelineLayout }) {
  const axisY = DEFAULT_LAYOUT.axisHeight - 8;
  return (
    <g className="lin-axis">
      {layout.lanes.map((lane, i) => (
        <g key={lane.system}>
          <rect className={i % 2 === 0 ? 'lin-lane lin-lane-even' : 'lin-lane'} x={0} y={lane.y} width={layout.width} height={lane.height} />
          <text className="lin-lane-name" x={8} y={lane.y + lane.height / 2 + 4}>
            {lane.label} <tspan className="lin-lane-count">({lane.count})</tspan>
          </text>
        </g>
      ))}
      <line className="lin-axis-line" x1={layout.x0} x2={layout.x1} y1={axisY} y2={axisY} />
      {layout.ticks.map((t) => (
        <g key={t.ms}>
          <line className="lin-grid" x1={t.x} x2={t.x} y1={axisY - 4} y2={layout.height} />
          <text className="lin-tick" x={t.x} y={axisY - 8} textAnchor="middle">
            {timeOfDay(t.ms)}
          </text>
        </g>
      ))}
      {[layout.x0, layout.x1].map((x) => (
        <line key={x} className="lin-grid lin-grid-end" x1={x} x2={x} y1={axisY - 4} y2={layout.height} />
      ))}
      <text className="lin-tick lin-tick-end" x={layout.x0} y={axisY - 8} textAnchor="start">
        {timeOfDay(layout.startMs)}
      </text>
      <text className="lin-tick lin-tick-end" x={layout.x1} y={axisY - 8} textAnchor="end">
        {timeOfDay(layout.endMs)}
      </text>
    </g>
  );
});

/** Every cause → effect connector, drawn once per lineage. */
const Connectors = memo(function Connectors({ edges }: { readonly edges: readonly PlacedEdge[] }) {
  return (
    <g>
      {edges.map((e) => (
        <line
          key={`${e.from}>${e.to}`}
          className={e.reverses ? 'lin-edge lin-edge-reverses' : e.crossLane ? 'lin-edge' : 'lin-edge lin-edge-local'}
          x1={e.x1}
          y1={e.y1}
          x2={e.x2}
          y2={e.y2}
          markerEnd={e.reverses ? 'url(#lin-arrow-reverses)' : 'url(#lin-arrow)'}
        />
      ))}
    </g>
  );
});

type MarkersProps = {
  readonly markers: readonly PlacedMarker[];
  readonly nodes: readonly LineageNode[];
  readonly outcomes: ReadonlyMap<string, Outcome>;
};

/** A marker per event with a native tooltip, drawn once per lineage (markers and nodes share order). */
const Markers = memo(function Markers({ markers, nodes, outcomes }: MarkersProps) {
  return (
    <>
      {markers.map((m, i) => {
        const node = nodes[i]!;
        const outcome = outcomes.get(m.id) ?? 'ok';
        return (
          <g key={m.id} data-id={m.id} className={`lin-marker lin-${outcome}`} transform={`translate(${m.x} ${m.y})`}>
            <title>
              {`${timeOfDay(node.timeMs, true)} ${LANE_LABELS[node.system]} ${node.type}${outcome === 'ok' ? '' : ` — ${OUTCOME_SHORT[outcome]}`}`}
            </title>
            <MarkerShape outcome={outcome} />
          </g>
        );
      })}
    </>
  );
});
