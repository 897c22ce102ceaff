import {
  DATED_MESSAGE_TYPES,
  monthEndMs,
  parseInstant,
  periodBounds,
  periodClosedBy,
  plantClock,
  postingDateOf,
  type EventData,
} from '../../model/index.js';
import type { Ctx, DeliveryOutcome } from '../core/context.js';
import type { Msg } from '../core/records.js';
import { PRIO, type TaskHandler } from '../core/scheduler.js';

const CLOSE = 0;
const REOPEN = 1;

type Period = { readonly plant: string; readonly zone: string; readonly period: string; readonly fromMs: number; readonly toMs: number };

/**
 * ERP's posting periods (`erp.periodClose`). At the configured instant — by default the end of
 * the month the scenario starts in, in each plant's own time zone — ERP closes the month that has
 * just ended and says so on every running line of the plant (`erp.period.closed`); with
 * `reopenAfter` it reopens it (`erp.period.reopened`). While a period is closed ERP refuses every
 * posting dated in it (the message's `postingDate`, else its time) as a business rule, naming the
 * period and the date: the message is dead-lettered until an operator re-posts it into the open
 * period (resend with a new `postingDate`) or the period is reopened and the message retried.
 * Without `periodClose` nothing here ever runs.
 */
export class ErpPeriods implements TaskHandler {
  /** periods closed now, by plant */
  private readonly closed = new Map<string, Period[]>();

  constructor(private readonly c: Ctx) {
    const pc = c.scenario.erp.periodClose;
    if (pc === undefined) return;
    const plants = [...new Set(c.lines.map((l) => l.plant))];
    for (const plant of plants) {
      const zone = c.scenario.plant.plants.find((p) => p.id === plant)?.timeZone ?? 'UTC';
      const at = pc.atMs ?? monthEndMs(c.scenario.startMs, zone);
      // a close after the scenario's end never happens (it would only stretch the drain)
      if (at > c.endMs) continue;
      const period = periodClosedBy(at, zone);
      const { fromMs, toMs } = periodBounds(period, zone);
      const p: Period = { plant, zone, period, fromMs, toMs };
      const when = Math.max(at, c.scenario.startMs);
      c.sched.at(when, PRIO.window, this, CLOSE, p);
      if (pc.reopenAfterMs !== undefined) c.sched.at(when + pc.reopenAfterMs, PRIO.window, this, REOPEN, p);
    }
  }

  fire(kind: number, a: unknown): void {
    if (kind === CLOSE) this.close(a as Period);
    else this.reopen(a as Period);
  }

  /** ERP's refusal of `msg` because it is dated in a closed period (or its posting date is no date), else undefined. */
  refusal(msg: Msg): DeliveryOutcome {
    if (this.closed.size === 0) return undefined;
    const ev = msg.ev;
    if (!DATED_MESSAGE_TYPES.includes(ev.type)) return undefined;
    const list = this.closed.get(msg.ord.line.plant);
    if (list === undefined || list.length === 0) return undefined;
    const date = postingDateOf(ev.data, ev.time);
    const ms = parseInstant(date);
    if (Number.isNaN(ms)) return { technical: false, reason: `posting date ${date} of ${ev.businesskey} is not an RFC 3339 instant` };
    const p = list.find((x) => ms >= x.fromMs && ms < x.toMs);
    if (p === undefined) return undefined;
    return {
      technical: false,
      reason: `posting period ${p.period} is closed: ${ev.businesskey} has posting date ${date} (${plantClock(ms, p.zone)} ${p.zone}); re-post it into the open period or reopen ${p.period}`,
    };
  }

  private close(p: Period): void {
    const list = this.closed.get(p.plant) ?? [];
    if (list.some((x) => x.period === p.period)) return;
    list.push(p);
    this.closed.set(p.plant, list);
    this.announce(p, 'erp.period.closed');
  }

  private reopen(p: Period): void {
    const list = this.closed.get(p.plant);
    const i = list === undefined ? -1 : list.findIndex((x) => x.period === p.period);
    if (i < 0) return;
    list!.splice(i, 1);
    this.announce(p, 'erp.period.reopened');
  }

  /** Tell every running line of the plant (ERP's own channel of each). */
  private announce(p: Period, type: 'erp.period.closed' | 'erp.period.reopened'): void {
    const { env, out, sched } = this.c;
    const now = sched.now;
    const from = env.date(p.fromMs);
    const to = env.date(p.toMs);
    const at = env.date(now);
    const key = `${p.plant}/PERIOD/${p.period}/${type === 'erp.period.closed' ? 'CLOSE' : 'REOPEN'}`;
    for (const line of this.c.lines) {
      if (line.plant !== p.plant) continue;
      if (type === 'erp.period.closed') {
        const data: EventData['erp.period.closed'] = { closedAt: at, from, period: p.period, plant: p.plant, to };
        out.event(env.build(line.erp, type, now, data, key, key, undefined, undefined, undefined));
      } else {
        const data: EventData['erp.period.reopened'] = { from, period: p.period, plant: p.plant, reopenedAt: at, to };
        out.event(env.build(line.erp, type, now, data, key, key, undefined, undefined, undefined));
      }
    }
  }
}
