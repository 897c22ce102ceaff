import { HistoryChart, type ChartSeries } from '../components/HistoryChart.js';
import { LatencySplit } from '../components/LatencySplit.js';
import { NoSession } from '../components/NoSession.js';
import { LineCounters } from '../components/LineCounters.js';
import { LineOrders } from '../components/LineOrders.js';
import { SyncGaps } from '../components/SyncGaps.js';
import { fmtCount, fmtDuration, fmtSimTime } from '../format.js';
import { HOLD_LABELS } from '../labels.js';
import { HELD_SERIES, latest, lastTime, type LineHistory } from '../store/line-history.js';
import { selectHasFrame, selectLine } from '../store/selectors.js';
import { useStore } from '../store/store.js';
import { useAfterFirstFrame } from '../use-in-view.js';

// module-level constants: the charts are created once and never re-configured
const QUEUE: readonly ChartSeries[] = [{ name: 'queueDepth', label: 'Queue depth', colorVar: '--accent' }];
const LATENCY: readonly ChartSeries[] = [
  { name: 'p50', label: 'p50', colorVar: '--accent' },
  { name: 'p95', label: 'p95', colorVar: '--pending', dash: [5, 3] },
];
/** p95 of each kind of hold: the time transit latency leaves out */
const HELD: readonly ChartSeries[] = [
  { name: HELD_SERIES['goods-receipt'], label: HOLD_LABELS['goods-receipt'], colorVar: '--accent' },
  { name: HELD_SERIES['lot-validity'], label: HOLD_LABELS['lot-validity'], colorVar: '--alert', dash: [2, 2] },
  { name: HELD_SERIES['routing-revision'], label: HOLD_LABELS['routing-revision'], colorVar: '--muted', dash: [8, 3] },
  { name: HELD_SERIES.resequencing, label: HOLD_LABELS.resequencing, colorVar: '--pending', dash: [5, 3] },
  { name: HELD_SERIES['store-and-forward'], label: HOLD_LABELS['store-and-forward'], colorVar: '--ok' },
];
const THROUGHPUT: readonly ChartSeries[] = [
  { name: 'throughput', label: 'Orders completed per hour', colorVar: '--ok' },
];

const when = (h: LineHistory): string => `at ${fmtSimTime(lastTime(h))}`;
const num = (v: number | null, unit = ''): string => (v === null ? 'none yet' : `${fmtCount(Math.round(v))}${unit}`);
const dur = (v: number | null): string =>
  v === null ? 'none yet' : v < 1000 ? `${Math.round(v)} ms` : fmtDuration(v);

const describeQueue = (h: LineHistory | undefined): string =>
  h ? `Latest: ${num(latest(h, 'queueDepth'))} waiting ${when(h)}.` : '';
const describeLatency = (h: LineHistory | undefined): string =>
  h ? `Latest: p50 ${dur(latest(h, 'p50'))}, p95 ${dur(latest(h, 'p95'))} ${when(h)}.` : '';
const describeHeld = (h: LineHistory | undefined): string => {
  if (!h) return '';
  const held = HELD.map((s) => [s.label, latest(h, s.name)] as const).filter(([, v]) => v !== null);
  if (held.length === 0) return `Latest: nothing held yet ${when(h)}.`;
  return `Latest p95: ${held.map(([label, v]) => `${label} ${dur(v)}`).join(', ')} ${when(h)}.`;
};
const describeThroughput = (h: LineHistory | undefined): string =>
  h ? `Latest: ${throughputText(latest(h, 'throughput'))} ${when(h)}.` : '';
const throughputText = (v: number | null): string => (v === null ? 'no orders completed yet' : `${v.toFixed(1)} orders per simulated hour`);
/** latency ticks as durations (the data is in ms) */
const latencyTick = (v: number): string => (v === 0 ? '0' : v < 1000 ? `${v} ms` : fmtDuration(v));

/** One line: its counters, history charts over simulated time, and its open sync gaps. */
export function LineDetail({ plant, line }: { readonly plant: string; readonly line: string }) {
  const key = `${plant}/${line}`;
  const hasFrame = useStore(selectHasFrame);
  const known = useStore((s) => selectLine(key)(s) !== undefined);
  // the counters and charts first; the gaps and orders tables (up to hundreds of rows) a frame later
  const below = useAfterFirstFrame();
  return (
    <div className="view">
      <h1>
        Line {plant}/{line}
      </h1>
      {!hasFrame && (
        <NoSession />
      )}
      {hasFrame && !known && (
        <p className="empty">
          The running session has no line {key}. Back to the <a href="#/overview">Plant overview</a>.
        </p>
      )}
      {known && (
        <>
          <LineCounters lineKey={key} />
          <LatencySplit lineKey={key} />
          <div className="charts">
            <HistoryChart
              lineKey={key}
              caption="Queue depth"
              yTitle="messages waiting"
              series={QUEUE}
              describe={describeQueue}
            />
            <HistoryChart
              lineKey={key}
              caption="Transit latency p50 / p95 (time held left out)"
              yTitle="latency"
              yTick={latencyTick}
              series={LATENCY}
              describe={describeLatency}
            />
            <HistoryChart
              lineKey={key}
              caption="Time held p95, by where the integration layer held messages"
              yTitle="time held"
              yTick={latencyTick}
              series={HELD}
              describe={describeHeld}
            />
            <HistoryChart
              lineKey={key}
              caption="Throughput (orders completed, trailing hour)"
              yTitle="orders / h"
              series={THROUGHPUT}
              describe={describeThroughput}
            />
          </div>
          {below && <SyncGaps plant={plant} line={line} />}
          {below && <LineOrders plant={plant} line={line} />}
        </>
      )}
    </div>
  );
}
