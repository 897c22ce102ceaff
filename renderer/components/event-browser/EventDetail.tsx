import { useId } from 'react';
import type { StoredEvent } from '../../../engine/contract/index.js';
import { injectHref, lineageHref } from '../../router.js';
import { RETAINED_NOTE, RetainedBadge } from '../RetainedBadge.js';
import { orderOf } from './event-cells.js';

/** The selected event as its full CloudEvent JSON, with where to go from it. */
export function EventDetail({ selected }: { readonly selected: StoredEvent | null }) {
  const headingId = useId();
  if (selected === null) {
    return (
      <aside className="panel eb-detail" aria-label="Event details">
        <p className="empty">Select an event (click it, or move with the arrow keys and press Enter) to see its full CloudEvent JSON.</p>
      </aside>
    );
  }
  const order = orderOf(selected);
  return (
    <aside className="panel eb-detail" aria-labelledby={headingId}>
      <h2 id={headingId}>Event {selected.event.id}</h2>
      {selected.retained && (
        <p className="muted">
          <RetainedBadge /> {RETAINED_NOTE}
        </p>
      )}
      <p className="eb-links">
        {order !== null && (
          <a href={lineageHref(order)} aria-label={`Lineage of order ${order}`}>
            Lineage
          </a>
        )}
        <a href={injectHref(selected.event.id)}>Inject from this event</a>
      </p>
      <pre className="eb-json" tabIndex={0} aria-label="CloudEvent JSON">
        {JSON.stringify(selected.event, null, 2)}
      </pre>
    </aside>
  );
}
