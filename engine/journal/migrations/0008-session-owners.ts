/**
 * 0008 — who runs a session. Shipped: never edit; add 0009-….ts instead.
 *
 * A session's `ended_at` stays NULL while it runs, and also forever when its process dies (a crash,
 * a kill, a power cut) before ending it. To tell the two apart, the writer records with each new
 * session the process that started it: host name, pid and — where the OS says — what identifies
 * that process beyond its pid (`process`: Linux boot id and start time), so a pid reused by another
 * process is not taken for the owner. A session still open whose owner is gone was interrupted.
 * Written once in the transaction that starts the session; sessions from before this migration
 * have no row (open ones among them were left by a process of an older build: interrupted too).
 */
export const sql = `
CREATE TABLE session_owners (
  session  INTEGER PRIMARY KEY REFERENCES sessions (id),
  host     TEXT    NOT NULL,
  pid      INTEGER NOT NULL,
  process  TEXT
);
CREATE TRIGGER session_owners_no_update BEFORE UPDATE ON session_owners
BEGIN SELECT RAISE(ABORT, 'session_owners are written once: UPDATE is not allowed'); END;
CREATE TRIGGER session_owners_no_delete BEFORE DELETE ON session_owners
BEGIN SELECT RAISE(ABORT, 'session_owners are written once: DELETE is not allowed'); END;
`;
