/**
 * 0003 — the outbox: what Linesight publishes to a broker (injections, and later replays), kept on
 * disk until the broker acknowledges it. Shipped: never edit.
 *
 * Unlike the history tables a row changes once: `delivered_at` is set on the broker's PUBACK. Rows
 * are never deleted, so the journal also says what was published, where and when. `connection` is
 * the connection's name (never its credentials): the outbox of a connection is resumed, in `id`
 * order, by whichever later session opens a connection of that name.
 */
export const sql = `
CREATE TABLE outbox (
  id            INTEGER PRIMARY KEY,
  session       INTEGER NOT NULL REFERENCES sessions (id),
  connection    TEXT    NOT NULL,
  topic         TEXT    NOT NULL,
  payload       BLOB    NOT NULL,
  event_id      TEXT,
  created_at    INTEGER NOT NULL,
  delivered_at  INTEGER
);
CREATE INDEX outbox_pending ON outbox (connection, id) WHERE delivered_at IS NULL;

CREATE TRIGGER outbox_fixed BEFORE UPDATE OF id, session, connection, topic, payload, event_id, created_at ON outbox
BEGIN SELECT RAISE(ABORT, 'outbox: only delivered_at may be set after a row is written'); END;
CREATE TRIGGER outbox_delivered_once BEFORE UPDATE OF delivered_at ON outbox WHEN OLD.delivered_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'outbox: a delivered row stays delivered'); END;
CREATE TRIGGER outbox_no_delete BEFORE DELETE ON outbox
BEGIN SELECT RAISE(ABORT, 'outbox rows are kept: DELETE is not allowed'); END;
`;
