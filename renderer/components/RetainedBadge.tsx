import './retained-badge.css';

/** What a "retained" marker means, for its tooltip and the detail panels. */
export const RETAINED_NOTE =
  'Delivered as a retained message: the broker kept it and sent it when Linesight subscribed, so it may be old news. It counts as state (the last known status), not in posting latency, queue depth or gap timing.';

/** The marker of an event that arrived as a broker's retained message. */
export function RetainedBadge() {
  return (
    <span className="retained-badge" title={RETAINED_NOTE}>
      retained
    </span>
  );
}
