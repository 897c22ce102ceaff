/**
 * The SQLite journal: one append-only file per installation holding sessions, events, quarantined
 * input and the simulator's fault ledger. Write through `openJournalWriter` (a worker thread);
 * read with `openJournal(path, { readonly: true })` and the query functions. See docs/journal.md.
 */
export { openJournalWriter, type JournalWriter, type JournalWriterOptions } from './writer.js';
export { openJournal, type Journal, type OpenJournalOptions } from './open-journal.js';
export { openJournalReader } from './open-reader.js';
export { toEventRow, EVENT_ROW_COLUMNS, type EventRow } from './rows.js';
export { canonicalJson } from './canonical-json.js';
export type { AppendBatch } from './append-batch.js';
export type { OutboxEntry, OutboxPage, PendingMessage } from './outbox.js';
export { JournalSchemaError } from './migrate.js';
export { MIGRATIONS, type Migration } from './migrations/index.js';
export {
  SESSION_KINDS,
  type AppendResult,
  type SessionKind,
  type SessionRow,
  type SessionStart,
  type StoredEvent,
  type StoredLedgerEntry,
  type StoredQuarantine,
} from './types.js';
export { listSessions } from './list-sessions.js';
export { eventsCausedBy, eventsOfKey, eventsOfKeyPrefix, operatorEvents } from './training-events.js';
export {
  AUDIT_ACTIONS,
  AUDIT_GENESIS,
  auditHash,
  auditHead,
  hasAuditLog,
  listAudit,
  verifyAudit,
  type AuditAction,
  type AuditBreakReason,
  type AuditEntry,
  type AuditEntryInput,
  type AuditHead,
  type AuditVerification,
  type ExpectedHead,
} from './audit-log.js';
export { listTrainingRuns, trainingRunDebrief, type TrainingRunRecord, type TrainingRunRow } from './training-runs.js';
export { countEvents } from './count-events.js';
export { countQuarantine } from './count-quarantine.js';
export { faultCounts } from './fault-counts.js';
export { faultWindows, type FaultWindowRow } from './fault-windows.js';
export { connectionOutages } from './connection-outages.js';
export type { ConnectionOutageKind, ConnectionOutageRecord } from './record-outages.js';
export { typeCounts } from './type-counts.js';
export { dispositionCounts } from './disposition-counts.js';
export { receiptsBeforeRelease } from './receipts-before-release.js';
export { eventsPage, MAX_PAGE, type EventsFilter, type EventsPageQuery } from './events-page.js';
export { eventsForOrder } from './events-for-order.js';
export { eventsByBusinessKey } from './events-by-business-key.js';
export { eventsByLot } from './events-by-lot.js';
export { quarantineRows } from './quarantine-rows.js';
export { ledgerRows } from './ledger-rows.js';
export { sessionDigest, sessionEvents } from './session-digest.js';
export { latestSession } from './latest-session.js';
export { sessionState, checkNotDeleted, DeletedSessionError, type SessionState } from './session-state.js';
export { normalizeLabel, MAX_SESSION_NAME, MAX_SESSION_NOTE, type SessionLabel } from './label-session.js';
export type { SessionOutcome } from './record-outcome.js';
export { compactJournal, type CompactResult } from './compact-journal.js';
export { insertRowsBaseline, type BaselineOptions, type BaselineResult } from './baseline.js';
export { exportEvents, writeEvents, csvField, EXPORT_FILE_NAME, type ExportFormat, type ExportOptions, type ExportedFile } from './export-events.js';
export { csvCell, csvRecord, csvDelimiter, checkCsvOptions, BOM, CSV_VARIANTS, type CsvOptions, type CsvVariant } from './csv-format.js';
export { searchLineage, MAX_LINEAGE_MATCHES, type LineageMatch, type LineageMatchKind } from './search-lineage.js';
export {
  genealogyForLot,
  DEFAULT_GENEALOGY_DEPTH,
  MAX_GENEALOGY_DEPTH,
  MAX_GENEALOGY_NODES,
  type Genealogy,
  type GenealogyEdge,
  type GenealogyNode,
  type GenealogyStatus,
} from './genealogy.js';
