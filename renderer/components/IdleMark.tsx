import { idleText } from '../line-idle.js';
import { selectSimTime } from '../store/selectors.js';
import { useStore } from '../store/store.js';
import { useTimeDisplay } from '../time/display.js';
import { rfc3339 } from '../time/plant-time.js';

/**
 * Whether the line works (LineStats.idleSince): "Idle since 06:00 CST" (plant time, or UTC) when no order of it is in
 * process, "Working" while one is — in words, and on every tile, so tiles keep one layout.
 */
export function IdleMark({ since, plant }: { readonly since: number | null; readonly plant?: string }) {
  const now = useStore(selectSimTime);
  const time = useTimeDisplay(plant);
  const text = idleText(since, now, time.zone);
  if (text === null || since === null) {
    return (
      <p className="tile-activity tile-working">
        <span className="dot" aria-hidden="true" />
        Working: an order is in process
      </p>
    );
  }
  return (
    <p className="tile-activity tile-idle" title={`No order in process on this line since ${time.at(since)} (${rfc3339(since)})`}>
      <span className="dot" aria-hidden="true" />
      {text}
    </p>
  );
}
