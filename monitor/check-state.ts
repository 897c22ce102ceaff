import type { AnyEvent, CheckEventRef, CheckGroup, CheckMeasure, CheckViolation } from '../model/index.js';

/** How many violations a rule keeps with their events (the count goes on). */
export const FIRST = 5;

/**
 * What a rule may remember, so a watch that runs for days holds a bounded amount whatever its
 * traffic. Past a bound the oldest-inserted entries go first (a Map's insertion order), each counted
 * in the rule's `forgotten`; one that was a violation when it went stays counted as one.
 */
export type CheckLimits = {
  /** keys (business keys, orders, lots, groups, pending messages) per map or set of a rule */
  readonly maxKeys: number;
  /** values an `ordering` rule remembers per group */
  readonly maxPerGroup: number;
  /** latencies a `within` rule keeps exactly; beyond, p50/p95 come from a histogram (within 1 %) */
  readonly exactLatencies: number;
};

/**
 * Far above what a bundled scenario reaches (large-site posts ~106,000 business keys, 5,300
 * releases), so a finished session is checked exactly; a week of a large site is not.
 */
export const DEFAULT_LIMITS: CheckLimits = { maxKeys: 250_000, maxPerGroup: 1_000, exactLatencies: 50_000 };

/** One rule: what it does with each event, and what it measures. */
export type RuleState = {
  /** `t`: the event's time on ERP's clock (its own, less its system's estimated clock offset; clock-offsets.ts) */
  apply(e: AnyEvent, t: number): void;
  measure(nowMs: number): CheckMeasure;
};

/**
 * What the checker knows of a line's clocks now (clock-offsets.ts), for a system (`clockedSystem`
 * index) on a line (`plant/line`): the offset applied to its times now, and the settled one — undefined
 * while the line's pairs do not yet tell, so that a time read now may be read otherwise later.
 */
export type ClockView = {
  readonly current: (line: string, sys: number) => number;
  readonly settled: (line: string, sys: number) => number | undefined;
};

export const ref = (e: AnyEvent): CheckEventRef => ({ id: e.id, type: e.type, time: e.time, businesskey: e.businesskey, ...(e.subject === undefined ? {} : { subject: e.subject }) });
export const dataOf = (e: AnyEvent) => e.data as Readonly<Record<string, unknown>>;
export const timeOf = (e: AnyEvent) => Date.parse(e.time);
/** A data field as text (a field that is an object or list counts as not there). */
export const fieldText = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined);

export function groupOf(e: AnyEvent, g: CheckGroup | 'causation'): string | undefined {
  const d = dataOf(e);
  switch (g) {
    case 'order':
      return e.subject ?? (typeof d.order === 'string' ? d.order : undefined);
    case 'businesskey':
      return e.businesskey;
    case 'lot':
      return e.lot ?? (typeof d.lot === 'string' ? d.lot : undefined);
    case 'line': {
      const [, plant, line] = e.source.split('/');
      return plant !== undefined && line !== undefined ? `${plant}/${line}` : undefined;
    }
    case 'causation':
      return e.causationid;
  }
}

/** Violations: all counted, the first few kept with their events. */
export type Tally = { count: number; readonly first: CheckViolation[] };
export const tally = (): Tally => ({ count: 0, first: [] });

/** Count a violation; its text is built only when it is one of the first few. */
export function add(t: Tally, text: () => string, events: readonly CheckEventRef[]): void {
  t.count++;
  if (t.first.length < FIRST) t.first.push({ text: text(), events: [...events] });
}

/** A copy of `t` to add to (a measurement never changes the state it reads). */
export const copyTally = (t: Tally): Tally => ({ count: t.count, first: [...t.first] });

/** Drop the oldest-inserted entries of `m` beyond `cap`, handing each to `gone`; how many went. */
export function trimMap<K, V>(m: Map<K, V>, cap: number, gone?: (k: K, v: V) => void): number {
  let n = 0;
  while (m.size > cap) {
    const [k, v] = m.entries().next().value as [K, V];
    m.delete(k);
    gone?.(k, v);
    n++;
  }
  return n;
}

/** Drop the oldest-inserted values of `s` beyond `cap`; how many went. */
export function trimSet<T>(s: Set<T>, cap: number): number {
  let n = 0;
  while (s.size > cap) {
    s.delete(s.values().next().value as T);
    n++;
  }
  return n;
}

/** A measured document, with `forgotten` only when the rule had to forget something (a finished bundled run never does). */
export function docOf(doc: CheckMeasure['doc'], forgotten: number): CheckMeasure['doc'] {
  return forgotten > 0 ? { ...doc, forgotten } : doc;
}

/**
 * The `n` entries of `keys` named in `among` with the smallest `seq` (the order their keys were
 * first seen), ascending: the first violations in the order a scan of `keys` would find them, at
 * the cost of a pass over the violations only.
 */
export function firstBySeq<V extends { readonly seq: number }>(among: ReadonlySet<string>, keys: ReadonlyMap<string, V>, n: number): [string, V][] {
  const out: [string, V][] = [];
  if (n <= 0) return out;
  for (const k of among) {
    const v = keys.get(k);
    if (v === undefined) continue;
    if (out.length === n && v.seq >= out[n - 1]![1].seq) continue;
    let i = out.length;
    while (i > 0 && out[i - 1]![1].seq > v.seq) i--;
    out.splice(i, 0, [k, v]);
    if (out.length > n) out.pop();
  }
  return out;
}
