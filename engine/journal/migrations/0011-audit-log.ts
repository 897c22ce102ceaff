/**
 * 0011 — the audit log: who did what that reaches beyond Linesight. Shipped: never edit; add 0012-….ts instead.
 *
 * One row per action an auditor asks about: publishing to a live broker (a simulation that
 * publishes, a watch with a connection that may publish, an injection or reversal sent to a
 * broker), a replay to a broker, an edit-and-resend, a discard, saving a connection's mappings, and
 * deleting a session. `id` is the position in the chain (1, 2, 3 … without holes); `at` wall-clock
 * epoch ms; `role` stays NULL until the console knows roles; `session` the session it concerned
 * (NULL: none); `target` what it acted on (message ids, a session, a connection); `details` JSON
 * text (never a password). `hash` is SHA-256 (hex) over the RFC 8785 canonical JSON of the row's
 * other columns, `prev_hash` among them: the previous row's `hash`, 64 zeros for the first row
 * (engine/journal/audit-log.ts). No foreign key: an entry is never refused for the session it names.
 * History: no UPDATE, no DELETE. Someone with an SQLite tool can drop these triggers; the chain is
 * what catches a row changed or removed then, and an evidence pack's printed head a tail rewritten.
 */
export const sql = `
CREATE TABLE audit_log (
  id        INTEGER PRIMARY KEY,
  at        INTEGER NOT NULL,
  who       TEXT    NOT NULL,
  role      TEXT,
  action    TEXT    NOT NULL,
  session   INTEGER,
  target    TEXT,
  details   TEXT    NOT NULL,
  prev_hash TEXT    NOT NULL CHECK (length(prev_hash) = 64),
  hash      TEXT    NOT NULL CHECK (length(hash) = 64)
);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: UPDATE is not allowed'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: DELETE is not allowed'); END;
`;
