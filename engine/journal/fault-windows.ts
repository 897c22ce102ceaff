import type { Database } from 'better-sqlite3';
import type { FaultKind } from '../../model/index.js';
import { statement } from './statement-cache.js';

const SQL = `SELECT kind, plant, line, window_start, window_end, messages_affected FROM fault_ledger
  WHERE session = ? AND effect = 'window' ORDER BY id`;

/** One window of a windowed fault on one line, as the fault ledger records it when the window closes. */
export type FaultWindowRow = {
  readonly kind: FaultKind;
  readonly plant: string;
  readonly line: string;
  /** RFC 3339 simulated time the window opened */
  readonly start: string;
  /** RFC 3339 simulated time the window closed */
  readonly end: string;
  /** messages the fault affected on the line in the window (0 when the window met no traffic) */
  readonly messagesAffected: number;
};

type Row = { kind: FaultKind; plant: string; line: string; window_start: string; window_end: string; messages_affected: number | null };

/** The windows of windowed faults in a session, in the order they closed. */
export function faultWindows(db: Database, session: number): FaultWindowRow[] {
  return (statement(db, SQL).all(session) as Row[]).map((r) => ({
    kind: r.kind,
    plant: r.plant,
    line: r.line,
    start: r.window_start,
    end: r.window_end,
    messagesAffected: r.messages_affected ?? 0,
  }));
}
