import { interfaceOfMessage } from '../model/interfaces.js';
import { EVENT_TYPES } from '../model/names.js';
import { copyCame } from './held-time.js';
import type { Projection } from './projection.js';

/**
 * Messages that come in behind the monitor's clock: a backlog a restarted MES sends at once, hours
 * after it made them. Such a message reached the bus when the monitor met it — its clock then, not
 * the message's own time — so a resequencing wait of it starts there (held-time.ts), and transit
 * latency, which leaves held time out, keeps the hours it spent in MES's queue: the latency
 * measured from the message's time stays honest. Messages that come in order (every simulated run
 * without a backlog) change nothing.
 */
export const backlog: Projection = {
  handles: EVENT_TYPES.filter((t) => interfaceOfMessage(t) !== undefined),
  evolve(s, e, o, at, retained) {
    if (retained || o === undefined || !(s.nowMs > at)) return;
    const k = s.keys.get(e.businesskey);
    if (k === undefined || k.order !== o || k.postings > 0) return;
    copyCame(k, s.nowMs);
  },
};
