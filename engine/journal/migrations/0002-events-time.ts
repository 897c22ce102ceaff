/**
 * 0002 — an index for time-range pages and exports of the event browser. Shipped: never edit.
 *
 * Only a filter by time alone uses it (see events-page.ts): the equality indexes already walk their
 * rows in journal order, and a time condition rides along on them. Like the others it starts with
 * `session` and ends in `seq`, so a page's positions are read from the index without touching rows.
 */
export const sql = `
CREATE INDEX events_time ON events (session, time);
`;
