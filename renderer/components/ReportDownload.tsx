import { useId, useState } from 'react';
import type { ExportResult, ReportArgs } from '../../engine/contract/index.js';
import { useApi } from '../api/api-context.js';
import { ipcBridge } from '../api/ipc.js';
import { pdfBridgeOf, saveEvidencePdf, type PdfBridge, type PdfSaved } from '../api/pdf-bridge.js';
import { errorMessage, fmtCount } from '../format.js';
import { SavedFile } from './SavedFile.js';
import { HiddenInTraining, useHidesAnswers } from './training/HiddenInTraining.js';
import { PdfOutcome } from './PdfOutcome.js';

type Format = ReportArgs['format'];
/** what is written: a report format, or the evidence pack (HTML, or the desktop app's PDF) */
type What = Format | 'evidence' | 'evidence-pdf';

type Status =
  | { readonly state: 'idle' }
  | { readonly state: 'running'; readonly what: What }
  | { readonly state: 'done'; readonly what: What; readonly result: ExportResult }
  | { readonly state: 'pdf'; readonly result: PdfSaved }
  | { readonly state: 'failed'; readonly what: What; readonly message: string };

const NAMES: Readonly<Record<What, string>> = {
  html: 'HTML report',
  csv: 'CSV report',
  json: 'JSON report',
  evidence: 'evidence pack',
  'evidence-pdf': 'evidence pack PDF',
};
const sentence = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

const FORMATS = [
  { format: 'html', label: 'HTML' },
  { format: 'csv', label: 'CSV' },
  { format: 'json', label: 'JSON' },
] as const;

/**
 * "Download report": the session's reconciliation report (self-contained HTML with charts, CSV for
 * a spreadsheet, or JSON) and its evidence pack (self-contained HTML; the desktop app also saves it
 * as PDF), written by the engine next to exports; a download link when the host serves them (the
 * browser host does), the file's path otherwise (the desktop app). Not offered in trainee mode: the
 * report names each gap's probable cause.
 */
export function ReportDownload() {
  const api = useApi();
  const [status, setStatus] = useState<Status>({ state: 'idle' });
  const labelId = useId();
  const evidenceId = useId();
  // the desktop app's "Save as PDF" (absent in the browser host)
  const [pdf] = useState(() => pdfBridgeOf(ipcBridge()));
  if (useHidesAnswers()) return <HiddenInTraining what="Download report (it names probable causes)" />;
  const run = (what: What, call: () => Promise<ExportResult>) => {
    setStatus({ state: 'running', what });
    call().then(
      (result) => setStatus({ state: 'done', what, result }),
      (err: unknown) => setStatus({ state: 'failed', what, message: errorMessage(err) }),
    );
  };
  const savePdf = (bridge: PdfBridge) => {
    setStatus({ state: 'running', what: 'evidence-pdf' });
    saveEvidencePdf(bridge, null).then(
      (result) => setStatus({ state: 'pdf', result }),
      (err: unknown) => setStatus({ state: 'failed', what: 'evidence-pdf', message: errorMessage(err) }),
    );
  };
  const busy = status.state === 'running';
  return (
    <div className="controls report-download">
      <span id={labelId}>Download report</span>
      <span role="group" aria-labelledby={labelId} className="report-formats">
        {FORMATS.map(({ format, label }) => (
          <button key={format} type="button" disabled={busy} onClick={() => run(format, () => api.commands['reports.reconcile']({ format }))} aria-label={`Download report as ${label}`}>
            {label}
          </button>
        ))}
      </span>
      <span id={evidenceId}>Evidence pack</span>
      <span role="group" aria-labelledby={evidenceId} className="report-formats">
        <button type="button" disabled={busy} onClick={() => run('evidence', () => api.commands['reports.evidence']({}))} aria-label="Download the evidence pack as HTML">
          HTML
        </button>
        {pdf && (
          <button type="button" disabled={busy} onClick={() => savePdf(pdf)} aria-label="Save the evidence pack as PDF">
            Save as PDF…
          </button>
        )}
      </span>
      <span className="report-status" role="status">
        {status.state === 'running' && `Writing the ${NAMES[status.what]}…`}
        {status.state === 'done' && (
          <SavedFile result={status.result}>
            {sentence(NAMES[status.what])} ({fmtCount(status.result.rows)} {status.what === 'evidence' ? 'events' : 'gaps and mismatches'}) saved to
          </SavedFile>
        )}
        {status.state === 'pdf' && <PdfOutcome result={status.result} />}
        {status.state === 'failed' && (
          <span className="error">
            {status.what === 'evidence' || status.what === 'evidence-pdf' ? sentence(NAMES[status.what]) : 'Report'} failed: {status.message}
          </span>
        )}
      </span>
    </div>
  );
}
