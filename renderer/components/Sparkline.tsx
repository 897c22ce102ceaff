import { useEffect, useRef } from 'react';
import type { LineHistory, SeriesName } from '../store/line-history.js';
import { onHistory, type Store } from '../store/store.js';

/** Points a sparkline shows: the newest ones, enough for a tile's width. */
const POINTS = 120;

/** A canvas waiting for its next paint: its size is read with every other's before any is drawn. */
type Painting = { readonly canvas: HTMLCanvasElement; colour: string | null; paint(colour: string, w: number, h: number, dpr: number): void };

const due = new Set<Painting>();
let frameAsked = false;

/**
 * Paint every sparkline due, in a task just after the next frame is painted: its layout is then
 * done, and every size and colour is read before any canvas is drawn. Read and drawn one by one
 * in a store update (a resize dirties the layout the next one reads), thirty tiles forced a layout
 * each; inside the frame, the reads forced its layout early and the frame became a long task when
 * the console opened (bench:ui).
 */
function paintDue(): void {
  frameAsked = false;
  const list = [...due];
  due.clear();
  const dpr = window.devicePixelRatio || 1;
  const sizes = list.map((p) => {
    p.colour ??= getComputedStyle(p.canvas).color;
    return [p.canvas.clientWidth * dpr, p.canvas.clientHeight * dpr] as const;
  });
  list.forEach((p, i) => p.paint(p.colour!, sizes[i]![0], sizes[i]![1], dpr));
}

function paintSoon(p: Painting): void {
  due.add(p);
  if (frameAsked) return;
  frameAsked = true;
  requestAnimationFrame(() => setTimeout(paintDue, 0));
}

/**
 * A tiny line of one series of a line's history, drawn on a canvas from a store subscription (no
 * React render per frame, like the charts), painted just after the next frame. The number beside it
 * is the text alternative.
 */
export function Sparkline({ lineKey, series, label, active = true }: { readonly lineKey: string; readonly series: SeriesName; readonly label: string; /** false: out of view, not drawn until it is back */ readonly active?: boolean }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const c = canvas.current;
    const ctx = c?.getContext('2d');
    if (!c || !ctx || !active) return;
    let latest: Store | null = null;
    const painting: Painting = {
      canvas: c,
      colour: null,
      paint: (colour, w, hgt, dpr) => {
        if (c.width !== w || c.height !== hgt) {
          c.width = w;
          c.height = hgt;
        }
        ctx.clearRect(0, 0, w, hgt);
        const h = latest?.lineHistory.get(lineKey);
        if (!h || h.size < 2) return;
        drawSeries(ctx, h, series, w, hgt, colour, dpr);
      },
    };
    const off = onHistory((s) => {
      latest = s;
      paintSoon(painting);
    });
    return () => {
      off();
      due.delete(painting);
    };
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
