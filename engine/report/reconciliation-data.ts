import type { Database } from 'better-sqlite3';
import type { Conservation, ControlCounts, ExceptionView, Gap, MonitorSnapshot, ReconciliationMismatch } from '../../monitor/index.js';
import { EXCEPTION_CATEGORIES, GAP_KINDS, rfc3339, type ExceptionCategory, type GapKind } from '../../model/index.js';
import { sessionDigest, type SessionKind } from '../journal/index.js';
import { reportOutages, type ReportOutage } from './report-outages.js';
import { sessionRow, sessionSnapshot } from './session-snapshot.js';

/** One open sync gap as the report lists it: the monitor's, without its internal id. */
export type ReportGap = Omit<Gap, 'id'>;

/** One production line's figures in the report. */
export type ReportLine = {
  readonly plant: string;
  readonly line: string;
  readonly ordersReleased: number;
  readonly ordersCompleted: number;
  readonly ordersClosed: number;
  readonly queueDepthMax: number;
  /** transit latency (virtual ms, message → first ERP posting less the time the integration layer held it); null while nothing was posted */
  readonly latencyMs: { readonly p50: number | null; readonly p95: number | null };
  readonly openGaps: number;
  /** open dead letters, all categories */
  readonly exceptions: number;
};

/**
 * The reconciliation report of one journaled session (`linesight reconcile`, `reports.reconcile`):
 * what the monitor saw once the session settled, fed only from the journal. The JSON format is this
 * object; HTML and CSV render it.
 */
export type ReconciliationReport = {
  readonly report: 'linesight-reconciliation';
  readonly version: 1;
  readonly session: {
    readonly id: number;
    readonly kind: SessionKind;
    /** scenario id, or what was watched, replayed or imported */
    readonly scenario: string;
    /** the scenario's name when the session recorded it */
    readonly name: string | null;
    /** the brokers a live session watched (empty otherwise) */
    readonly brokers: readonly string[];
    readonly seed: number | null;
    /** RFC 3339 wall-clock start and end (end null while it runs) */
    readonly startedAt: string;
    readonly endedAt: string | null;
    /** left open by a process that died (a power cut, a kill): its figures stop at its last committed event */
    readonly interrupted: boolean;
    readonly events: number;
    /** SHA-256 over the session's events in canonical JSON */
    readonly digest: string;
  };
  /** virtual time of the first and last event (null: no events) */
  readonly period: { readonly from: string | null; readonly to: string | null };
  /** virtual instant the session was judged at: settled (last event + longest grace period) or, while running, its last event */
  readonly judgedAt: string | null;
  readonly summary: {
    readonly ordersCompared: number;
    readonly ordersMatched: number;
    readonly mismatchedFields: number;
    readonly openGaps: number;
    readonly gapsClosed: number;
    readonly gapsByKind: Readonly<Record<GapKind, number>>;
    readonly exceptions: number;
    readonly exceptionsByCategory: Readonly<Record<ExceptionCategory, number>>;
    /** business keys that needed an ERP posting and where they ended up (null: the session had none) */
    readonly conservation: Conservation | null;
    readonly controls: ControlCounts;
  };
  readonly lines: readonly ReportLine[];
  readonly mismatches: readonly ReconciliationMismatch[];
  readonly gaps: readonly ReportGap[];
  readonly exceptions: readonly ExceptionView[];
  /**
   * a live session's watched connections: each time one was down (and each possible gap, where its
   * broker kept no session for us), oldest first, as the watch journaled them; absent for other sessions
   */
  readonly connectionOutages?: readonly ReportOutage[];
};

const zeroes = <K extends string>(keys: readonly K[]): Record<K, number> => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

function period(db: Database, session: number): { events: number; from: string | null; to: string | null } {
  const r = db.prepare('SELECT count(*) AS n, min(time) AS f, max(time) AS t FROM events WHERE session = ?').get(session) as { n: number; f: string | null; t: string | null };
  return { events: r.n, from: r.f, to: r.t };
}

function toGap(g: Gap): ReportGap {
  const { kind, plant, line, order, businesskeys, mes, erp, delta, summary, rows, openedAt, ageMs, cause, causeChain, rootCause } = g;
  return { kind, interface: g.interface, plant, line, order, businesskeys, mes, erp, delta, summary, rows, openedAt, ageMs, cause, causeChain, rootCause };
}

/**
 * Assemble the report from the journal: the session's row, its digest and period, the monitor's
 * settled snapshot, and a live session's connection outages (one still open in a running session
 * counts to `nowMs`).
 */
export function buildReconciliationReport(db: Database, session: number, snapshot: MonitorSnapshot = sessionSnapshot(db, session), nowMs = Date.now()): ReconciliationReport {
  const row = sessionRow(db, session);
  const outages = reportOutages(db, row, nowMs);
  const meta = (typeof row.meta === 'object' && row.meta !== null ? row.meta : {}) as { name?: unknown; brokers?: unknown };
  const p = period(db, session);
  const s = snapshot;
  const gapsByKind = zeroes(GAP_KINDS);
  for (const g of s.gaps) gapsByKind[g.kind]++;
  const exceptionsByCategory = zeroes(EXCEPTION_CATEGORIES);
  for (const x of s.exceptions) exceptionsByCategory[x.category]++;
  return {
    report: 'linesight-reconciliation',
    version: 1,
    session: {
      id: row.id,
      kind: row.kind,
      scenario: row.scenario,
      name: typeof meta.name === 'string' ? meta.name : null,
      brokers: strings(meta.brokers),
      seed: row.seed,
      startedAt: new Date(row.startedAt).toISOString(),
      endedAt: row.endedAt === null ? null : new Date(row.endedAt).toISOString(),
      interrupted: row.interrupted === true,
      events: p.events,
      digest: sessionDigest(db, session),
    },
    period: { from: p.from, to: p.to },
    judgedAt: p.events === 0 && s.nowMs === 0 ? null : rfc3339(s.nowMs),
    summary: {
      ordersCompared: s.reconciliation.ordersCompared,
      ordersMatched: s.reconciliation.ordersMatched,
      mismatchedFields: s.reconciliation.mismatches.length,
      openGaps: s.gaps.length,
      gapsClosed: s.gapsClosed,
      gapsByKind,
      exceptions: s.exceptions.length,
      exceptionsByCategory,
      conservation: s.conservation.needsPosting + s.conservation.notNeeded > 0 ? s.conservation : null,
      controls: s.controls,
    },
    lines: s.lines.map((l) => ({
      plant: l.plant,
      line: l.line,
      ordersReleased: l.ordersReleased,
      ordersCompleted: l.ordersCompleted,
      ordersClosed: l.ordersClosed,
      queueDepthMax: l.queueDepthMax,
      latencyMs: { p50: l.postingLatencyMs.p50, p95: l.postingLatencyMs.p95 },
      openGaps: l.openGaps,
      exceptions: Object.values(l.exceptions).reduce((a, b) => a + b, 0),
    })),
    mismatches: s.reconciliation.mismatches,
    gaps: s.gaps.map(toGap),
    exceptions: s.exceptions,
    ...(outages === undefined ? {} : { connectionOutages: outages }),
  };
}
