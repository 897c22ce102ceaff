import { useState } from 'react';
import type { ExportResult } from '../../../engine/contract/index.js';
import { useApi } from '../../api/api-context.js';
import { errorMessage, fmtCount } from '../../format.js';
import { fmtBytes } from './sessions-logic.js';
import { SavedFile } from '../SavedFile.js';
import { HiddenInTraining, useHidesAnswers } from '../training/HiddenInTraining.js';

type File = { readonly what: 'report' | 'export'; readonly format: string };
type Status =
  | { readonly state: 'idle' }
  | { readonly state: 'running'; readonly file: File }
  | { readonly state: 'done'; readonly file: File; readonly result: ExportResult }
  | { readonly state: 'failed'; readonly file: File; readonly message: string };

const REPORTS = ['html', 'csv', 'json'] as const;
const EXPORTS = [
  { format: 'csv', label: 'CSV' },
  { format: 'jsonl', label: 'JSON Lines' },
] as const;

const describe = (f: File): string => (f.what === 'report' ? `${f.format.toUpperCase()} report` : `${f.format === 'jsonl' ? 'JSON Lines' : 'CSV'} export`);

/**
 * A session's reconciliation report (`reports.reconcile`) or its events (`events.export`), as a
 * download link or a path. No report in trainee mode: it names each gap's probable cause.
 */
export function FilesAction({ session, initial }: { readonly session: number; readonly initial: 'report' | 'export' }) {
  const api = useApi();
  const [status, setStatus] = useState<Status>({ state: 'idle' });
  const hideReport = useHidesAnswers();
  const run = (file: File, call: () => Promise<ExportResult>) => {
    setStatus({ state: 'running', file });
    call().then(
      (result) => setStatus({ state: 'done', file, result }),
      (err: unknown) => setStatus({ state: 'failed', file, message: errorMessage(err) }),
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
          onClick={() => run({ what: 'report', format }, () => api.commands['reports.reconcile']({ session, format }))}
        >
          {format.toUpperCase()}
        </button>
      ))}
    </div>,
    <div key="export" className="controls" role="group" aria-label="Export events">
      <span className="ss-group-label">Events</span>
      {EXPORTS.map(({ format, label }) => (
        <button
          key={format}
          type="button"
          disabled={busy}
          aria-label={`Export events as ${label}`}
          onClick={() => run({ what: 'export', format }, () => api.commands['events.export']({ session, format }))}
        >
          {label}
        </button>
      ))}
    </div>,
  ];
  return (
    <>
      {initial === 'report' ? groups : [...groups].reverse()}
      <p role="status" className="ss-file-status">
        {status.state === 'running' && `Writing the ${describe(status.file)} of session ${session}…`}
        {status.state === 'done' && (
          <SavedFile result={status.result}>
            {describe(status.file)} ({fmtCount(status.result.rows)} {status.file.what === 'report' ? 'gaps and mismatches' : 'events'},{' '}
            {fmtBytes(status.result.bytes)}) saved to
          </SavedFile>
        )}
        {status.state === 'failed' && (
          <span className="error">
            {describe(status.file)} failed: {status.message}
          </span>
        )}
      </p>
    </>
  );
}
