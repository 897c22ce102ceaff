/**
 * 0005 — the retain flag of a delivery. Shipped: never edit; add 0006-….ts instead.
 *
 * On subscribe, an MQTT broker sends each matching topic's retained message with its retain flag
 * set: old news — possibly days old — not a live event. `retained` records that (1) for an event
 * that arrived so; the monitor takes such events as state but not as timing (no latency sample,
 * queue place or gap by their age). It describes the delivery, not the event: it is not in the
 * envelope, so it is outside the session digest. Rows journaled before this migration were not
 * retained as far as anyone knows (0).
 */
export const sql = `
ALTER TABLE events ADD COLUMN retained INTEGER NOT NULL DEFAULT 0 CHECK (retained IN (0, 1));
`;
