import { useState } from 'react';
import type { ExportResult } from '../../../engine/contract/index.js';
import { useApi } from '../../api/api-context.js';
import { ipcBridge } from '../../api/ipc.js';
import { pdfBridgeOf, saveEvidencePdf, type PdfSaved } from '../../api/pdf-bridge.js';
import { errorMessage, fmtCount } from '../../format.js';
import { fmtBytes } from './sessions-logic.js';
import { CsvChoices, useCsvChoices } from '../CsvChoices.js';
import { SavedFile } from '../SavedFile.js';
import { HiddenInTraining, useHidesAnswers } from '../training/HiddenInTraining.js';
import { PdfOutcome } from '../PdfOutcome.js';

type File = { readonly what: 'report' | 'export' | 'evidence'; readonly format: string };
type Status =
  | { readonly state: 'idle' }
  | { readonly state: 'running'; readonly file: File }
  | { readonly state: 'done'; readonly file: File; readonly result: ExportResult }
  | { readonly state: 'pdf'; readonly file: File; readonly result: PdfSaved }
  | { readonly state: 'failed'; readonly file: File; readonly message: string };

const REPORTS = ['html', 'csv', 'json'] as const;
const EXPORTS = [
  { format: 'csv', label: 'CSV' },
  { format: 'jsonl', label: 'JSON Lines' },
] as const;

const describe = (f: File): string =>
  f.what === 'report'
    ? `${f.format.toUpperCase()} report`
    : f.what === 'evidence'
      ? `evidence pack${f.format === 'pdf' ? ' PDF' : ''}`
      : `${f.format === 'jsonl' ? 'JSON Lines' : 'CSV'} export`;
const sentence = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
const EVIDENCE_HTML: File = { what: 'evidence', format: 'html' };
const EVIDENCE_PDF: File = { what: 'evidence', format: 'pdf' };

/**
 * A session's reconciliation report (`reports.reconcile`), evidence pack (`reports.evidence`; in the
 * desktop app also saved as PDF) or its events (`events.export`), as a download link or a path. No
 * report or pack in trainee mode: they name each gap's probable cause.
 */
export function FilesAction({ session, initial }: { readonly session: number; readonly initial: 'report' | 'export' }) {
  const api = useApi();
  const [status, setStatus] = useState<Status>({ state: 'idle' });
  const csvChoices = useCsvChoices();
  const csvOptions = csvChoices.options;
  const hideReport = useHidesAnswers();
  // the desktop app's "Save as PDF" (absent in the browser host)
  const [pdf] = useState(() => pdfBridgeOf(ipcBridge()));
  const run = (file: File, call: () => Promise<ExportResult>) => {
    setStatus({ state: 'running', file });
    call().then(
      (result) => setStatus({ state: 'done', file, result }),
      (err: unknown) => setStatus({ state: 'failed', file, message: errorMessage(err) }),
    );
  };
  const savePdf = (bridge: NonNullable<typeof pdf>) => {
    setStatus({ state: 'running', file: EVIDENCE_PDF });
    saveEvidencePdf(bridge, session).then(
      (result) => setStatus({ state: 'pdf', file: EVIDENCE_PDF, result }),
      (err: unknown) => setStatus({ state: 'failed', file: EVIDENCE_PDF, message: errorMessage(err) }),
    );
  };
  const busy = status.state === 'running';
  const groups = [
    <div key="report" className="controls" role="group" aria-label="Reconciliation report">
      <span className="ss-group-label">Reconciliation report</span>
      {hideReport && <HiddenInTraining inline what="It names probable causes" />}
      {!hideReport && REPORTS.map((format) => (
        <button
          key={format}
          type="button"
          disabled={busy}
          aria-label={`Report as ${format.toUpperCase()}`}
          onClick={() => run({ what: 'report', format }, () => api.commands['reports.reconcile']({ session, format, ...(format === 'csv' ? { csv: csvOptions } : {}) }))}
        >
          {format.toUpperCase()}
        </button>
      ))}
    </div>,
    <div key="evidence" className="controls" role="group" aria-label="Evidence pack">
      <span className="ss-group-label">Evidence pack</span>
      {hideReport && <HiddenInTraining inline what="It names probable causes" />}
      {!hideReport && (
        <>
          <button type="button" disabled={busy} aria-label="Evidence pack as HTML" onClick={() => run(EVIDENCE_HTML, () => api.commands['reports.evidence']({ session }))}>
            HTML
          </button>
          {pdf && (
            <button type="button" disabled={busy} aria-label="Save the evidence pack as PDF" onClick={() => savePdf(pdf)}>
              Save as PDF…
            </button>
          )}
        </>
      )}
    </div>,
    <div key="export" className="controls" role="group" aria-label="Export events">
      <span className="ss-group-label">Events</span>
      {EXPORTS.map(({ format, label }) => (
        <button
          key={format}
          type="button"
          disabled={busy}
          aria-label={`Export events as ${label}`}
          onClick={() => run({ what: 'export', format }, () => api.commands['events.export']({ session, format, ...(format === 'csv' ? { csv: csvOptions } : {}) }))}
        >
          {label}
        </button>
      ))}
    </div>,
  ];
  return (
    <>
      {initial === 'report' ? groups : [...groups].reverse()}
      <div className="controls" role="group" aria-label="CSV options">
        <span className="ss-group-label">CSV files</span>
        <CsvChoices choices={csvChoices} />
      </div>
      <p role="status" className="ss-file-status">
        {status.state === 'running' && `Writing the ${describe(status.file)} of session ${session}…`}
        {status.state === 'done' && (
          <SavedFile result={status.result}>
            {sentence(describe(status.file))} ({fmtCount(status.result.rows)} {status.file.what === 'report' ? 'gaps and mismatches' : 'events'},{' '}
            {fmtBytes(status.result.bytes)}) saved to
          </SavedFile>
        )}
        {status.state === 'pdf' && <PdfOutcome result={status.result} />}
        {status.state === 'failed' && (
          <span className="error">
            {sentence(describe(status.file))} failed: {status.message}
          </span>
        )}
      </p>
    </>
  );
}
