import type { Database } from 'better-sqlite3';
import { buildLineage } from '../../monitor/index.js';
import {
  eventsForOrder,
  eventsPage,
  exportEvents,
  checkCsvOptions,
  MAX_PAGE,
  openJournal,
  searchLineage,
  genealogyForLot,
  DEFAULT_GENEALOGY_DEPTH,
  MAX_GENEALOGY_DEPTH,
  type EventsFilter,
  type Journal,
} from '../journal/index.js';
import type {
  EventFilter,
  EventsPage,
  EventsPageArgs,
  ExportArgs,
  ExportResult,
  LineageArgs,
  LineageSearchArgs,
  LineageSearchResult,
  OrderLineage,
  GenealogyArgs,
  LotGenealogy,
} from '../contract/index.js';

/** The journal-backed queries of the API, on one lazily opened read-only connection. */
export type JournalQueries = {
  eventsPage(args: EventsPageArgs): EventsPage;
  lineageForOrder(args: LineageArgs): OrderLineage;
  searchLineage(args: LineageSearchArgs): LineageSearchResult;
  genealogyForLot(args: GenealogyArgs): LotGenealogy;
  /** write the filtered events to a new file in `dir`; `href` is left null for the host to fill */
  exportEvents(args: ExportArgs, dir: string): Promise<ExportResult>;
  /** the read-only connection (opened on first use; reopened after `close`) */
  db(): Database;
  /** the session a call names, else the current one (throws when there is none) */
  sessionOf(explicit: number | undefined): number;
  close(): void;
};

export const MAX_SEARCH_LENGTH = 200;

const TEXT_FILTERS = ['line', 'type', 'order', 'lot', 'businesskey'] as const;

/**
 * The journal's instant for an RFC 3339 argument: UTC with milliseconds, the one format the
 * `time` column holds, so that text comparison is time comparison.
 */
function journalInstant(name: 'from' | 'to', value: unknown): string {
  const ms = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms)) throw new Error(`${name}: expected an RFC 3339 instant such as 2026-03-02T06:00:00Z, got ${JSON.stringify(value)}`);
  return new Date(ms).toISOString();
}

/** Check the filters of a page or export and put them in the journal's terms. */
export function toJournalFilter(args: EventFilter): EventsFilter {
  const filter: { -readonly [K in keyof EventsFilter]: EventsFilter[K] } = {};
  for (const key of TEXT_FILTERS) {
    const value: unknown = args[key];
    if (value === undefined) continue;
    if (typeof value !== 'string') throw new Error(`${key}: expected text, got ${JSON.stringify(value)}`);
    filter[key] = value;
  }
  if (args.from !== undefined) filter.from = journalInstant('from', args.from);
  if (args.to !== undefined) filter.to = journalInstant('to', args.to);
  return filter;
}

function checkFormat(format: unknown): 'csv' | 'jsonl' {
  if (format === 'csv' || format === 'jsonl') return format;
  throw new Error(`format: expected "csv" or "jsonl", got ${JSON.stringify(format)}`);
}

/** The search term without surrounding blanks (pasted ids often carry some; ids never do). */
function checkQuery(query: unknown): string {
  const term = typeof query === 'string' ? query.trim() : '';
  if (term === '') throw new Error('query: enter an order, lot, business key or event id');
  if (term.length > MAX_SEARCH_LENGTH) throw new Error(`query: at most ${MAX_SEARCH_LENGTH} characters (got ${term.length})`);
  return term;
}

export function createJournalQueries(path: string, currentSession: () => number | undefined): JournalQueries {
  let journal: Journal | undefined;
  const db = () => (journal ??= openJournal(path, { readonly: true })).db;
  const sessionOf = (explicit: number | undefined): number => {
    const s = explicit ?? currentSession();
    if (s === undefined) throw new Error('no session: call session.start first or name a session');
    return s;
  };
  return {
    eventsPage(args) {
      const session = sessionOf(args.session);
      const limit = Math.min(MAX_PAGE, Math.max(1, Math.floor(args.limit)));
      const events = eventsPage(db(), session, { ...toJournalFilter(args), afterSeq: args.afterSeq ?? 0, limit });
      const full = events.length === limit;
      return { session, events, nextAfterSeq: full ? events[events.length - 1]!.seq : null };
    },
    lineageForOrder(args) {
      const session = sessionOf(args.session);
      const events = eventsForOrder(db(), session, args.order);
      return { session, order: args.order, events, lineage: buildLineage(events.map((e) => e.event)) };
    },
    searchLineage(args) {
      const query = checkQuery(args.query);
      const session = sessionOf(args.session);
      return { session, query, matches: searchLineage(db(), session, query) };
    },
    genealogyForLot(args) {
      const lot = typeof args.lot === 'string' ? args.lot.trim() : '';
      if (lot === '' || lot.length > MAX_SEARCH_LENGTH) throw new Error(`lot: expected a lot id of 1 … ${MAX_SEARCH_LENGTH} characters, got ${JSON.stringify(args.lot)}`);
      const depth = args.depth ?? DEFAULT_GENEALOGY_DEPTH;
      if (!Number.isInteger(depth) || depth < 1 || depth > MAX_GENEALOGY_DEPTH) throw new Error(`depth: expected an integer 1 … ${MAX_GENEALOGY_DEPTH}, got ${JSON.stringify(args.depth)}`);
      const session = sessionOf(args.session);
      return { session, ...genealogyForLot(db(), session, lot, depth) };
    },
    async exportEvents(args, dir) {
      const format = checkFormat(args.format);
      const filter = toJournalFilter(args);
      const session = sessionOf(args.session);
      const csv = args.csv === undefined ? undefined : checkCsvOptions(typeof args.csv === 'object' && args.csv !== null ? args.csv : { variant: args.csv });
      return { ...(await exportEvents(db(), session, filter, { format, dir, ...(csv ? { csv } : {}) })), href: null };
    },
    db,
    sessionOf,
    close() {
      journal?.close();
      journal = undefined;
    },
  };
}
