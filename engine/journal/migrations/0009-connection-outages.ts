/**
 * 0009 — when a watched broker connection was down. Shipped: never edit; add 0010-….ts instead.
 *
 * A watch session knew, in memory only, when each connection dropped and when the broker's next
 * CONNACK came (an `outage`), and the stretches in which the broker may have dropped what it held
 * for us because it kept no session (a `possible-gap`). Once the session ended nobody could tell.
 * One row per such stretch, keyed by where it began; times are wall-clock epoch ms. An outage is
 * written when the connection drops (`to_at` NULL) and its `to_at` set once, when it is back; a
 * session that ended while the connection was down leaves it NULL — the session's end bounds it.
 * A possible gap is known only once the connection is back, so it is written whole. No CHECK on
 * `to_at >= from_at`: both come from the wall clock, which may step back, and a refused row would
 * be lost. History otherwise: no DELETE, and no UPDATE but setting a NULL `to_at`.
 */
export const sql = `
CREATE TABLE connection_outages (
  session     INTEGER NOT NULL REFERENCES sessions (id),
  connection  TEXT    NOT NULL,
  kind        TEXT    NOT NULL CHECK (kind IN ('outage', 'possible-gap')),
  from_at     INTEGER NOT NULL,
  to_at       INTEGER,
  url         TEXT    NOT NULL,
  why         TEXT    NOT NULL,
  PRIMARY KEY (session, connection, kind, from_at)
);

CREATE TRIGGER connection_outages_no_update BEFORE UPDATE ON connection_outages
WHEN OLD.to_at IS NOT NULL OR NEW.to_at IS NULL
  OR NEW.session IS NOT OLD.session OR NEW.connection IS NOT OLD.connection OR NEW.kind IS NOT OLD.kind
  OR NEW.from_at IS NOT OLD.from_at OR NEW.url IS NOT OLD.url OR NEW.why IS NOT OLD.why
BEGIN SELECT RAISE(ABORT, 'connection_outages are history: only a NULL to_at may be set'); END;
CREATE TRIGGER connection_outages_no_delete BEFORE DELETE ON connection_outages
BEGIN SELECT RAISE(ABORT, 'connection_outages are history: DELETE is not allowed'); END;
`;
