import type { AnyEvent } from '../model/event.js';
import { sequenceNumber } from '../model/sequence.js';
import type { LineRec } from './state.js';

/** How many missing sequence numbers one source remembers; beyond that they are only counted. */
const MAX_REMEMBERED = 1_000;
/** A jump this large is a renumbered source (a restart, another session), not lost messages. */
const MAX_HOLE = 100_000;

/**
 * Each source numbers its events contiguously, so a hole in a source's sequence is a message that
 * never reached the journal — lost before it, which no other record can show. A number that turns
 * up later (overtaken in transit) fills its hole again. Returns how many new holes `e` revealed.
 */
export function trackSequence(l: LineRec, e: AnyEvent): number {
  const seq = sequenceNumber(e.sequence);
  if (seq === null) return 0;
  const src = l.sources.get(e.source);
  if (src === undefined) {
    l.sources.set(e.source, { next: seq + 1, missing: new Set() });
    return 0;
  }
  let holes = 0;
  if (seq === src.next) {
    src.next = seq + 1;
  } else if (seq > src.next) {
    if (seq - src.next <= MAX_HOLE) {
      holes = seq - src.next;
      l.missing += holes;
      for (let n = src.next; n < seq && src.missing.size < MAX_REMEMBERED; n++) src.missing.add(n);
    }
    src.next = seq + 1;
  } else if (src.missing.delete(seq)) {
    l.missing -= 1;
  } else if (seq === 1) {
    // the source started counting again
    src.next = 2;
  }
  return holes;
}
