import type { AnyEvent } from '../model/event.js';
import { DATED_MESSAGE_TYPES, parseInstant } from '../model/periods.js';
import type { Projection } from './projection.js';
import type { MonitorState } from './state.js';
import { createPeriods, type PeriodRec } from './period-state.js';

export { createPeriods, type PeriodsState } from './period-state.js';
export type { PeriodRec };

/** ERP's postings of dated messages: each names the message it posts as its cause. */
const POSTINGS = ['erp.confirmation.posted', 'erp.consumption.posted', 'erp.goods.received'] as const;

/**
 * The period of `plant` that `dateMs` falls in and makes a message late at `at`: closed then (ERP
 * refused it) or, for a posting, reopened by then after a close (ERP books what it accepted before
 * a close within seconds, long before any reopen).
 */
function latePeriod(s: MonitorState, plant: string, dateMs: number, at: number, posted: boolean): PeriodRec | undefined {
  const list = s.periods.closes.get(plant);
  if (list === undefined) return undefined;
  return list.find((p) => dateMs >= p.fromMs && dateMs < p.toMs && p.closedAt <= at && (posted ? p.reopenedAt <= at : at < p.reopenedAt));
}

/** A closed period the line's plant has announced: the line's late postings are counted (else undefined). */
export function latePostingsOf(s: MonitorState, plant: string, line: string): number | undefined {
  if (s.periods === undefined || !s.periods.closes.has(plant)) return undefined;
  return s.periods.late.get(`${plant}/${line}`)?.size ?? 0;
}

function announce(s: MonitorState, e: AnyEvent): void {
  const d = e.data as { plant?: string; period?: string; from?: string; to?: string; closedAt?: string; reopenedAt?: string };
  const plant = d.plant ?? e.plant;
  const list = s.periods.closes.get(plant) ?? [];
  s.periods.closes.set(plant, list);
  const p = list.find((x) => x.period === d.period);
  if (e.type === 'erp.period.closed') {
    const closedAt = parseInstant(d.closedAt ?? e.time);
    if (p === undefined) list.push({ period: String(d.period), fromMs: parseInstant(String(d.from)), toMs: parseInstant(String(d.to)), closedAt, reopenedAt: Infinity });
    else if (p.reopenedAt !== Infinity) {
      p.closedAt = closedAt;
      p.reopenedAt = Infinity;
    }
  } else if (p !== undefined) p.reopenedAt = parseInstant(d.reopenedAt ?? e.time);
}

/** The message's business key went to ERP at `at`, dated `dateMs`: late if its period had closed by then. */
function judge(s: MonitorState, e: AnyEvent, key: string, dateMs: number, at: number, posted: boolean): void {
  if (latePeriod(s, e.plant, dateMs, at, posted) === undefined) return;
  const id = `${e.plant}/${e.line}`;
  let set = s.periods.late.get(id);
  if (set === undefined) s.periods.late.set(id, (set = new Set()));
  set.add(key);
}

/** The posting date of message `messageId` of `key`: the date it gave, else its time as the ledger knows it. */
function dateOf(s: MonitorState, messageId: string | undefined, key: string): number | undefined {
  const given = messageId === undefined ? undefined : s.periods.dated.get(messageId);
  if (given !== undefined) {
    s.periods.dated.delete(messageId!);
    return given;
  }
  const k = s.keys.get(key);
  if (k === undefined || k.messageType === undefined || !DATED_MESSAGE_TYPES.includes(k.messageType)) return undefined;
  return k.messageAt === k.messageAt && Number.isFinite(k.messageAt) ? k.messageAt : undefined;
}

/** Posting periods and late postings per line (monitor/periods.ts). */
export const periods: Projection = {
  handles: [
    'erp.period.closed',
    'erp.period.reopened',
    'mes.operation.confirmed',
    'mes.material.consumed',
    'mes.order.completed',
    'mes.output.declared',
    ...POSTINGS,
    'int.message.dead-lettered',
  ],
  evolve(s, e, _o, at) {
    // a checkpoint written before posting periods has none
    s.periods ??= createPeriods();
    switch (e.type) {
      case 'erp.period.closed':
      case 'erp.period.reopened':
        return announce(s, e);
      case 'int.message.dead-lettered': {
        if (s.periods.closes.size === 0 || e.data.category !== 'business-rule') return;
        const ms = dateOf(s, e.data.messageId, e.businesskey);
        if (ms !== undefined) judge(s, e, e.businesskey, ms, at, false);
        return;
      }
      case 'erp.confirmation.posted':
      case 'erp.consumption.posted':
      case 'erp.goods.received': {
        if (s.periods.closes.size === 0) {
          if (s.periods.dated.size > 0 && e.causationid !== undefined) s.periods.dated.delete(e.causationid);
          return;
        }
        const ms = dateOf(s, e.causationid, e.businesskey);
        if (ms !== undefined) judge(s, e, e.businesskey, ms, at, true);
        return;
      }
      default: {
        const given = (e.data as { postingDate?: unknown }).postingDate;
        if (typeof given !== 'string') return;
        const ms = parseInstant(given);
        if (ms === ms) s.periods.dated.set(e.id, ms);
      }
    }
  },
};
