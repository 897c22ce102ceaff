import type { OrderRt } from './records.js';

/**
 * How long a closed order can still be found: an operator may inject a late duplicate of it (a
 * simulated day; a few hundred orders a line at most, each a small record).
 */
export const KEEP_CLOSED_MS = 24 * 3_600_000;

/**
 * Orders by id, for operator actions that name one (inject, resend). Open orders stay; a closed
 * order stays `KEEP_CLOSED_MS` of virtual time and then goes, so a long run keeps only recent ones.
 */
export class OrderRegistry {
  private readonly byId = new Map<string, OrderRt>();
  /** closed orders in closing order, each with when it may go */
  private readonly closed: { readonly id: string; readonly goAt: number }[] = [];
  private head = 0;

  add(ord: OrderRt, now: number): void {
    this.purge(now);
    this.byId.set(ord.id, ord);
  }

  closedAt(ord: OrderRt, now: number): void {
    this.closed.push({ id: ord.id, goAt: now + KEEP_CLOSED_MS });
  }

  get(id: string, now: number): OrderRt | undefined {
    this.purge(now);
    return this.byId.get(id);
  }

  private purge(now: number): void {
    const list = this.closed;
    while (this.head < list.length && list[this.head]!.goAt <= now) this.byId.delete(list[this.head++]!.id);
    if (this.head > 1024 && this.head * 2 > list.length) {
      list.splice(0, this.head);
      this.head = 0;
    }
  }
}
