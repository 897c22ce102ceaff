import { useEffect, useLayoutEffect, useRef, type RefObject } from 'react';
import type { LineHistory, SeriesName, XY } from '../store/line-history.js';
import { readSeries } from '../store/line-history.js';
import { onHistory, useStore, type Store } from '../store/store.js';
import { createOnFrame, redrawWhenIdle } from '../frame-jobs.js';
import { Chart, cssVar } from './chart-setup.js';
import { useTimeDisplay } from '../time/display.js';
import { formatInstant } from '../time/plant-time.js';

export type ChartSeries = {
  readonly name: SeriesName;
  readonly label: string;
  /** CSS custom property for the line colour */
  readonly colorVar: string;
  readonly dash?: readonly number[];
};

type Props = {
  readonly lineKey: string;
  readonly caption: string;
  readonly yTitle: string;
  readonly series: readonly ChartSeries[];
  /** the latest values in words: the chart's text alternative */
  readonly describe: (h: LineHistory | undefined) => string;
  /** y tick label (default: the number) */
  readonly yTick?: (v: number) => string;
};

/** Round x-axis steps (simulated ms), so ticks land on whole minutes and hours. */
const STEPS = [60e3, 300e3, 600e3, 900e3, 1800e3, 3600e3, 7200e3, 10800e3, 21600e3, 43200e3, 86400e3];
const stepFor = (spanMs: number): number => STEPS.find((s) => spanMs / s <= 7) ?? 86400e3 * Math.ceil(spanMs / 86400e3 / 7);

const EMPTY = 'No data yet: the chart fills as simulated time advances.';

/**
 * One chart of a line's history. Created once per line; afterwards it is fed outside React: a
 * `store.subscribe` listener asks for a redraw whenever `historyVersion` changes, and in a coming
 * idle period the ring buffers are copied into the datasets and `chart.update('none')` is called
 * (CONVENTIONS #9, FIELD-NOTES "UI under load").
 */
export function HistoryChart({ lineKey, caption, yTitle, series, describe, yTick }: Props) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const summary = useRef<HTMLParagraphElement>(null);
  const describeRef = useRef(describe);
  // the plant's zone (or UTC, as the viewer chose): a change redraws the chart with its ticks in it
  const { zone } = useTimeDisplay(lineKey.slice(0, Math.max(0, lineKey.indexOf('/'))) || null);
  // the latest `describe` for the store listener, kept after each commit (never written during render)
  useLayoutEffect(() => {
    describeRef.current = describe;
  });

  // created once per line: the series and titles are constants of the caller, so only another line
  // (or, should a caller ever pass them anew, other series or titles) makes a new chart
  useEffect(() => {
    const el = canvas.current;
    if (!el) return;
    let teardown: (() => void) | undefined;
    const cancel = createOnFrame(() => {
      teardown = mountChart(el, { lineKey, series, yTitle, yTick, summary, describeRef, zone });
    });
    return () => {
      cancel();
      teardown?.();
    };
  }, [lineKey, series, yTitle, yTick, zone]);

  return (
    <figure className="chart panel">
      <figcaption>
        <span className="chart-title">{caption}</span>
        {/* filled by the store listener, not by React */}
        <p ref={summary} className="muted chart-summary" />
      </figcaption>
      <div className="chart-box">
        <canvas ref={canvas} role="img" aria-label={`${caption}: chart; latest values in the caption`} />
      </div>
    </figure>
  );
}

type ChartMount = {
  readonly lineKey: string;
  readonly series: readonly ChartSeries[];
  readonly yTitle: string;
  readonly yTick: ((v: number) => string) | undefined;
  /** the caption's paragraph: the listener writes the chart's text alternative into it */
  readonly summary: RefObject<HTMLParagraphElement | null>;
  readonly describeRef: RefObject<Props['describe']>;
  /** the IANA zone the axis and tooltip show time in */
  readonly zone: string;
};

/** An axis tick: `HH:MM` in `zone`, with the date when the span covers more than a day. */
const tick = (ms: number, spanMs: number, zone: string): string => formatInstant(ms, zone, { date: spanMs > 86_400_000, seconds: false, label: false });

/** Create the chart on `el` and keep it fed from the store; returns its teardown. */
function mountChart(el: HTMLCanvasElement, { lineKey, series, yTitle, yTick, summary, describeRef, zone }: ChartMount): () => void {
  const text = cssVar('--muted', '#566273');
  const grid = cssVar('--border', '#d7dce3');
  const data: XY[][] = series.map(() => []);
  const chart = new Chart(el, {
    type: 'line',
    data: {
      datasets: series.map((s, i) => ({
        label: s.label,
        data: data[i] ?? [],
        borderColor: cssVar(s.colorVar, '#1f5fbf'),
        backgroundColor: cssVar(s.colorVar, '#1f5fbf'),
        borderWidth: 1.5,
        borderDash: s.dash ? [...s.dash] : [],
        pointRadius: 0,
        pointHitRadius: 4,
        spanGaps: false,
      })),
    },
    options: {
      animation: false,
      parsing: false,
      normalized: true,
      responsive: true,
      maintainAspectRatio: false,
      interaction: { mode: 'nearest', axis: 'x', intersect: false },
      plugins: {
        // 3,600 points on a few hundred pixels: drawn as one point per pixel column, shape kept (LTTB)
        decimation: { enabled: true, algorithm: 'lttb' },
        legend: { display: series.length > 1, labels: { color: text, boxWidth: 12, boxHeight: 2 } },
        tooltip: {
          callbacks: { title: (items) => formatInstant(items[0]?.parsed.x ?? 0, zone) },
        },
      },
      scales: {
        x: {
          type: 'linear',
          ticks: {
            color: text,
            maxRotation: 0,
            autoSkipPadding: 12,
            callback(value) {
              const { min, max } = this.chart.scales['x'] ?? { min: 0, max: 0 };
              return tick(Number(value), max - min, zone);
            },
          },
          grid: { color: grid },
          title: { display: true, text: `simulated time (${zone})`, color: text },
        },
        y: {
          type: 'linear',
          beginAtZero: true,
          ticks: yTick ? { color: text, callback: (v) => yTick(Number(v)) } : { color: text, precision: 0 },
          grid: { color: grid },
          title: { display: true, text: yTitle, color: text },
        },
      },
    },
  });

  const render = (s: Store): void => {
    const h = s.lineHistory.get(lineKey);
    if (h && h.size > 0) {
      series.forEach((sr, i) => {
        const ds = chart.data.datasets[i];
        if (ds) ds.data = readSeries(h, sr.name, data[i] ?? []);
      });
      const x = chart.options.scales?.['x'];
      const first = data[0]?.[0]?.x;
      const last = data[0]?.[h.size - 1]?.x;
      if (x && first !== undefined && last !== undefined) {
        x.min = first;
        x.max = last > first ? last : first + 60_000;
        if (x.ticks) (x.ticks as { stepSize?: number }).stepSize = stepFor(x.max - first);
      }
    } else {
      for (const ds of chart.data.datasets) ds.data = [];
    }
    chart.update('none');
    if (summary.current) summary.current.textContent = h && h.size > 0 ? describeRef.current(h) : EMPTY;
  };
  // the points, as every later point: drawn in a coming idle period (not in the task that created
  // the chart), once however many arrived since
  const redraw = redrawWhenIdle(() => render(useStore.getState()));
  const unsubscribe = onHistory(() => redraw.request());
  return () => {
    unsubscribe();
    redraw.cancel();
    chart.destroy();
  };
}
