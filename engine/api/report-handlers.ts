import { basename } from 'node:path';
import type { ExportResult } from '../contract/index.js';
import { version } from '../host/version.js';
import { checkCsvOptions } from '../journal/csv-format.js';
import { writeEvidencePack } from '../report/evidence.js';
import { writeReconciliationReport } from '../report/reconciliation-report.js';
import { loadRules } from '../scenario/rules-file.js';
import type { HostClock } from '../session/host-clock.js';
import type { HostContext } from './host-context.js';
import type { Handlers } from './registry.js';

/** What the report handlers take beyond the journal. */
export type ReportDeps = {
  /** the host's clock: an evidence pack's "generated" instant, and its file name */
  readonly clock: Pick<HostClock, 'epochMs'>;
  /** rules of the host's own beside the bundled ones (`linesight check --rules`), read at each pack */
  readonly rulesFile?: string;
};

/** Reconciliation reports and evidence packs of a session, written beside exports and offered as downloads. */
export function reportHandlers(ctx: HostContext, deps: ReportDeps): Handlers<'reports.reconcile' | 'reports.evidence'> {
  const served = (path: string): string | null => (ctx.exportBaseUrl === null ? null : ctx.exportBaseUrl + encodeURIComponent(basename(path)));
  return {
    async 'reports.reconcile'(args) {
      const format = args?.format;
      if (format !== 'html' && format !== 'csv' && format !== 'json') throw new Error(`format: expected "html", "csv" or "json", got ${JSON.stringify(format)}`);
      const session = ctx.journal.sessionOf(args.session);
      const csv = format === 'csv' && args.csv !== undefined ? checkCsvOptions(typeof args.csv === 'object' && args.csv !== null ? args.csv : { variant: args.csv }) : {};
      const written = await writeReconciliationReport(ctx.journalPath, session, format, ctx.exportDir, csv);
      return { ...written, href: served(written.path) };
    },
    async 'reports.evidence'(args): Promise<ExportResult> {
      const asked: unknown = args?.session;
      if (asked !== undefined && !(typeof asked === 'number' && Number.isSafeInteger(asked) && asked > 0)) {
        throw new Error(`session: expected a session id, got ${JSON.stringify(asked)}`);
      }
      const session = ctx.journal.sessionOf(asked);
      const written = await writeEvidencePack(ctx.journalPath, session, ctx.exportDir, {
        rules: loadRules(deps.rulesFile),
        version: version(),
        generatedAtMs: deps.clock.epochMs(),
      });
      // rows: the session's events the pack covers
      return { path: written.path, rows: written.pack.checks.events, bytes: written.bytes, href: served(written.path) };
    },
  };
}
