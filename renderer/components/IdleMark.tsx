import { fmtSimTime } from '../format.js';
import { idleText } from '../line-idle.js';
import { selectSimTime } from '../store/selectors.js';
import { useStore } from '../store/store.js';

/**
 * Whether the line works (LineStats.idleSince): "Idle since 06:00 UTC" when no order of it is in
 * process, "Working" while one is — in words, and on every tile, so tiles keep one layout.
 */
export function IdleMark({ since }: { readonly since: number | null }) {
  const now = useStore(selectSimTime);
  const text = idleText(since, now);
  if (text === null || since === null) {
    return (
      <p className="tile-activity tile-working">
        <span className="dot" aria-hidden="true" />
        Working: an order is in process
      </p>
    );
  }
  return (
    <p className="tile-activity tile-idle" title={`No order in process on this line since ${fmtSimTime(since)} (plant time is not shown yet)`}>
      <span className="dot" aria-hidden="true" />
      {text}
    </p>
  );
}
