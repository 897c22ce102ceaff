import { useMemo, useState } from 'react';
import { fmtDuration, fmtSimTime } from '../../format.js';
import { EventDetail } from './EventDetail.js';
import { EventTable } from './EventTable.js';
import { OutcomeLegend } from './MarkerShape.js';
import { lineageModel, type LineageModel } from './rows.js';
import { Timeline } from './Timeline.js';
import { useOrderLineage, type LineageState } from './use-order-lineage.js';
import { ReversalDialog } from '../reversals/ReversalDialog.js';

type Props = {
  readonly order: string;
  /** an event to select first (the search term matched an event id) */
  readonly initial?: string | undefined;
};

/**
 * One order's business transaction: the swimlane timeline, the same events as a table, and the
 * selected event in a side panel. Kept current while the session runs; the selection is an event
 * id in local state, so it survives every refresh in which the event still exists.
 */
export function OrderLineageView({ order, initial }: Props) {
  const { lineage, error } = useOrderLineage(order);
  const [selected, setSelected] = useState<string | null>(initial ?? null);
  const [reversing, setReversing] = useState<string | null>(null);
  // the previous model lends its unchanged rows to the next, so their memoised table rows stay put;
  // a new lineage is modelled while rendering (React renders again at once, before committing)
  const [built, setBuilt] = useState<{ readonly from: NonNullable<LineageState['lineage']>; readonly model: LineageModel } | null>(null);
  if (lineage !== null && built?.from !== lineage) setBuilt({ from: lineage, model: lineageModel(lineage, built?.model) });
  const model = lineage !== null && built?.from === lineage ? built.model : null;

  const hops = useMemo(
    () => (lineage === null || selected === null ? [] : lineage.lineage.edges.filter((e) => e.from === selected || e.to === selected)),
    [lineage, selected],
  );

  if (lineage === null || model === null) {
    return error === null ? <p className="muted">Reading the lineage of {order}…</p> : <p className="error">Could not read the lineage of {order}: {error}</p>;
  }
  const rows = model.rows;
  const first = rows[0]?.timeMs ?? null;
  const last = rows.at(-1)?.timeMs ?? null;
  return (
    <section aria-label={`Lineage of order ${order}`}>
      <h2>Order {order}</h2>
      {error !== null && <p className="error">The last refresh failed: {error}</p>}
      {rows.length === 0 ? (
        <p className="empty">The journal of this session has no events for order {order}.</p>
      ) : (
        <>
          <p className="muted">
            {rows.length} events in {lineage.lineage.lanes.length} systems, from {fmtSimTime(first)} to {fmtSimTime(last)} (
            {fmtDuration(last !== null && first !== null ? last - first : null)}).
          </p>
          <div className="lin-body">
            <div className="lin-main">
              <div className="panel lin-chart-panel">
                <OutcomeLegend />
                <Timeline lineage={lineage.lineage} outcomes={model.outcomes} selected={selected} onSelect={setSelected} />
              </div>
              <EventTable rows={rows} selected={selected} onSelect={setSelected} title={`Events of order ${order} in time order`} />
            </div>
            <EventDetail
              row={selected === null ? undefined : model.byId.get(selected)}
              hops={hops}
              byId={model.byId}
              onSelect={setSelected}
              onReverse={setReversing}
            />
          </div>
          {reversing !== null && <ReversalDialog key={reversing} reverses={reversing} onClose={() => setReversing(null)} />}
        </>
      )}
    </section>
  );
}
