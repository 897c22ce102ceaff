import type { Monitor } from '../../monitor/index.js';
import type { AnyEvent } from '../../model/index.js';
import { FRAME_TAIL } from './build-frame.js';
import type { LiveChecks } from './live-checks.js';

/** What a session has applied to its monitor: how many events, and the recent ones a frame carries. */
export type Applied = {
  /** apply a committed batch, in journal order; `retained`: those of its events that came as retained messages */
  readonly apply: (batch: readonly AnyEvent[], retained?: ReadonlySet<AnyEvent>) => void;
  readonly count: number;
  readonly tail: readonly AnyEvent[];
};

/** Apply committed batches to `monitor` — and, in the same order, to the session's live contract `checks`. */
export function createApplied(monitor: Monitor, checks?: LiveChecks): Applied {
  let count = 0;
  let tail: AnyEvent[] = [];
  return {
    apply(batch, retained) {
      if (retained === undefined) for (const e of batch) monitor.apply(e);
      else for (const e of batch) monitor.apply(e, retained.has(e));
      if (checks !== undefined) for (const e of batch) checks.apply(e, retained?.has(e));
      count += batch.length;
      tail.push(...batch);
      // trimmed in steps, not per batch: a frame takes only the last FRAME_TAIL anyway
      if (tail.length > 4 * FRAME_TAIL) tail = tail.slice(-FRAME_TAIL);
    },
    get count() {
      return count;
    },
    get tail() {
      return tail;
    },
  };
}
