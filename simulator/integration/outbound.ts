import type { ExceptionCategory, IntegrationConfig } from '../../model/index.js';
import type { Ctx } from '../core/context.js';
import { Fifo } from '../core/fifo.js';
import type { Msg } from '../core/records.js';
import { PRIO, type TaskHandler } from '../core/scheduler.js';
import type { IntEvents } from './int-events.js';

const WAKE = 0;
const RETRY = 1;

/** Wait before retry number `attempt` (1 = after the first failure): exponential, capped. */
export function backoffMs(retry: IntegrationConfig['retry'], attempt: number): number {
  return Math.min(retry.maxBackoffMs, Math.round(retry.initialBackoffMs * retry.multiplier ** (attempt - 1)));
}

/**
 * Delivery to ERP. Messages of one order travel in one lane, one at a time, so a message waiting
 * for a retry is not overtaken by the next message of its order (a goods receipt would otherwise
 * reach ERP before the confirmation it depends on). Lanes feed one rate-limited sender; technical
 * refusals are retried with exponential backoff, business refusals go to the exception queue.
 */
export class Outbound implements TaskHandler {
  private readonly queue = new Fifo<Msg>();
  /** ms between deliveries under the rate limit (read each time: an operator may switch the limit live) */
  private get spacingMs(): number {
    const rl = this.c.scenario.integration.rateLimit;
    return rl.enabled && rl.perSecond > 0 ? 1000 / rl.perSecond : 0;
  }
  private nextFreeAt = Number.NEGATIVE_INFINITY;
  private waking = false;

  constructor(
    private readonly c: Ctx,
    private readonly int: IntEvents,
    private readonly deadLetter: (msg: Msg, category: ExceptionCategory, reason: string) => void,
  ) {
  }

  enqueue(msg: Msg): void {
    let lane = msg.ord.intLane;
    if (lane === undefined) lane = msg.ord.intLane = [];
    lane.push(msg);
    if (lane.length === 1) this.ready(msg);
  }

  fire(kind: number, a: unknown): void {
    if (kind === RETRY) {
      this.ready(a as Msg);
      return;
    }
    this.waking = false;
    const now = this.c.sched.now;
    while (this.queue.length > 0 && now >= this.nextFreeAt) {
      this.nextFreeAt = now + this.spacingMs;
      this.send(this.queue.take()!);
    }
    this.wake();
  }

  /** A lane head is ready to go: send now if the rate allows, else queue for the sender. */
  private ready(msg: Msg): void {
    if (this.spacingMs === 0) {
      this.send(msg);
      return;
    }
    const now = this.c.sched.now;
    if (this.queue.length === 0 && now >= this.nextFreeAt) {
      this.nextFreeAt = now + this.spacingMs;
      this.send(msg);
      return;
    }
    this.queue.push(msg);
    this.wake();
  }

  private wake(): void {
    if (this.waking || this.queue.length === 0) return;
    this.waking = true;
    this.c.sched.at(Math.ceil(this.nextFreeAt), PRIO.layer, this, WAKE);
  }

  private send(msg: Msg): void {
    msg.attempts++;
    const outcome = this.c.erp.deliver(msg);
    if (outcome === undefined) {
      this.next(msg);
      return;
    }
    if (!outcome.technical) {
      this.fail(msg, 'business-rule', outcome.reason);
      return;
    }
    const retry = this.c.scenario.integration.retry;
    if (retry.enabled && msg.attempts < retry.maxAttempts) {
      const wait = backoffMs(retry, msg.attempts);
      this.int.retried(msg.ev, msg.ord, msg.iface, msg.attempts, outcome.reason, wait);
      this.c.sched.at(this.c.sched.now + wait, PRIO.layer, this, RETRY, msg);
      return;
    }
    this.fail(msg, 'technical', outcome.reason);
  }

  private fail(msg: Msg, category: ExceptionCategory, reason: string): void {
    this.deadLetter(msg, category, reason);
    this.next(msg);
  }

  /** The lane head is done (posted or dead-lettered): the order's next message may go. */
  private next(msg: Msg): void {
    this.c.faults.settled(msg.ev.id);
    const lane = msg.ord.intLane!;
    lane.shift();
    const head = lane[0];
    if (head !== undefined) this.ready(head);
  }
}
