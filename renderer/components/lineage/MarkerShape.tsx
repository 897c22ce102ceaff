import { OUTCOME_LABELS, type Outcome } from './outcome.js';

/**
 * A marker's shape per outcome, centred on 0,0. Outcomes differ in shape as well as colour, so the
 * chart does not rely on colour alone.
 */
export function MarkerShape({ outcome }: { readonly outcome: Outcome }) {
  switch (outcome) {
    case 'dead-lettered':
      return <path className="lin-shape" d="M0,-7 L7,0 L0,7 L-7,0 z" />;
    case 'gated':
      return <rect className="lin-shape" x={-5} y={-5} width={10} height={10} />;
    case 'retried':
      return <path className="lin-shape" d="M0,-6 L6,5 L-6,5 z" />;
    default:
      // 'ok' and 'duplicate' share the circle; lineage.css draws a duplicate hollow and dashed
      return <circle className="lin-shape" r={5} />;
  }
}

const LEGEND: readonly Outcome[] = ['ok', 'dead-lettered', 'gated', 'retried', 'duplicate'];

/** What the marker shapes and colours mean, and the connector of a reversal. */
export function OutcomeLegend() {
  return (
    <ul className="lin-legend" aria-label="Marker legend">
      {LEGEND.map((o) => (
        <li key={o}>
          <svg width={16} height={16} viewBox="-8 -8 16 16" aria-hidden="true" className={`lin-marker lin-${o}`}>
            <MarkerShape outcome={o} />
          </svg>
          {OUTCOME_LABELS[o]}
        </li>
      ))}
      <li>
        <span className="lin-legend-edge" aria-hidden="true" />
        posting ⇢ its reversal
      </li>
    </ul>
  );
}
