import { buildLineage } from '../../monitor/index.js';
import { eventsForOrder, eventsPage, MAX_PAGE, openJournal, type Journal } from '../journal/index.js';
import type { EventsPage, EventsPageArgs, LineageArgs, OrderLineage } from './contract.js';

/** The journal-backed queries of the API, on one lazily opened read-only connection. */
export type JournalQueries = {
  eventsPage(args: EventsPageArgs): EventsPage;
  lineageForOrder(args: LineageArgs): OrderLineage;
  close(): void;
};

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
      const events = eventsPage(db(), session, {
        afterSeq: args.afterSeq ?? 0,
        limit,
        ...(args.line === undefined ? {} : { line: args.line }),
        ...(args.type === undefined ? {} : { type: args.type }),
        ...(args.order === undefined ? {} : { order: args.order }),
      });
      const full = events.length === limit;
      return { session, events, nextAfterSeq: full ? events[events.length - 1]!.seq : null };
    },
    lineageForOrder(args) {
      const session = sessionOf(args.session);
      const events = eventsForOrder(db(), session, args.order);
      return { session, order: args.order, events, lineage: buildLineage(events.map((e) => e.event)) };
    },
    close() {
      journal?.close();
      journal = undefined;
    },
  };
}
