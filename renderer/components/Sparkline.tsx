import { useEffect, useRef } from 'react';
import type { LineHistory, SeriesName } from '../store/line-history.js';
import { onHistory, type Store } from '../store/store.js';

/** Points a sparkline shows: the newest ones, enough for a tile's width. */
const POINTS = 120;

/**
 * A tiny line of one series of a line's history, drawn on a canvas from a store subscription (no
 * React render per frame, like the charts). The number beside it is the text alternative.
 */
export function Sparkline({ lineKey, series, label, active = true }: { readonly lineKey: string; readonly series: SeriesName; readonly label: string; /** false: out of view, not drawn until it is back */ readonly active?: boolean }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const c = canvas.current;
    const ctx = c?.getContext('2d');
    if (!c || !ctx) return;
    const colour = getComputedStyle(c).color;
    const draw = (s: Store): void => {
      const h = s.lineHistory.get(lineKey);
      const dpr = window.devicePixelRatio || 1;
      const w = c.clientWidth * dpr;
      const hgt = c.clientHeight * dpr;
      if (c.width !== w || c.height !== hgt) {
        c.width = w;
        c.height = hgt;
      }
      ctx.clearRect(0, 0, w, hgt);
      if (!h || h.size < 2) return;
      drawSeries(ctx, h, series, w, hgt, colour, dpr);
    };
    if (!active) return;
    return onHistory(draw);
  }, [lineKey, series, active]);
  return <canvas ref={canvas} className="sparkline" role="img" aria-label={label} />;
}

function drawSeries(ctx: CanvasRenderingContext2D, h: LineHistory, series: SeriesName, w: number, hgt: number, colour: string, dpr: number): void {
  const n = Math.min(POINTS, h.size);
  const values = h.series[series];
  let max = 1;
  const idx = (i: number) => (h.head - n + i + h.capacity) % h.capacity;
  for (let i = 0; i < n; i++) {
    const v = values[idx(i)] ?? 0;
    if (v > max) max = v;
  }
  ctx.strokeStyle = colour;
  ctx.lineWidth = 1.5 * dpr;
  ctx.beginPath();
  for (let i = 0; i < n; i++) {
    const v = values[idx(i)] ?? 0;
    const x = (i / (n - 1)) * (w - 2 * dpr) + dpr;
    const y = hgt - dpr - ((Number.isNaN(v) ? 0 : v) / max) * (hgt - 2 * dpr);
    if (i === 0) ctx.moveTo(x, y);
    else ctx.lineTo(x, y);
  }
  ctx.stroke();
}
