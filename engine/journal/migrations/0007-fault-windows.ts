/**
 * 0007 — the windows of windowed faults. Shipped: never edit; add 0008-….ts instead.
 *
 * A windowed fault (`wan-outage`, `erp-outage`, `erp-rate-limit`) that met no message left no row,
 * so an outage that happened was not on record. The simulator now writes one `fault_ledger` row per
 * window and line when the window closes (effect `window`), with when it was active and how many
 * messages it affected there — possibly 0. Rows of other effects leave these columns NULL.
 */
export const sql = `
ALTER TABLE fault_ledger ADD COLUMN window_start TEXT;
ALTER TABLE fault_ledger ADD COLUMN window_end TEXT;
ALTER TABLE fault_ledger ADD COLUMN messages_affected INTEGER CHECK (messages_affected IS NULL OR messages_affected >= 0);
`;
