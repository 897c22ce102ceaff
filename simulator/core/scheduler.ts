/**
 * The discrete-event scheduler: a binary min-heap of tasks ordered by (time, priority, insertion
 * sequence), so equal-time tasks run in a fixed order and a run is reproducible. Tasks name a
 * long-lived handler and a numeric kind instead of carrying a closure, which keeps a million-event
 * run from allocating one function per step.
 */

/** Something that can run a scheduled task; `a`/`b` are the task's payload, typed by the handler per kind. */
export type TaskHandler = { fire(kind: number, a: unknown, b: unknown): void };

type Task = {
  readonly at: number;
  readonly prio: number;
  readonly seq: number;
  readonly h: TaskHandler;
  readonly kind: number;
  readonly a: unknown;
  readonly b: unknown;
};

/** Lower runs first at the same instant: window changes before ERP postings before plant steps before new orders. */
export const PRIO = { window: 0, erp: 1, plant: 2, layer: 3, create: 4 } as const;

function before(x: Task, y: Task): boolean {
  if (x.at !== y.at) return x.at < y.at;
  if (x.prio !== y.prio) return x.prio < y.prio;
  return x.seq < y.seq;
}

export class Scheduler {
  private readonly heap: Task[] = [];
  private seq = 0;
  /** virtual clock, epoch ms: the time of the task being run (or last run) */
  now: number;

  constructor(startMs: number) {
    this.now = startMs;
  }

  get empty(): boolean {
    return this.heap.length === 0;
  }

  get size(): number {
    return this.heap.length;
  }

  /** Schedule a task; a time in the past is clamped to now so the clock never runs backwards. */
  at(time: number, prio: number, h: TaskHandler, kind: number, a?: unknown, b?: unknown): void {
    const t: Task = { at: time < this.now ? this.now : time, prio, seq: this.seq++, h, kind, a, b };
    const heap = this.heap;
    let i = heap.length;
    heap.push(t);
    while (i > 0) {
      const p = (i - 1) >> 1;
      const parent = heap[p]!;
      if (!before(t, parent)) break;
      heap[i] = parent;
      i = p;
    }
    heap[i] = t;
  }

  /**
   * Move the clock forward to `time` when nothing is due before it (an operator acting at a
   * quiet instant, or after the run drained); otherwise the clock stays where the work is.
   */
  jumpTo(time: number): void {
    const top = this.heap[0];
    if (time > this.now && (top === undefined || top.at >= time)) this.now = time;
  }

  /** When the earliest task is due (undefined when nothing is scheduled). */
  get nextAt(): number | undefined {
    return this.heap[0]?.at;
  }

  /** Run the earliest task; false when nothing is scheduled. */
  step(): boolean {
    const heap = this.heap;
    const top = heap[0];
    if (top === undefined) return false;
    const last = heap.pop()!;
    const n = heap.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        let c = l;
        if (r < n && before(heap[r]!, heap[l]!)) c = r;
        if (!before(heap[c]!, last)) break;
        heap[i] = heap[c]!;
        i = c;
      }
      heap[i] = last;
    }
    this.now = top.at;
    top.h.fire(top.kind, top.a, top.b);
    return true;
  }
}
