import { useId, useState } from 'react';
import type { ExportResult, ReportArgs } from '../../engine/contract/index.js';
import { useApi } from '../api/api-context.js';
import { errorMessage, fmtCount } from '../format.js';
import { SavedFile } from './SavedFile.js';
import { HiddenInTraining, useHidesAnswers } from './training/HiddenInTraining.js';

type Format = ReportArgs['format'];

type Status =
  | { readonly state: 'idle' }
  | { readonly state: 'running'; readonly format: Format }
  | { readonly state: 'done'; readonly format: Format; readonly result: ExportResult }
  | { readonly state: 'failed'; readonly message: string };

const FORMATS = [
  { format: 'html', label: 'HTML' },
  { format: 'csv', label: 'CSV' },
  { format: 'json', label: 'JSON' },
] as const;

/**
 * "Download report": the session's reconciliation report (self-contained HTML with charts, CSV for
 * a spreadsheet, or JSON), written by the engine next to exports; a download link when the host
 * serves them (the browser host does), the file's path otherwise (the desktop app). Not offered
 * in trainee mode: the report names each gap's probable cause.
 */
export function ReportDownload() {
  const api = useApi();
  const [status, setStatus] = useState<Status>({ state: 'idle' });
  const labelId = useId();
  if (useHidesAnswers()) return <HiddenInTraining what="Download report (it names probable causes)" />;
  const run = (format: Format) => {
    setStatus({ state: 'running', format });
    api.commands['reports.reconcile']({ format }).then(
      (result) => setStatus({ state: 'done', format, result }),
      (err: unknown) => setStatus({ state: 'failed', message: errorMessage(err) }),
    );
  };
  return (
    <div className="controls report-download">
      <span id={labelId}>Download report</span>
      <span role="group" aria-labelledby={labelId} className="report-formats">
        {FORMATS.map(({ format, label }) => (
          <button key={format} type="button" disabled={status.state === 'running'} onClick={() => run(format)} aria-label={`Download report as ${label}`}>
            {label}
          </button>
        ))}
      </span>
      <span className="report-status" role="status">
        {status.state === 'running' && `Writing the ${status.format.toUpperCase()} report…`}
        {status.state === 'done' && (
          <SavedFile result={status.result}>
            {status.format.toUpperCase()} report ({fmtCount(status.result.rows)} gaps and mismatches) saved to
          </SavedFile>
        )}
        {status.state === 'failed' && <span className="error">Report failed: {status.message}</span>}
      </span>
    </div>
  );
}
