// SEAM (issue 5, reports): filled in by the reports work. Signatures are what engine/api and cli use.

export type ReportFormat = 'html' | 'csv' | 'json';

/** Write the reconciliation report of `session` of the journal at `journalPath` into `dir`. */
export async function writeReconciliationReport(_journalPath: string, _session: number, _format: ReportFormat, _dir: string): Promise<{ path: string; rows: number; bytes: number }> {
  throw new Error('reports are not available yet');
}
