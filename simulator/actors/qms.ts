import { DISPOSITIONS, FAULT_DEFAULTS, type CanonicalEvent, type Disposition } from '../../model/index.js';
import type { Ctx, QmsPort } from '../core/context.js';
import type { OrderRt } from '../core/records.js';
import { PRIO, type TaskHandler } from '../core/scheduler.js';
import { num, str } from '../faults/faults.js';
import { plantFault, publish } from './publish.js';

const RECORD = 0;
const HOLD_RELEASE = 1;

const DEFECTS = ['dimension out of tolerance', 'surface defect', 'contamination', 'leak test failed', 'label mismatch'] as const;
/** hold time of a failure that no fault asked for (process noise) */
const NOISE_HOLD_MS = Number(FAULT_DEFAULTS['quality-fail'].holdMs);

function disposition(v: string): Disposition {
  return (DISPOSITIONS as readonly string[]).includes(v) ? (v as Disposition) : 'release';
}

/**
 * Quality: inspects every completed lot, holds a failed lot and, after the hold time, releases it
 * with a disposition (release, rework, scrap). A re-inspection after rework passes. A lot of an item
 * under quality management (`inspection`) that passes gets its usage decision (`qms.usage.decided`).
 */
export class Qms implements TaskHandler, QmsPort {
  constructor(private readonly c: Ctx) {}

  fire(kind: number, a: unknown, b: unknown): void {
    if (kind === RECORD) this.record(a as OrderRt, b as CanonicalEvent<'qms.inspection.requested'>);
    else this.releaseHold(a as OrderRt, b as Disposition);
  }

  inspect(ord: OrderRt, causeId: string): void {
    const c = this.c;
    const n = ++ord.qmsInspections;
    const data = { item: ord.product.item.id, lot: ord.mesLot, order: ord.id, qty: ord.mesGood };
    const f = plantFault(c, 'qms.inspection.requested', ord);
    const req = publish(c, ord.line.qms, ord, 'qms.inspection.requested', data, `${ord.id}/INSP/${n}`, causeId, ord.mesLot, f);
    c.sched.at(c.sched.now + c.rng.qms.int(5 * 60_000, 15 * 60_000), PRIO.plant, this, RECORD, ord, req);
  }

  private record(ord: OrderRt, req: CanonicalEvent<'qms.inspection.requested'>): void {
    const c = this.c;
    const now = c.sched.now;
    const first = ord.qmsInspections === 1;
    // a quality-fail fault strikes the first inspection of an order released while it is active
    const fault = first ? c.faults.onOrder('quality-fail', 'qms.inspection.recorded', ord.line, ord.releasedAt) : undefined;
    let fail = fault !== undefined;
    let disp: Disposition = 'release';
    let holdMs = NOISE_HOLD_MS;
    if (fault) {
      disp = disposition(str(fault, 'disposition'));
      holdMs = num(fault, 'holdMs');
    } else if (first && c.rng.qms.chance(c.scenario.orders.inspectionFailRate)) {
      // process noise fails a lot now and then; it is reworked or released, never scrapped
      fail = true;
      disp = c.rng.qms.chance(0.75) ? 'release' : 'rework';
    }
    const lot = ord.mesLot;
    const defect = fail ? DEFECTS[c.rng.qms.int(0, DEFECTS.length - 1)]! : '';
    const data = fail
      ? ({ defect, lot, order: ord.id, result: 'fail' } as const)
      : ({ lot, order: ord.id, result: 'pass' } as const);
    const f = plantFault(c, 'qms.inspection.recorded', ord);
    const ev = c.env.build(ord.line.qms, 'qms.inspection.recorded', now, data, `${req.businesskey}/RESULT`, ord.id, ord.id, req.id, lot);
    // the failure matters to the goods receipt it holds back (or discards): the ledger names that message
    const detail = `inspection ${ev.id} of lot ${lot} failed; held ${holdMs}ms, then ${disp}`;
    if (fault) c.ledger.message(now, fault, 'failed-inspection', ord.mesCompleted ?? ev, ord, detail);
    c.edge.send(ev, ord, f);
    if (!fail) {
      if (ord.product.item.inspection === true) this.decide(ord, ev.id);
      return;
    }
    const hold = { item: ord.product.item.id, lot, order: ord.id, qty: ord.mesGood, reason: `inspection failed: ${defect}` };
    const hf = plantFault(c, 'qms.hold.placed', ord);
    ord.qmsHoldId = publish(c, ord.line.qms, ord, 'qms.hold.placed', hold, `${ord.id}/HOLD`, ev.id, lot, hf).id;
    c.sched.at(now + holdMs, PRIO.plant, this, HOLD_RELEASE, ord, disp);
  }

  /**
   * The usage decision of a lot that passed: ERP moves it out of quality-inspection stock (or out of
   * blocked stock, after a rework) into unrestricted. Keyed by the inspection's number.
   */
  private decide(ord: OrderRt, causeId: string): void {
    const c = this.c;
    const partial = ord.product.item.partialDecision;
    if (partial !== undefined && c.rng.qms.chance(partial.probability)) return this.decideInParts(ord, causeId, partial.blocked);
    const data = { decision: 'unrestricted', item: ord.product.item.id, lot: ord.mesLot, order: ord.id, qty: ord.mesGood } as const;
    const f = plantFault(c, 'qms.usage.decided', ord);
    publish(c, ord.line.qms, ord, 'qms.usage.decided', data, `${ord.id}/UD/${ord.qmsInspections}`, causeId, ord.mesLot, f);
  }

  /**
   * A partial usage decision (the item's `partialDecision`): `blocked` of the lot to blocked stock,
   * then the rest to unrestricted — two decisions, keyed by the inspection's number and the part's.
   */
  private decideInParts(ord: OrderRt, causeId: string, blocked: number): void {
    const c = this.c;
    const item = ord.product.item;
    const qty = Math.round(ord.mesGood * blocked * 1000) / 1000;
    const parts = [
      { decision: 'blocked', qty },
      { decision: 'unrestricted', qty: Math.round((ord.mesGood - qty) * 1e6) / 1e6 },
    ] as const;
    for (let k = 0; k < parts.length; k++) {
      const p = parts[k]!;
      const data = { decision: p.decision, item: item.id, lot: ord.mesLot, order: ord.id, qty: p.qty };
      const f = plantFault(c, 'qms.usage.decided', ord);
      publish(c, ord.line.qms, ord, 'qms.usage.decided', data, `${ord.id}/UD/${ord.qmsInspections}/${k + 1}`, causeId, ord.mesLot, f);
    }
  }

  private releaseHold(ord: OrderRt, disp: Disposition): void {
    const c = this.c;
    const data = { disposition: disp, lot: ord.mesLot, order: ord.id };
    const f = plantFault(c, 'qms.hold.released', ord);
    const ev = publish(c, ord.line.qms, ord, 'qms.hold.released', data, `${ord.id}/HOLDREL`, ord.qmsHoldId, ord.mesLot, f);
    if (disp === 'rework') c.mes.rework(ord, ev.id);
  }
}
