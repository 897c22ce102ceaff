/**
 * 0004 — session administration: names and notes, the outcome recorded at a session's end, and
 * deleted sessions. Shipped: never edit; add 0005-….ts instead.
 *
 * `session_labels` is metadata, not history: a name or note may change any time. `session_outcomes`
 * is written once when a session ends (open gaps and exceptions then, plus its event count and
 * digest so a long session list does not rehash a million events per row). `deleted_sessions`
 * hides a session at once; its rows leave the file only when the journal is compacted into a new
 * file (compact-journal.ts) — the history tables themselves are never edited in place.
 */
export const sql = `
CREATE TABLE session_labels (
  session     INTEGER PRIMARY KEY REFERENCES sessions (id),
  name        TEXT,
  note        TEXT,
  updated_at  INTEGER NOT NULL
);

CREATE TABLE session_outcomes (
  session      INTEGER PRIMARY KEY REFERENCES sessions (id),
  gaps         INTEGER,
  exceptions   INTEGER,
  events       INTEGER NOT NULL,
  digest       TEXT    NOT NULL,
  recorded_at  INTEGER NOT NULL
);
CREATE TRIGGER session_outcomes_no_update BEFORE UPDATE ON session_outcomes
BEGIN SELECT RAISE(ABORT, 'session_outcomes are written once: UPDATE is not allowed'); END;
CREATE TRIGGER session_outcomes_no_delete BEFORE DELETE ON session_outcomes
BEGIN SELECT RAISE(ABORT, 'session_outcomes are written once: DELETE is not allowed'); END;

CREATE TABLE deleted_sessions (
  session     INTEGER PRIMARY KEY REFERENCES sessions (id),
  deleted_at  INTEGER NOT NULL
);
CREATE TRIGGER deleted_sessions_no_update BEFORE UPDATE ON deleted_sessions
BEGIN SELECT RAISE(ABORT, 'deleted_sessions: a deletion stands, UPDATE is not allowed'); END;
CREATE TRIGGER deleted_sessions_no_delete BEFORE DELETE ON deleted_sessions
BEGIN SELECT RAISE(ABORT, 'deleted_sessions: a deletion stands, DELETE is not allowed'); END;
`;
