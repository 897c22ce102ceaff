import type { Database } from 'better-sqlite3';
import { createMonitor, type MonitorSnapshot } from '../../monitor/index.js';
import { DEFAULT_GRACE_MS, INTERFACES, type Interface } from '../../model/index.js';
import { checkNotDeleted, eventsPage, listSessions, MAX_PAGE, type SessionRow } from '../journal/index.js';
import { loadScenario } from '../scenario/index.js';

type GracePeriods = Readonly<Record<Interface, number>>;

/** What a session's `meta` may tell about how it was judged (run-simulation.ts and simulation-session.ts write it). */
type SessionMeta = {
  readonly name?: unknown;
  readonly start?: unknown;
  readonly durationMs?: unknown;
  readonly gracePeriods?: unknown;
};

const metaOf = (row: SessionRow): SessionMeta => (typeof row.meta === 'object' && row.meta !== null ? (row.meta) : {});

/** `meta.gracePeriods` when a session recorded them (every interface, positive ms), else undefined. */
function recordedGrace(meta: SessionMeta): GracePeriods | undefined {
  const g = meta.gracePeriods;
  if (typeof g !== 'object' || g === null) return undefined;
  const rec = g as Record<string, unknown>;
  const ok = INTERFACES.every((k) => typeof rec[k] === 'number' && Number.isFinite(rec[k]) && (rec[k]) > 0);
  return ok ? (rec as GracePeriods) : undefined;
}

/**
 * The grace periods a session was judged with: recorded in its meta, else its scenario's when the
 * scenario id names a bundled scenario with the same name (a file scenario may share a bundled id),
 * else the defaults — what a live session uses.
 */
export function sessionGracePeriods(row: SessionRow): GracePeriods {
  const meta = metaOf(row);
  const recorded = recordedGrace(meta);
  if (recorded) return recorded;
  if (row.kind === 'simulation' || row.kind === 'replay') {
    try {
      const scenario = loadScenario(row.scenario);
      if (meta.name === undefined || meta.name === scenario.name) return scenario.integration.gracePeriods;
    } catch {
      // not a bundled scenario (a file, a watch, an import): the defaults below
    }
  }
  return DEFAULT_GRACE_MS;
}

/** The scenario's planned end (virtual epoch ms) when the session recorded its start and duration. */
function plannedEnd(meta: SessionMeta): number | null {
  const start = typeof meta.start === 'string' ? Date.parse(meta.start) : NaN;
  return Number.isFinite(start) && typeof meta.durationMs === 'number' && Number.isFinite(meta.durationMs) ? start + meta.durationMs : null;
}

/** The session's row; an error naming the sessions there are when it is missing, a DeletedSessionError when deleted. */
export function sessionRow(db: Database, session: number): SessionRow {
  const rows = listSessions(db);
  const row = rows.find((r) => r.id === session);
  if (!row) throw new Error(`session ${session} is not in this journal (${rows.length === 0 ? 'it has no sessions' : `sessions ${rows[0]!.id}…${rows[rows.length - 1]!.id}`})`);
  checkNotDeleted(db, session);
  return row;
}

/**
 * The monitor's view of a journaled session once it has settled: its events fed through a fresh
 * monitor in journal order, a page at a time, then time advanced the way `settledAt` does for a
 * finished run — the later of the last event and the scenario's planned end, plus the longest
 * grace period, plus 1 ms. A session still running is judged at its last event.
 */
export function sessionSnapshot(db: Database, session: number): MonitorSnapshot {
  const row = sessionRow(db, session);
  const grace = sessionGracePeriods(row);
  const monitor = createMonitor({ gracePeriods: grace });
  let events = 0;
  for (let afterSeq = 0; ; ) {
    const page = eventsPage(db, session, { afterSeq, limit: MAX_PAGE });
    for (const e of page) monitor.apply(e.event, e.retained === true);
    events += page.length;
    if (page.length < MAX_PAGE) break;
    afterSeq = page[page.length - 1]!.seq;
  }
  const end = plannedEnd(metaOf(row));
  if (row.endedAt !== null && (events > 0 || end !== null)) {
    monitor.advance(Math.max(monitor.nowMs, end ?? -Infinity) + Math.max(...Object.values(grace)) + 1);
  }
  return monitor.snapshot();
}
