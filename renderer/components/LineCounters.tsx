import { EXCEPTION_LABELS } from '../labels.js';
import { exceptionsText, lineHealth } from '../line-status.js';
import { HealthBadge } from './HealthBadge.js';
import { fmtCount, fmtDuration, fmtMs } from '../format.js';
import { clocksText, clocksTitle } from '../line-clocks.js';
import { selectLine } from '../store/selectors.js';
import { useStore } from '../store/store.js';

/** Every counter the frame carries for one line, with its health in words. */
export function LineCounters({ lineKey }: { readonly lineKey: string }) {
  const line = useStore(selectLine(lineKey));
  if (!line) return null;
  const { health, label } = lineHealth(line);
  const lat = line.postingLatencyMs;
  const clocks = clocksText(line);
  return (
    <section aria-labelledby="line-counters" className={`panel tile tile-${health}`}>
      <header className="tile-head">
        <h2 id="line-counters">Counters</h2>
        <HealthBadge label={label} />
      </header>
      <dl className="stats counters">
        <dt>Orders released</dt>
        <dd>{fmtCount(line.ordersReleased)}</dd>
        <dt>Orders completed</dt>
        <dd>{fmtCount(line.ordersCompleted)}</dd>
        <dt>Orders closed</dt>
        <dd>{fmtCount(line.ordersClosed)}</dd>
        <dt>Queue depth (max)</dt>
        <dd>
          {fmtCount(line.queueDepth)} ({fmtCount(line.queueDepthMax)})
        </dd>
        <dt>Oldest pending</dt>
        <dd>{fmtDuration(line.oldestPendingMs)}</dd>
        <dt>Transit latency p50 / p95 / max</dt>
        <dd>
          {fmtMs(lat.p50)} / {fmtMs(lat.p95)} / {fmtMs(lat.max)}
        </dd>
        <dt>Postings measured</dt>
        <dd>{fmtCount(lat.count)}</dd>
        <dt>Open gaps</dt>
        <dd>{fmtCount(line.openGaps)}</dd>
        <dt>Duplicates suppressed</dt>
        <dd>{fmtCount(line.duplicatesSuppressed)}</dd>
        <dt>Missing messages</dt>
        <dd>{fmtCount(line.missingMessages)}</dd>
        {clocks !== null && (
          <>
            <dt>Clocks vs ERP (estimated)</dt>
            <dd title={clocksTitle(line)}>
              {clocks}
              {line.latencyClamped ? ` · ${fmtCount(line.latencyClamped)} latencies clamped at 0` : ''}
            </dd>
          </>
        )}
        {line.latePostings !== undefined && (
          <>
            <dt>Late postings (closed period)</dt>
            <dd>{fmtCount(line.latePostings)}</dd>
          </>
        )}
        <dt>Exceptions</dt>
        <dd>
          {exceptionsText(line, EXCEPTION_LABELS)}
        </dd>
      </dl>
    </section>
  );
}
