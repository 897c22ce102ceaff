import type { Ctx } from '../core/context.js';
import { PRIO, type TaskHandler } from '../core/scheduler.js';
import { covers, type FaultRt } from './faults.js';

const CLOSE = 0;

/**
 * The record of each window of a windowed fault (`wan-outage`, `erp-outage`, `erp-rate-limit`):
 * when its window closes, one ledger entry per line it covered says when it was active and how
 * many messages it affected there — possibly none, so an outage that met no traffic still shows.
 * A scenario's windows close on schedule; an operator's when the operator switches it off.
 */
export class FaultWindows implements TaskHandler {
  constructor(private readonly c: Ctx) {
    for (const f of c.faults.windows) if (Number.isFinite(f.until)) c.sched.at(f.until, PRIO.window, this, CLOSE, f);
  }

  fire(_kind: number, a: unknown): void {
    this.record(a as FaultRt);
  }

  /** Write the window of `f`, closed now, to the ledger: one entry per line it covered. */
  record(f: FaultRt): void {
    const c = this.c;
    const now = c.sched.now;
    for (const line of c.lines) if (covers(f, line)) c.ledger.window(now, f, line, f.affected[line.index]!);
  }
}
