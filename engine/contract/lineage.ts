/** Lineage as the API shows it: an order's transaction, searches, a lot's genealogy, two orders compared. */
import type { Lineage } from '../../monitor/index.js';
import type { StoredEvent } from './journal.js';

/** `lineage.forOrder` arguments. */
export type LineageArgs = {
  readonly order: string;
  /** journal session id; default the current session */
  readonly session?: number;
};

/** An order's business transaction across ERP, MES, WMS, QMS and the integration layer. */
export type OrderLineage = {
  readonly session: number;
  readonly order: string;
  /** the order's journaled events in journal order */
  readonly events: readonly StoredEvent[];
  /** nodes per event, edges with hop latencies, lanes per system */
  readonly lineage: Lineage;
};

/** `lineage.search` arguments: an order, lot, business key or event id (exact, case-sensitive). */
export type LineageSearchArgs = { readonly query: string; readonly session?: number };

/** The orders a search term leads to, and what it matched. */
export type LineageSearchResult = {
  readonly session: number;
  readonly query: string;
  readonly matches: readonly { readonly order: string; readonly matchedBy: 'order' | 'lot' | 'businesskey' | 'event' }[];
};

/**
 * Where a lot stands as its events tell: `expired` (refused at the pick, or staged past its expiry),
 * a usage decision (`unrestricted`, `blocked`, `scrap`; `partly blocked` when decided in parts that
 * differ), `on hold` (held by QMS, not released yet), `quality-inspection` (received, not decided),
 * or null when the journal says nothing of it (opening stock, a lot not received).
 */
export type GenealogyStatus = 'expired' | 'unrestricted' | 'blocked' | 'scrap' | 'partly blocked' | 'on hold' | 'quality-inspection';

/** A lot, or a production order that consumed and produced lots. */
export type GenealogyNode = {
  /** `lot:{lot}` or `order:{order}` */
  readonly id: string;
  readonly kind: 'lot' | 'order';
  /** the lot (lot nodes) */
  readonly lot?: string;
  /** the lot's item, or the item the order makes */
  readonly item: string;
  /** the order that produced the lot (null: opening stock or a split child's parent tells), or the order itself */
  readonly order: string | null;
  readonly qty: number | null;
  readonly uom: string;
  readonly status: GenealogyStatus | null;
  /** the lot's usage decisions, in journal order (two or more: a partial decision) */
  readonly decisions?: readonly { readonly decision: string; readonly qty: number }[];
  /** levels from the lot asked for: negative up (its inputs), positive down (what it went into) */
  readonly level: number;
};

/** Material flow: a lot `consumed` by an order, an order `produced` a lot, a parent lot `split` into a child. */
export type GenealogyEdge = { readonly from: string; readonly to: string; readonly via: 'consumed' | 'split' | 'produced' };

/** A lot's genealogy as the journal holds it: lots and orders up and down from it. */
export type Genealogy = {
  readonly lot: string;
  readonly depth: number;
  /** false when the journal has no event of the lot */
  readonly found: boolean;
  readonly nodes: readonly GenealogyNode[];
  readonly edges: readonly GenealogyEdge[];
  readonly truncated: boolean;
};

/** `genealogy.forLot` arguments: a lot (exact), how many orders up and down to follow (1 … 3, default 2). */
export type GenealogyArgs = { readonly lot: string; readonly depth?: number; readonly session?: number };

/** A lot's genealogy: lots and orders, linked by consumption, production and splits. */
export type LotGenealogy = Genealogy & { readonly session: number };

/** `lineage.compare`: two orders, of the same or different sessions. */
export type LineageCompareArgs = { readonly a: LineageArgs; readonly b: LineageArgs };

/** One hop of an order's lineage compared with the other order's (matched by event type and system). */
export type HopDiff = {
  /** `missing`: in a, not in b · `extra`: in b, not in a · `reordered`: in both, in another order · `slower` / `faster`: in both, latency differs by > 20 % and 1 s · `same` */
  readonly status: 'same' | 'missing' | 'extra' | 'reordered' | 'slower' | 'faster';
  readonly type: string;
  readonly system: string;
  /** ms from the order's first event, in a and in b (null where absent) */
  readonly atA: number | null;
  readonly atB: number | null;
  /** the hop's latency from its cause, in a and in b */
  readonly latencyA: number | null;
  readonly latencyB: number | null;
};

export type LineageDiff = { readonly a: { readonly session: number; readonly order: string }; readonly b: { readonly session: number; readonly order: string }; readonly hops: readonly HopDiff[] };

