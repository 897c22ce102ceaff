/**
 * 0010 — trainee runs of exercises, scored. Shipped: never edit; add 0011-….ts instead.
 *
 * One row per scored run: the journal session it ran in, who took which exercise, the score out of
 * what, the plant time it took, how many mistakes and hints, and the whole debrief as JSON (what the
 * instructor's view opens). The score is worked out from the session's journaled events; the row
 * keeps what it came to, so the instructor's list never replays a session. History: no UPDATE, no
 * DELETE; a deleted session's runs leave with its rows when the journal is compacted (a debrief quotes
 * the session's events).
 */
export const sql = `
CREATE TABLE training_runs (
  id          INTEGER PRIMARY KEY,
  session     INTEGER NOT NULL REFERENCES sessions (id),
  exercise    TEXT    NOT NULL,
  title       TEXT    NOT NULL,
  trainee     TEXT    NOT NULL,
  score       INTEGER NOT NULL,
  max_score   INTEGER NOT NULL,
  passed      INTEGER NOT NULL CHECK (passed IN (0, 1)),
  time_ms     INTEGER NOT NULL,
  mistakes    INTEGER NOT NULL,
  hints       INTEGER NOT NULL,
  debrief     TEXT    NOT NULL,
  finished_at INTEGER NOT NULL
);
CREATE INDEX training_runs_session ON training_runs (session);

CREATE TRIGGER training_runs_no_update BEFORE UPDATE ON training_runs
BEGIN SELECT RAISE(ABORT, 'training_runs are history: UPDATE is not allowed'); END;
CREATE TRIGGER training_runs_no_delete BEFORE DELETE ON training_runs
BEGIN SELECT RAISE(ABORT, 'training_runs are history: DELETE is not allowed'); END;
`;
