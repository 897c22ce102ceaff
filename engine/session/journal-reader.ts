import type { Database } from 'better-sqlite3';
import { eventsPage, type StoredEvent } from '../journal/index.js';

/**
 * A recorded session's events in journal order, read a page at a time: what a replay (through a
 * fresh monitor, or to a broker) plays. `peek` shows the next event without taking it; `take`
 * takes it; `from` starts over after a journal position (a replay's seek to a checkpoint).
 */
export type JournalReader = {
  /** the next stored event, or undefined at the end */
  peek(): StoredEvent | undefined;
  /** take the event `peek` showed (call only after `peek` returned one) */
  take(): StoredEvent;
  /** read again from after journal position `seq` (0: the start) */
  from(seq: number): void;
  /** the journal position of the last event taken (0: none yet) */
  readonly lastSeq: number;
};

export function journalReader(db: Database, session: number, pageSize: number): JournalReader {
  let lastSeq = 0;
  let buffer = eventsPage(db, session, { afterSeq: 0, limit: pageSize });
  let at = 0;
  const peek = (): StoredEvent | undefined => {
    if (at >= buffer.length) {
      buffer = eventsPage(db, session, { afterSeq: lastSeq, limit: pageSize });
      at = 0;
    }
    return buffer[at];
  };
  return {
    peek,
    take() {
      const row = buffer[at++]!;
      lastSeq = row.seq;
      return row;
    },
    from(seq) {
      lastSeq = seq;
      buffer = eventsPage(db, session, { afterSeq: seq, limit: pageSize });
      at = 0;
    },
    get lastSeq() {
      return lastSeq;
    },
  };
}
