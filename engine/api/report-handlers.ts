import { basename } from 'node:path';
import { writeReconciliationReport } from '../report/reconciliation-report.js';
import type { HostContext } from './host-context.js';
import type { Handlers } from './registry.js';

/** Reconciliation reports of a session, written beside exports and offered as downloads. */
export function reportHandlers(ctx: HostContext): Handlers<'reports.reconcile'> {
  return {
    async 'reports.reconcile'(args) {
      const format = args?.format;
      if (format !== 'html' && format !== 'csv' && format !== 'json') throw new Error(`format: expected "html", "csv" or "json", got ${JSON.stringify(format)}`);
      const session = ctx.journal.sessionOf(args.session);
      const written = await writeReconciliationReport(ctx.journalPath, session, format, ctx.exportDir);
      return { ...written, href: ctx.exportBaseUrl === null ? null : ctx.exportBaseUrl + encodeURIComponent(basename(written.path)) };
    },
  };
}
