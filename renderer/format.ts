/** Display formatting shared by the views. */
import type { Speed } from '../engine/contract/index.js';

const nf = new Intl.NumberFormat('en');
export const fmtCount = (n: number): string => nf.format(n);

/** Virtual epoch ms as `YYYY-MM-DD HH:MM:SS UTC` (simulated time is not the viewer's local time). */
export function fmtSimTime(ms: number | null): string {
  if (ms === null) return '—';
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** A duration as the two largest units, e.g. `3 min 12 s`, `2 h 5 min`. */
export function fmtDuration(ms: number | null): string {
  if (ms === null) return '—';
  const s = Math.floor(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${s % 60} s`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${h} h ${m % 60} min`;
  return `${Math.floor(h / 24)} d ${h % 24} h`;
}

/** A latency: milliseconds below a second, else as {@link fmtDuration}; `—` when there is none. */
export const fmtMs = (ms: number | null): string => (ms === null ? '—' : ms < 1000 ? `${Math.round(ms)} ms` : fmtDuration(ms));

export const fmtSpeed = (speed: Speed): string => (speed === 'max' ? 'max' : `${nf.format(speed)}×`);

/** Error-ish value to one line of text. */
export const errorMessage = (err: unknown): string => (err instanceof Error ? err.message : String(err));
