import type { Database } from 'better-sqlite3';
import type { MonitorSnapshot } from '../../monitor/index.js';

// SEAM (issue 5, reports): filled in by the reports work.

/** The monitor's view of a journaled session once it has settled: its events fed through a fresh monitor in journal order. */
export function sessionSnapshot(_db: Database, _session: number): MonitorSnapshot {
  throw new Error('session snapshots are not available yet');
}
