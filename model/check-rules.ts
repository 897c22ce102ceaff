import type { Expectation } from './expectation.js';

/**
 * Integration contract rules: what an integration must hold over its traffic, checked from events
 * alone (live, simulated, replayed or imported). Each kind measures a small document — always
 * `events` (how many it looked at) and `violations` — and the rule's `expect:` entries, in the
 * comparator grammar of a scenario's `expect:`, are checked against it (default `violations: 0`).
 */
export const CHECK_KINDS = ['ordering', 'forbidden-before', 'exactly-once', 'within', 'balance', 'completeness'] as const;
export type CheckKind = (typeof CHECK_KINDS)[number];

/** What groups events for a rule: the production order (`subject`), the business key, the lot, or the line. */
export type CheckGroup = 'order' | 'businesskey' | 'lot' | 'line';

type Base = { readonly id: string; readonly title: string; readonly expect: readonly Expectation[] };

export type CheckRule = Base &
  (
    /** events of `event` in a group come in ascending order of data field `by` (their first occurrence each) */
    | { readonly kind: 'ordering'; readonly event: string; readonly by: string; readonly within: CheckGroup }
    /** no `event` in a group before one of `before` has happened in it */
    | { readonly kind: 'forbidden-before'; readonly event: string; readonly before: readonly string[]; readonly within: CheckGroup }
    /** every business key posted (types `events`, default every posting type) nets to one posting: reversals subtract, the plant's own cancellations lower what is owed */
    | { readonly kind: 'exactly-once'; readonly events: readonly string[] | null }
    /** from each `from` event to the first `to` event matched by `match`: the time it takes (count, p50, p95, max in ms; unmatched) */
    | { readonly kind: 'within'; readonly from: string; readonly to: string; readonly match: CheckGroup | 'causation'; readonly limitMs: number }
    /** per order and data field `per`: the sum of fields `sum` over `event` (less the plant's cancellations of them) at most the order quantity × (1 + tolerance) */
    | { readonly kind: 'balance'; readonly event: string; readonly sum: readonly string[]; readonly per: string; readonly tolerance: number }
    /** every `events` message is posted on the other side (same business key) within `withinMs`; those still inside it at the end are not judged */
    | { readonly kind: 'completeness'; readonly events: readonly string[]; readonly withinMs: number }
  );

/** An event a rule points at: the one that broke it, with the one it is measured against where there is one. */
export type CheckEventRef = { readonly id: string; readonly type: string; readonly time: string; readonly businesskey: string; readonly subject?: string };

export type CheckViolation = { readonly text: string; readonly events: readonly CheckEventRef[] };

/** What a rule measured: the document its `expect:` is checked against, and the first violations with their events. */
export type CheckMeasure = {
  readonly doc: Readonly<Record<string, number | null>> & { readonly events: number; readonly violations: number };
  readonly first: readonly CheckViolation[];
};
