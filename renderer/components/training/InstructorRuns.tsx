import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { Debrief, TrainingRunSummary } from '../../../engine/contract/index.js';
import { useApi } from '../../api/api-context.js';
import { errorMessage } from '../../format.js';
import { selectConnection, selectTraining } from '../../store/selectors.js';
import { useStore, type Store } from '../../store/store.js';
import { fmtLocal } from '../sessions/sessions-logic.js';
import { DebriefView } from './DebriefView.js';
import { HiddenInTraining, useHidesAnswers } from './HiddenInTraining.js';
import { ariaSort, CSV_FILE, DEFAULT_RUN_SORT, fmtHoursMinutes, nextRunSort, RUN_COLUMNS, sortRuns, type RunSort } from './training-logic.js';

/** The session of a training run that has just finished (its run is new in the list), else null. */
const selectFinishedSession = (s: Store): number | null => {
  const t = selectTraining(s);
  return t?.state === 'finished' ? t.session : null;
};

type Opened = { readonly run: TrainingRunSummary } & ({ readonly debrief: Debrief } | { readonly error: string } | { readonly loading: true });

/** Hand text to the browser as a file download (an object URL, revoked once the click has been handled). */
function downloadText(text: string, name: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * The instructor's view: every scored trainee run in the journal, sortable by any column, exported
 * as CSV, and each run's debrief one click away. Hidden in trainee mode (other runs' debriefs would
 * give the answers away).
 */
export function InstructorRuns() {
  const hidden = useHidesAnswers();
  const titleId = useId();
  return (
    <section className="panel" aria-labelledby={titleId}>
      <h2 id={titleId}>Trainee runs</h2>
      {hidden ? <HiddenInTraining what="Every run and its debrief" /> : <RunsTable />}
    </section>
  );
}

function RunsTable() {
  const api = useApi();
  const connection = useStore(selectConnection);
  // a run finished in this console appears without a reload
  const finishedSession = useStore(selectFinishedSession);
  const [runs, setRuns] = useState<readonly TrainingRunSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [sort, setSort] = useState<RunSort>(DEFAULT_RUN_SORT);
  const [opened, setOpened] = useState<Opened | null>(null);
  const [csv, setCsv] = useState<{ busy: boolean; text: string | null }>({ busy: false, text: null });
  const debriefRef = useRef<HTMLDivElement>(null);

  const load = useCallback(() => {
    api.queries['training.runs']().then(
      (list) => {
        setRuns(list);
        setError(null);
      },
      (err: unknown) => setError(errorMessage(err)),
    );
  }, [api]);
  useEffect(() => {
    if (connection === 'open') load();
  }, [connection, load, finishedSession]);

  const shown = useMemo(() => (runs ? sortRuns(runs, sort) : []), [runs, sort]);

  const open = (run: TrainingRunSummary): void => {
    setOpened({ run, loading: true });
    api.queries['training.debrief']({ run: run.id }).then(
      (debrief) => {
        setOpened((cur) => (cur?.run.id === run.id ? { run, debrief } : cur));
        requestAnimationFrame(() => debriefRef.current?.scrollIntoView({ block: 'start' }));
      },
      (err: unknown) => setOpened((cur) => (cur?.run.id === run.id ? { run, error: errorMessage(err) } : cur)),
    );
  };
  const exportCsv = (): void => {
    setCsv({ busy: true, text: null });
    api.queries['training.runsCsv']().then(
      (text) => {
        downloadText(text, CSV_FILE, 'text/csv;charset=utf-8');
        setCsv({ busy: false, text: `${CSV_FILE} downloaded.` });
      },
      (err: unknown) => setCsv({ busy: false, text: `Export failed: ${errorMessage(err)}` }),
    );
  };

  return (
    <>
      <div className="controls">
        <button type="button" onClick={exportCsv} disabled={csv.busy || !runs || runs.length === 0}>
          Export CSV
        </button>
        <button type="button" onClick={load}>
          Refresh
        </button>
        <span role="status" className="muted">
          {csv.busy ? 'Exporting…' : (csv.text ?? (runs ? `${runs.length} ${runs.length === 1 ? 'run' : 'runs'} recorded` : ''))}
        </span>
      </div>
      {error !== null && <p className="error">Cannot list the runs: {error}</p>}
      {runs === null && error === null && <p className="muted">Loading the runs…</p>}
      {runs !== null && runs.length === 0 && <p className="empty">No trainee has finished an exercise in this journal yet.</p>}
      {shown.length > 0 && (
        <div className="table-wrap">
          <table className="data tr-runs" aria-label="Trainee runs">
            <thead>
              <tr>
                {RUN_COLUMNS.map((c) => (
                  <th key={c.key} scope="col" aria-sort={ariaSort(sort, c.key)} className={c.num ? 'num' : undefined}>
                    <button type="button" className="tr-sort" onClick={() => setSort((cur) => nextRunSort(cur, c.key))}>
                      {c.label}
                      <span aria-hidden="true" className="tr-sort-mark">
                        {sort.key === c.key ? (sort.dir === 'ascending' ? ' ▲' : ' ▼') : ''}
                      </span>
                    </button>
                  </th>
                ))}
                <th scope="col">Debrief</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((r) => (
                <tr key={r.id} aria-current={opened?.run.id === r.id ? 'true' : undefined}>
                  <td>{r.trainee}</td>
                  <td>{r.title}</td>
                  <td className="num">
                    {r.score} / {r.maxScore}
                  </td>
                  <td>{r.passed ? <span className="tr-ok">passed</span> : <span className="tr-alert">not passed</span>}</td>
                  <td className="num">{fmtHoursMinutes(r.timeMs)}</td>
                  <td className="num">{r.mistakes}</td>
                  <td className="num">{r.hints}</td>
                  <td>{fmtLocal(r.finishedAt)}</td>
                  <td>
                    <button type="button" className="tr-open" aria-label={`Debrief of ${r.trainee}, run ${r.id}`} onClick={() => open(r)}>
                      Open
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div ref={debriefRef} className="tr-opened">
        {opened !== null && 'loading' in opened && <p className="muted">Reading the debrief of run {opened.run.id}…</p>}
        {opened !== null && 'error' in opened && <p className="error">Cannot read the debrief of run {opened.run.id}: {opened.error}</p>}
        {opened !== null && 'debrief' in opened && (
          <>
            <DebriefView debrief={opened.debrief} title={`Debrief: ${opened.run.trainee} — ${opened.run.title} (run ${opened.run.id})`} />
            <div className="controls">
              <button type="button" onClick={() => setOpened(null)}>
                Close the debrief
              </button>
            </div>
          </>
        )}
      </div>
    </>
  );
}
