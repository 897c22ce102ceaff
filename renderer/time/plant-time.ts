/**
 * Plant time, pure: an instant as a wall clock in an IANA zone (through `Intl`, in the viewer's
 * locale), and back — a typed wall time in a zone as an instant. Times are stored in UTC and shown
 * in the plant's zone unless the viewer asks for UTC (CONVENTIONS 13).
 */

/** A wall-clock time, fields as people write them (month 1–12). */
export type WallTime = { readonly year: number; readonly month: number; readonly day: number; readonly hour: number; readonly minute: number; readonly second: number; readonly ms?: number };

/** How a wall time maps to instants: once, never (a DST gap: moved forward) or twice (an overlap: the earlier taken). */
export type WallResolution = { readonly ms: number; readonly kind: 'exact' | 'gap' | 'overlap' };

const partsCache = new Map<string, Intl.DateTimeFormat>();
function partsFormat(zone: string): Intl.DateTimeFormat {
  let f = partsCache.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    partsCache.set(zone, f);
  }
  return f;
}

/** Whether `zone` is an IANA zone this runtime knows. */
export function isTimeZone(zone: string): boolean {
  try {
    partsFormat(zone);
    return true;
  } catch {
    return false;
  }
}

/** The wall clock in `zone` at instant `ms`. */
export function wallTimeAt(ms: number, zone: string): WallTime {
  const p: Record<string, number> = {};
  for (const part of partsFormat(zone).formatToParts(ms)) if (part.type !== 'literal') p[part.type] = Number(part.value);
  return { year: p.year!, month: p.month!, day: p.day!, hour: p.hour! % 24, minute: p.minute!, second: p.second!, ms: ((ms % 1000) + 1000) % 1000 };
}

const wallAsUtc = (w: WallTime): number => {
  const d = new Date(0);
  d.setUTCFullYear(w.year, w.month - 1, w.day);
  d.setUTCHours(w.hour, w.minute, w.second, w.ms ?? 0);
  return d.getTime();
};

/** The zone's offset from UTC at instant `ms`, in ms (Chicago in winter: −6 h). */
export const offsetAt = (ms: number, zone: string): number => {
  const whole = Math.floor(ms / 1000) * 1000;
  return wallAsUtc({ ...wallTimeAt(whole, zone), ms: 0 }) - whole;
};

const DAY = 86_400_000;

/**
 * The instant a wall time in `zone` names. Deterministic at DST changes, as Temporal's
 * `disambiguation: 'compatible'`: in a gap (02:30 on a spring-forward night) the time is moved forward by
 * the gap (03:30 daylight time); in an overlap (01:30 on a fall-back night) the earlier instant is taken.
 */
export function wallTimeToInstant(w: WallTime, zone: string): WallResolution {
  const local = wallAsUtc(w);
  const before = offsetAt(local - DAY, zone);
  const after = offsetAt(local + DAY, zone);
  const fits = (o: number) => offsetAt(local - o, zone) === o;
  const candidates = [...new Set([before, after])].filter(fits).map((o) => local - o).sort((a, b) => a - b);
  // neither offset of the day fits: a gap; the offset before the change moves the time forward
  if (candidates.length === 0) return { ms: local - before, kind: 'gap' };
  return { ms: candidates[0]!, kind: candidates.length > 1 ? 'overlap' : 'exact' };
}

const WALL = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/;

/** `YYYY-MM-DD HH:MM[:SS[.mmm]]` (or with `T`) as a wall time; null when it is not one or names a day the calendar lacks. */
export function parseWallTime(text: string): WallTime | null {
  const m = WALL.exec(text.trim());
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map((x) => Number(x ?? 0)) as [number, number, number, number, number, number];
  const ms = Number((m[7] ?? '0').padEnd(3, '0'));
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
  if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return null;
  return { year, month, day, hour, minute, second, ms };
}

/** Where times are shown: an IANA zone, or `UTC`. */
export type TimeZoneChoice = { readonly zone: string; readonly utc: boolean };

/** The zone to show in: UTC when asked for, or when no valid plant zone is known. */
export function chooseZone(preference: 'plant' | 'utc', plantZone: string | null | undefined): TimeZoneChoice {
  if (preference === 'utc' || !plantZone || !isTimeZone(plantZone)) return { zone: 'UTC', utc: true };
  return { zone: plantZone, utc: plantZone === 'UTC' || plantZone === 'Etc/UTC' };
}

