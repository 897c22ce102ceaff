import { useState } from 'react';
import type { EventFilter, ExportResult } from '../../../engine/contract/index.js';
import { useApi } from '../../api/api-context.js';
import { errorMessage, fmtCount } from '../../format.js';
import { CsvChoices, useCsvChoices } from '../CsvChoices.js';
import { SavedFile } from '../SavedFile.js';

type Status =
  | { readonly state: 'idle' }
  | { readonly state: 'running'; readonly format: string }
  | { readonly state: 'done'; readonly result: ExportResult }
  | { readonly state: 'failed'; readonly message: string };

const FORMATS = [
  { format: 'csv', label: 'Export CSV' },
  { format: 'jsonl', label: 'Export JSON Lines' },
] as const;

/** Write the applied filter's events to a file on the engine's machine, offering a download when the host serves one. */
export function ExportButtons({ filter }: { readonly filter: EventFilter | null }) {
  const api = useApi();
  const [status, setStatus] = useState<Status>({ state: 'idle' });
  const csvChoices = useCsvChoices();
  const run = (format: 'csv' | 'jsonl') => {
    if (filter === null) return;
    setStatus({ state: 'running', format });
    const csv = format === 'csv' ? { csv: csvChoices.options } : {};
    api.commands['events.export']({ ...filter, format, ...csv }).then(
      (result) => setStatus({ state: 'done', result }),
      (err: unknown) => setStatus({ state: 'failed', message: errorMessage(err) }),
    );
  };
  return (
    <div className="controls eb-export">
      {FORMATS.map(({ format, label }) => (
        <button key={format} type="button" disabled={filter === null || status.state === 'running'} onClick={() => run(format)}>
          {label}
        </button>
      ))}
      <fieldset className="eb-csv-options">
        <legend className="muted">CSV</legend>
        <CsvChoices choices={csvChoices} />
      </fieldset>
      <p className="eb-export-status" role="status">
        {status.state === 'running' && 'Exporting…'}
        {status.state === 'done' && (
          <SavedFile result={status.result}>Saved {fmtCount(status.result.rows)} events to</SavedFile>
        )}
        {status.state === 'failed' && <span className="error">Export failed: {status.message}</span>}
      </p>
    </div>
  );
}
