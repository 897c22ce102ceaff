/** Pure helpers of the Sessions view: formatting, the what-if rules text, and a comparison in rows. */
import { parse as parseYaml, YAMLParseError } from 'yaml';
import type { Gap, SessionComparison, SessionSummary, Speed } from '../../../engine/contract/index.js';

/** Replay speeds offered per session: real time, 10×, 100×, as fast as the journal commits. */
export const REPLAY_SPEEDS: readonly Speed[] = [1, 10, 100, 'max'];

/** What the what-if textarea shows before anything is typed (and what an empty text means). */
export const RULES_EXAMPLE = 'idempotency: { enabled: true }';

/** A session's contract checks as the table shows them: `7 hold`, `1/7 fail`, or `—` when it recorded none (as `linesight sessions`). */
export function checksText(c: SessionSummary['checks']): string {
  // a host from before sessions recorded checks sends none at all
  if (c === null || c === undefined) return '—';
  return c.failed === 0 ? `${c.rules} hold` : `${c.failed}/${c.rules} fail`;
}

/** The checks cell's title: which rules failed, or why there is nothing to show. */
export function checksTitle(c: SessionSummary['checks']): string {
  if (c === null || c === undefined) return 'not recorded: a session records its contract checks when it ends (an import, and a session from before, have none)';
  if (c.failed === 0) return `every one of the ${c.rules} contract rules held when the session ended`;
  return `failed when the session ended: ${c.failing.join(', ')} (linesight check says why)`;
}

/** Digest as the table shows it: the first 12 hex characters (the full one goes in the title). */
export const shortDigest = (digest: string): string => digest.slice(0, 12);

/** An RFC 3339 wall-clock instant in the viewer's local time, `YYYY-MM-DD HH:MM:SS`; `—` for none. */
export function fmtLocal(iso: string | null): string {
  if (iso === null) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

/** The end of a session: only the time when it ended the day it started (local time), else the full instant. */
export function fmtEnded(startedAt: string, endedAt: string): string {
  const start = fmtLocal(startedAt);
  const end = fmtLocal(endedAt);
  return start.slice(0, 10) === end.slice(0, 10) ? end.slice(11) : end;
}

/** The tooltip of an interrupted session's badge: what it committed last (what a replay or report of it covers). */
export function interruptedTitle(s: Pick<SessionSummary, 'interrupted'>): string {
  const last = s.interrupted?.lastEvent ?? null;
  const why = 'Its process died before ending it (a crash, a kill, a power cut).';
  return last === null ? `${why} It had committed no event.` : `${why} Last committed event: ${last.id} (${last.type}), received ${fmtLocal(last.receivedAt)}.`;
}

/** Bytes in the largest unit that keeps the number ≥ 1, one decimal (e.g. `3.4 MB`). */
export function fmtBytes(n: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let v = n;
  let u = 0;
  while (Math.abs(v) >= 1000 && u < units.length - 1) {
    v /= 1000;
    u++;
  }
  return u === 0 ? `${v} B` : `${v.toFixed(1)} ${units[u]}`;
}

/** How a session is named in headings and confirmations: `session 3 “Night shift”`. */
export const sessionTitle = (s: Pick<SessionSummary, 'id' | 'name'>): string => (s.name ? `session ${s.id} “${s.name}”` : `session ${s.id}`);

export type RulesParse =
  | { readonly ok: true; readonly rules: Readonly<Record<string, unknown>> }
  | { readonly ok: false; readonly message: string };

/**
 * The what-if textarea (YAML or JSON — JSON is YAML) as a fragment of a scenario's `integration`
 * section. A blank text means the example. Only the shape is checked here; the engine checks the rest.
 */
export function parseRules(text: string): RulesParse {
  const source = text.trim() === '' ? RULES_EXAMPLE : text;
  let value: unknown;
  try {
    value = parseYaml(source);
  } catch (err) {
    if (err instanceof YAMLParseError) {
      const at = err.linePos?.[0];
      const where = at ? `line ${at.line}, column ${at.col}: ` : '';
      return { ok: false, message: `${where}${err.message.split('\n')[0] ?? err.message}` };
    }
    return { ok: false, message: err instanceof Error ? err.message : String(err) };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, message: 'expected a mapping of integration rules, e.g. idempotency: { enabled: true }' };
  }
  if (Object.keys(value).length === 0) return { ok: false, message: 'no rule given: name at least one, e.g. idempotency: { enabled: true }' };
  return { ok: true, rules: value as Readonly<Record<string, unknown>> };
}

/** Gaps of one side, counted by kind, most first (ties by name). */
export function countByKind(gaps: readonly Gap[]): readonly { readonly kind: string; readonly count: number }[] {
  const m = new Map<string, number>();
  for (const g of gaps) m.set(g.kind, (m.get(g.kind) ?? 0) + 1);
  return [...m].map(([kind, count]) => ({ kind, count })).sort((x, y) => y.count - x.count || x.kind.localeCompare(y.kind));
}

/** Exceptions by category of a comparison, as table rows (categories in name order, change = b − a). */
export function exceptionRows(c: SessionComparison): readonly { readonly category: string; readonly a: number; readonly b: number; readonly change: number }[] {
  return Object.entries(c.exceptions.byCategory)
    .map(([category, v]) => ({ category, a: v.a, b: v.b, change: v.b - v.a }))
    .sort((x, y) => x.category.localeCompare(y.category));
}

/** A signed change for a table: `+3`, `−2`, `0`. */
export const fmtChange = (n: number): string => (n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '0');

/** The comparison's verdict in one sentence. */
export function comparisonSummary(c: SessionComparison): string {
  const closed = c.gaps.onlyA.length;
  const added = c.gaps.onlyB.length;
  const gaps = (n: number) => `${n} gap${n === 1 ? '' : 's'}`;
  return `The new rules closed ${gaps(closed)} and opened ${added === 0 ? 'no new gap' : `${gaps(added)} new`}; ${gaps(c.gaps.both)} remain in both. Exceptions: ${c.exceptions.a} → ${c.exceptions.b}.`;
}