const fmtCache = new Map<string, Intl.DateTimeFormat>();
function cached(locale: string | undefined, zone: string, opts: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale ?? ''}|${zone}|${JSON.stringify(opts)}`;
  let f = fmtCache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { ...opts, timeZone: zone });
    fmtCache.set(key, f);
  }
  return f;
}

/**
 * The zone's short name at `ms` in the locale (`CST`, `CDT`, `MEZ` in German); `UTC` for UTC. An
 * English locale other than British knows only its own country's abbreviations and writes the rest
 * as an offset (`GMT+1` for a plant in Berlin, in en-US): there the British name is taken when it
 * has one (`CET`, `CEST`), as the CLI and reports print it. Otherwise the offset stays (`GMT+8`).
 */
export function zoneLabel(ms: number, zone: string, locale?: string): string {
  if (zone === 'UTC' || zone === 'Etc/UTC') return 'UTC';
  const f = cached(locale, zone, { timeZoneName: 'short' });
  const name = shortName(f, ms) ?? zone;
  if (!name.startsWith('GMT')) return name;
  // a table shows many instants: the British name of an offset is looked up once per zone and locale
  const key = `${locale ?? ''}|${zone}|${name}`;
  let shown = offsetNames.get(key);
  if (shown === undefined) {
    const gb = f.resolvedOptions().locale.startsWith('en') ? shortName(cached('en-GB', zone, { timeZoneName: 'short' }), ms) : undefined;
    shown = gb === undefined || gb.startsWith('GMT') ? name : gb;
    offsetNames.set(key, shown);
  }
  return shown;
}

/** `locale|zone|GMT±h` → what `zoneLabel` shows for it (the British abbreviation, or the offset itself). */
const offsetNames = new Map<string, string>();

const shortName = (f: Intl.DateTimeFormat, ms: number): string | undefined => f.formatToParts(ms).find((p) => p.type === 'timeZoneName')?.value;

export type InstantStyle = {
  /** with the date (default true) */
  readonly date?: boolean;
  /** seconds (default true) */
  readonly seconds?: boolean;
  /** milliseconds (default false) */
  readonly millis?: boolean;
  /** the zone's short name after the time (default true) */
  readonly label?: boolean;
};

/**
 * An instant as the wall clock in `zone`, through `Intl` in `locale` (undefined: the viewer's own),
 * 24-hour, e.g. `03/02/2026, 00:00:00 CST` in en-US or `02.03.2026, 00:00:00 CST` in de-DE.
 */
export function formatInstant(ms: number, zone: string, style: InstantStyle = {}, locale?: string): string {
  const opts: Intl.DateTimeFormatOptions = {
    ...(style.date === false ? {} : { year: 'numeric', month: '2-digit', day: '2-digit' }),
    hour: '2-digit',
    minute: '2-digit',
    ...(style.seconds === false && !style.millis ? {} : { second: '2-digit' }),
    ...(style.millis ? { fractionalSecondDigits: 3 } : {}),
    hourCycle: 'h23',
  };
  const text = cached(locale, zone, opts).format(ms);
  return style.label === false ? text : `${text} ${zoneLabel(ms, zone, locale)}`;
}

/** Whether two instants fall on the same calendar day in `zone`. */
export function sameDay(a: number, b: number, zone: string): boolean {
  const x = wallTimeAt(a, zone);
  const y = wallTimeAt(b, zone);
  return x.year === y.year && x.month === y.month && x.day === y.day;
}

/** The exact instant, RFC 3339 UTC to the millisecond: what a tooltip shows beside plant time. */
export const rfc3339 = (ms: number): string => new Date(ms).toISOString();

const p2 = (n: number) => String(n).padStart(2, '0');

/** An instant as `YYYY-MM-DD HH:MM:SS` wall time in `zone`, a form the time fields read back (no locale). */
export function isoWall(ms: number, zone: string): string {
  const w = wallTimeAt(ms, zone);
  return `${w.year}-${p2(w.month)}-${p2(w.day)} ${p2(w.hour)}:${p2(w.minute)}:${p2(w.second)}`;
}
