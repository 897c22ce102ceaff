/**
 * 0006 — what an import assumed. Shipped: never edit; add 0007-….ts instead.
 *
 * A B2MML document may leave out much that the schema makes optional (a due date, a work center,
 * a lot's material); the import takes it from around the element or assumes it, and keeps one row
 * per assumption with the session it made, so the session list can say what was guessed. Written
 * once, in the transaction that starts the session; history like the events, so append-only.
 */
export const sql = `
CREATE TABLE import_warnings (
  id       INTEGER PRIMARY KEY,
  session  INTEGER NOT NULL REFERENCES sessions (id),
  file     TEXT    NOT NULL,
  path     TEXT    NOT NULL,
  message  TEXT    NOT NULL
);
CREATE INDEX import_warnings_session ON import_warnings (session);

CREATE TRIGGER import_warnings_no_update BEFORE UPDATE ON import_warnings
BEGIN SELECT RAISE(ABORT, 'import_warnings are append-only: UPDATE is not allowed'); END;
CREATE TRIGGER import_warnings_no_delete BEFORE DELETE ON import_warnings
BEGIN SELECT RAISE(ABORT, 'import_warnings are append-only: DELETE is not allowed'); END;
`;
