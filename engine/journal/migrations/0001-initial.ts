/**
 * 0001 — the first journal schema. Shipped: never edit; add 0002-….ts instead.
 *
 * Plain tables (no STRICT, no generated columns) so that any SQLite ≥ 3.8 tool can open the file.
 * Every index is paid for on each insert, so only the lookups the UI and tests make are indexed.
 * A secondary index ends with the row id (`seq`), so `(session, x)` also returns rows in journal order.
 * There is deliberately no index on `events (session)` alone: `sessions.first_seq` (a lower bound
 * on the session's positions, fixed at start — rows are never deleted, so `seq` only grows) lets a
 * whole-session scan walk the primary key from there instead.
 */
export const sql = `
CREATE TABLE sessions (
  id          INTEGER PRIMARY KEY,
  scenario    TEXT    NOT NULL,
  seed        INTEGER,
  kind        TEXT    NOT NULL CHECK (kind IN ('simulation', 'live', 'replay', 'import')),
  started_at  INTEGER NOT NULL,
  ended_at    INTEGER,
  meta        TEXT    NOT NULL DEFAULT '{}',
  first_seq   INTEGER NOT NULL
);

CREATE TABLE events (
  seq            INTEGER PRIMARY KEY,
  session        INTEGER NOT NULL REFERENCES sessions (id),
  id             TEXT    NOT NULL,
  type           TEXT    NOT NULL,
  source         TEXT    NOT NULL,
  plant          TEXT    NOT NULL,
  line           TEXT    NOT NULL,
  order_id       TEXT,
  lot            TEXT,
  businesskey    TEXT    NOT NULL,
  correlationid  TEXT    NOT NULL,
  causationid    TEXT,
  sequence       INTEGER NOT NULL,
  time           TEXT    NOT NULL,
  received_at    INTEGER NOT NULL,
  data           TEXT    NOT NULL,
  envelope       TEXT    NOT NULL,
  UNIQUE (session, id)
);

CREATE INDEX events_order       ON events (session, order_id)    WHERE order_id IS NOT NULL;
CREATE INDEX events_lot         ON events (session, lot)         WHERE lot IS NOT NULL;
CREATE INDEX events_businesskey ON events (session, businesskey);
CREATE INDEX events_causation   ON events (session, causationid) WHERE causationid IS NOT NULL;
CREATE INDEX events_line        ON events (session, line);
CREATE INDEX events_type        ON events (session, type);

CREATE TABLE quarantine (
  id           INTEGER PRIMARY KEY,
  session      INTEGER NOT NULL REFERENCES sessions (id),
  source       TEXT    NOT NULL,
  reason       TEXT    NOT NULL,
  detail       TEXT    NOT NULL,
  raw          BLOB    NOT NULL,
  time         TEXT    NOT NULL,
  received_at  INTEGER NOT NULL
);
CREATE INDEX quarantine_session ON quarantine (session);

CREATE TABLE fault_ledger (
  id             INTEGER PRIMARY KEY,
  session        INTEGER NOT NULL REFERENCES sessions (id),
  time           TEXT    NOT NULL,
  kind           TEXT    NOT NULL,
  effect         TEXT    NOT NULL,
  plant          TEXT    NOT NULL,
  line           TEXT    NOT NULL,
  message_id     TEXT,
  message_type   TEXT,
  businesskey    TEXT,
  order_id       TEXT,
  needs_posting  INTEGER NOT NULL CHECK (needs_posting IN (0, 1)),
  detail         TEXT    NOT NULL
);
CREATE INDEX fault_ledger_session ON fault_ledger (session);

-- History is append-only: what was journaled stays as it was, so digests and replays hold.
CREATE TRIGGER events_no_update BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only: UPDATE is not allowed'); END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only: DELETE is not allowed'); END;
CREATE TRIGGER quarantine_no_update BEFORE UPDATE ON quarantine
BEGIN SELECT RAISE(ABORT, 'quarantine is append-only: UPDATE is not allowed'); END;
CREATE TRIGGER quarantine_no_delete BEFORE DELETE ON quarantine
BEGIN SELECT RAISE(ABORT, 'quarantine is append-only: DELETE is not allowed'); END;
CREATE TRIGGER fault_ledger_no_update BEFORE UPDATE ON fault_ledger
BEGIN SELECT RAISE(ABORT, 'fault_ledger is append-only: UPDATE is not allowed'); END;
CREATE TRIGGER fault_ledger_no_delete BEFORE DELETE ON fault_ledger
BEGIN SELECT RAISE(ABORT, 'fault_ledger is append-only: DELETE is not allowed'); END;

-- A session is fixed once started; only its end is filled in later.
CREATE TRIGGER sessions_fixed BEFORE UPDATE OF id, scenario, seed, kind, started_at, meta, first_seq ON sessions
BEGIN SELECT RAISE(ABORT, 'sessions: only ended_at may be set after start'); END;
CREATE TRIGGER sessions_no_delete BEFORE DELETE ON sessions
BEGIN SELECT RAISE(ABORT, 'sessions are append-only: DELETE is not allowed'); END;
`;
