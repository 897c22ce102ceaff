/**
 * chart.js, registering only what the line charts use (tree-shaking; no date adapter: the x axis is
 * linear in simulated epoch ms and its ticks are formatted here).
 */
import { Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';

Chart.register(LineController, LineElement, PointElement, LinearScale, Legend, Tooltip);

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

type Job = { run: () => void; cancelled: boolean };
const jobs: Job[] = [];
let pumping = false;

function pump(): void {
  const job = jobs.shift();
  if (job && !job.cancelled) job.run();
  if (jobs.length > 0) requestAnimationFrame(pump);
  else pumping = false;
}

/**
 * Run `create` on a coming animation frame, one chart per frame: a view with three charts opens as
 * three short tasks instead of one long one (bench:ui measured ~66 ms for three at once). Returns
 * the function that cancels it if it has not run yet.
 */
export function createOnFrame(create: () => void): () => void {
  const job: Job = { run: create, cancelled: false };
  jobs.push(job);
  if (!pumping) {
    pumping = true;
    requestAnimationFrame(pump);
  }
  return () => {
    job.cancelled = true;
  };
}
