import { useRef } from 'react';
import { EXCEPTION_LABELS } from '../labels.js';
import { exceptionsText, lineHealth } from '../line-status.js';
import { HealthBadge } from './HealthBadge.js';
import { IdleMark } from './IdleMark.js';
import { fmtCount, fmtDuration, fmtMs } from '../format.js';
import { clocksText, clocksTitle } from '../line-clocks.js';
import { heldText } from '../line-latency.js';
import { lineHref } from '../router.js';
import { selectLine, selectThroughput } from '../store/selectors.js';
import { Sparkline } from './Sparkline.js';
import { useInView } from '../use-in-view.js';
import { useLiveStore } from '../store/use-live-store.js';

/**
 * One production line: health in colour and words, order counts, queue, transit latency and time
 * held (apart: a goods receipt waiting for inspection is not a slow interface), gaps and exceptions.
 */
export function LineTile({ lineKey }: { readonly lineKey: string }) {
  const tile = useRef<HTMLElement>(null);
  // a tile scrolled out of view keeps its last figures and is not rendered again until it is back
  const inView = useInView(tile);
  const line = useLiveStore(selectLine(lineKey), inView);
  const throughput = useLiveStore(selectThroughput(lineKey), inView);
  if (!line) return null;
  const { health, label } = lineHealth(line);
  const clocks = clocksText(line);
  return (
    <article ref={tile} className={`tile tile-${health}`} aria-label={`Line ${line.plant}/${line.line}`}>
      <header className="tile-head">
        <h3>
          <a href={lineHref(line.plant, line.line)}>{line.line}</a>
        </h3>
        <HealthBadge label={label} />
      </header>
      <IdleMark since={line.idleSince} plant={line.plant} />
      <dl className="stats">
        <dt>Orders released</dt>
        <dd>{fmtCount(line.ordersReleased)}</dd>
        <dt>Orders completed</dt>
        <dd>{fmtCount(line.ordersCompleted)}</dd>
        <dt>Throughput</dt>
        <dd>{throughput === null ? 'none yet' : `${throughput.toFixed(1)} orders/h`}</dd>
        <dt>Queue depth</dt>
        <dd className="with-spark">
          {fmtCount(line.queueDepth)}
          <Sparkline active={inView} lineKey={lineKey} series="queueDepth" label={`Queue depth of line ${line.line} over recent simulated time`} />
        </dd>
        <dt>Oldest pending</dt>
        <dd>{fmtDuration(line.oldestPendingMs)}</dd>
        <dt>Transit latency p50 / p95</dt>
        <dd>
          {fmtMs(line.postingLatencyMs.p50)} / {fmtMs(line.postingLatencyMs.p95)}
        </dd>
        <dt>Time held p95</dt>
        <dd className="with-spark">
          {heldText(line)}
          <Sparkline active={inView} lineKey={lineKey} series="heldP95" label={`Longest time held (p95) of line ${line.line} over recent simulated time`} />
        </dd>
        {clocks !== null && (
          <>
            <dt>Clocks vs ERP</dt>
            <dd title={clocksTitle(line)}>{clocks}</dd>
          </>
        )}
        <dt>Open gaps</dt>
        <dd>{fmtCount(line.openGaps)}</dd>
        <dt>Exceptions</dt>
        <dd>
          {exceptionsText(line, EXCEPTION_LABELS)}
        </dd>
      </dl>
    </article>
  );
}
