/**
 * chart.js, registering only what the line charts use (tree-shaking; no date adapter: the x axis is
 * linear in simulated epoch ms and its ticks are formatted here).
 */
import { Chart, Decimation, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';

Chart.register(LineController, LineElement, PointElement, LinearScale, Legend, Tooltip, Decimation);

export { Chart };

const pad = (n: number): string => String(n).padStart(2, '0');

/** Simulated time as `HH:MM` (UTC), with the date when the span covers more than a day. */
export function fmtSimTick(ms: number, spanMs: number): string {
  const d = new Date(ms);
  const hm = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  return spanMs > 86_400_000 ? `${d.getUTCMonth() + 1}-${pad(d.getUTCDate())} ${hm}` : hm;
}

/** A CSS custom property of the page (the charts follow the light/dark palette). */
export function cssVar(name: string, fallback: string): string {
  const v = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return v || fallback;
}
