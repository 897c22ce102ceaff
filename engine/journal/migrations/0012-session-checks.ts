/**
 * 0012 — what a session's integration contract checks said when it ended. Shipped: never edit; add 0013-….ts instead.
 *
 * A session that checks the contract live (a simulation, a watch, a what-if, a replay to a broker,
 * `linesight run`) records with its outcome how many rules it checked (`checks_rules`), how many of
 * them failed (`checks_failed`) and which (`checks_failing`: their ids as a JSON list), judged at
 * the session's virtual time when it ended. NULL: not checked — a session recorded before this
 * migration, or an import.
 */
export const sql = `
ALTER TABLE session_outcomes ADD COLUMN checks_rules INTEGER CHECK (checks_rules >= 0);
ALTER TABLE session_outcomes ADD COLUMN checks_failed INTEGER CHECK (checks_failed >= 0 AND checks_failed <= checks_rules);
ALTER TABLE session_outcomes ADD COLUMN checks_failing TEXT;
`;
