/** Display formatting shared by the views. */
import type { Speed } from '../engine/contract/index.js';
import { currentPreference, zoneNow } from './time/display-state.js';
import { formatInstant } from './time/plant-time.js';

/** The viewer's locale (the OS's, as the browser reports it). */
const osLocale = (): string | undefined => (globalThis as { navigator?: { language?: string } }).navigator?.language || undefined;

const formats = new Map<string, Intl.NumberFormat>();
/**
 * A number the viewer's way: through `Intl` in the OS locale (`12,345.5`, `12.345,5`) when the
 * preference is `locale`, without grouping (`12345.5`) when it is `plain`. `numbers` and `locale`
 * override the preference (tests).
 */
export function fmtNumber(n: number, numbers: 'locale' | 'plain' = currentPreference().numbers, locale: string | undefined = osLocale()): string {
  const key = `${numbers}|${locale ?? ''}`;
  let f = formats.get(key);
  if (!f) {
    f = numbers === 'plain' ? new Intl.NumberFormat('en-US', { useGrouping: false, maximumFractionDigits: 20 }) : new Intl.NumberFormat(locale, { maximumFractionDigits: 3 });
    formats.set(key, f);
  }
  return f.format(n);
}
export const fmtCount = (n: number): string => fmtNumber(n);

/**
 * A simulated or watched instant in plant time (the session's main plant, or `plant`'s) with the
 * zone's short name, or in UTC when the viewer asked for it or no zone is known; through `Intl` in the
 * viewer's locale. `zone` (an IANA zone) overrides the choice.
 */
export function fmtSimTime(ms: number | null, zone?: string, plant?: string): string {
  if (ms === null) return '—';
  return formatInstant(ms, zone ?? zoneNow(plant).zone);
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

export const fmtSpeed = (speed: Speed): string => (speed === 'max' ? 'max' : `${fmtNumber(speed)}×`);

/** Error-ish value to one line of text. */
export const errorMessage = (err: unknown): string => (err instanceof Error ? err.message : String(err));
