// What the crash harness checks in the journal, with a read connection of its own (never the
// engine's): integrity, acknowledged ⊆ journaled, each event once, open sessions marked
// interrupted with their last committed event, and the outbox against what the broker carried.
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { sessionSummaries } from '../../engine/journal/sessions-admin.js';

export type JournalCheck = {
  /** `PRAGMA integrity_check`: 'ok', SQLite's complaint, or 'no journal' (killed before it was made) */
  readonly integrity: string;
  readonly events: number;
  /** messages Linesight acknowledged that the journal does not hold */
  readonly ackedMissing: number;
  /** event ids journaled more than once */
  readonly duplicates: number;
  /** sessions marked interrupted */
  readonly interrupted: readonly number[];
  /** sessions still open that are not marked interrupted (none may be: nothing runs while we look) */
  readonly openNotInterrupted: number;
  readonly endedSessions: readonly number[];
  /** of `published`, how many the journal does not hold */
  readonly publishedMissing: number;
  readonly problems: readonly string[];
};

/**
 * Check the journal at `path` while no engine runs on it. Opened read-only, so the check changes
 * nothing the next start will find (a read-only connection does not checkpoint the WAL).
 */
export function checkJournal(path: string, acked: ReadonlySet<string>, published: Iterable<string> = []): JournalCheck {
  if (!existsSync(path)) {
    return { integrity: 'no journal', events: 0, ackedMissing: 0, duplicates: 0, interrupted: [], openNotInterrupted: 0, endedSessions: [], publishedMissing: 0, problems: [] };
  }
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    const problems: string[] = [];
    const integrity = String(db.pragma('integrity_check', { simple: true }));
    if (integrity !== 'ok') problems.push(`integrity_check: ${integrity}`);
    // killed before the first migration committed: nothing to check yet
    const migrated = db.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'session_owners'").get() !== undefined;
    if (!migrated) return { integrity, events: 0, ackedMissing: 0, duplicates: 0, interrupted: [], openNotInterrupted: 0, endedSessions: [], publishedMissing: 0, problems };
    // every id once, into memory: `WHERE id = ?` alone is a scan (the journal's unique index leads
    // with the session), and one scan per acknowledged id made each check slower than the last
    const journaledIds = new Set(db.prepare('SELECT id FROM events').pluck().all() as string[]);
    const missing = (ids: Iterable<string>) => {
      let n = 0;
      for (const id of ids) if (!journaledIds.has(id)) n++;
      return n;
    };
    const events = db.prepare('SELECT count(*) FROM events').pluck().get() as number;
    const ackedMissing = missing(acked);
    if (ackedMissing > 0) problems.push(`${ackedMissing} acknowledged messages are not in the journal`);
    const publishedMissing = missing(published);
    const duplicates = db.prepare('SELECT count(*) FROM (SELECT id FROM events GROUP BY id HAVING count(*) > 1)').pluck().get() as number;
    if (duplicates > 0) problems.push(`${duplicates} event ids are journaled more than once`);
    const lastSeq = db.prepare('SELECT max(seq) FROM events WHERE session = ?').pluck();
    const interrupted: number[] = [];
    const endedSessions: number[] = [];
    let openNotInterrupted = 0;
    for (const s of sessionSummaries(db)) {
      if (s.endedAt !== null) {
        endedSessions.push(s.id);
        if (s.interrupted !== undefined) problems.push(`session ${s.id} ended, yet is marked interrupted`);
        continue;
      }
      if (s.interrupted === undefined) {
        openNotInterrupted++;
        problems.push(`session ${s.id} is open though no process runs it, and not marked interrupted`);
        continue;
      }
      interrupted.push(s.id);
      const last = lastSeq.get(s.id) as number | null;
      if ((s.interrupted.lastEvent?.seq ?? null) !== last) problems.push(`session ${s.id}: last committed event is seq ${String(last)}, the mark says ${String(s.interrupted.lastEvent?.seq ?? null)}`);
    }
    return { integrity, events, ackedMissing, duplicates, interrupted, openNotInterrupted, endedSessions, publishedMissing, problems };
  } finally {
    db.close();
  }
}

export type OutboxCheck = {
  readonly rows: number;
  /** rows not yet delivered, or delivered but never heard on the broker */
  readonly pending: number;
  /** distinct outbox messages the observer heard, and all it heard (resends included) */
  readonly heardDistinct: number;
  readonly heardTotal: number;
  readonly problems: readonly string[];
};

/**
 * Check the outbox of `connection` against what an observer heard on the broker, in order:
 * every row delivered and heard at least once, under the id of the event it carries; the first
 * hearing of each in outbox order; nothing heard that the outbox does not hold.
 */
export function checkOutbox(path: string, heard: readonly string[], connection: string): OutboxCheck {
  if (!existsSync(path)) return { rows: 0, pending: 0, heardDistinct: 0, heardTotal: heard.length, problems: [] };
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    const rows = db.prepare('SELECT id, event_id, delivered_at FROM outbox WHERE connection = ? ORDER BY id').all(connection) as { id: number; event_id: string | null; delivered_at: number | null }[];
    const journaled = db.prepare('SELECT count(*) FROM events WHERE id = ?').pluck();
    const heardSet = new Set(heard);
    const problems: string[] = [];
    const order = new Map<string, number>();
    let pending = 0;
    /** the first few pending rows, for the message: which, and whether the broker acknowledged them */
    const stuck: string[] = [];
    for (const r of rows) {
      if (r.event_id === null) {
        problems.push(`outbox row ${r.id} carries no event id`);
        continue;
      }
      order.set(r.event_id, order.size);
      if (r.delivered_at === null || !heardSet.has(r.event_id)) {
        pending++;
        if (stuck.length < 3) stuck.push(`row ${r.id} (${r.event_id}, ${r.delivered_at === null ? 'not delivered' : 'delivered, never heard'})`);
      }
      if ((journaled.get(r.event_id) as number) !== 1) problems.push(`outbox row ${r.id}: event ${r.event_id} is journaled ${String(journaled.get(r.event_id))} times`);
    }
    const first: string[] = [];
    const seen = new Set<string>();
    for (const id of heard) {
      if (!order.has(id)) {
        problems.push(`heard ${id}, which the outbox does not hold`);
        continue;
      }
      if (!seen.has(id)) first.push(id);
      seen.add(id);
    }
    for (let i = 1; i < first.length; i++) {
      if (order.get(first[i]!)! < order.get(first[i - 1]!)!) {
        problems.push(`heard ${first[i]} first after ${first[i - 1]}, against outbox order`);
        break;
      }
    }
    if (pending > 0) problems.push(`${pending} outbox rows not delivered or never heard: ${stuck.join(', ')}${pending > stuck.length ? ' …' : ''}`);
    return { rows: rows.length, pending, heardDistinct: seen.size, heardTotal: heard.length, problems };
  } finally {
    db.close();
  }
}
