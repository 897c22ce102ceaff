import { useId, useState } from 'react';
import type { Reconciliation } from '../../engine/contract/index.js';
import { useApi } from '../api/api-context.js';
import { errorMessage, fmtCount, fmtSimTime } from '../format.js';
import { lineageHref } from '../router.js';
import { ReportDownload } from './ReportDownload.js';
import { selectSimTime } from '../store/selectors.js';
import { useStore } from '../store/store.js';

type Run =
  | { readonly status: 'idle' }
  | { readonly status: 'running' }
  | { readonly status: 'done'; readonly result: Reconciliation; readonly ranAt: number | null }
  | { readonly status: 'failed'; readonly error: string };

/**
 * Compare MES and ERP field by field for every order the monitor holds, on demand. The result is a
 * snapshot: it is stamped with the session's virtual time when it came back and is not refreshed.
 */
export function ReconciliationPanel() {
  const api = useApi();
  const [run, setRun] = useState<Run>({ status: 'idle' });
  const titleId = useId();
  const start = (): void => {
    setRun({ status: 'running' });
    api.queries['reconciliation.run']().then(
      // read the clock once, when the answer arrives, instead of re-rendering on every frame
      (result) => setRun({ status: 'done', result, ranAt: selectSimTime(useStore.getState()) }),
      (err: unknown) => setRun({ status: 'failed', error: errorMessage(err) }),
    );
  };
  return (
    <section className="panel" aria-labelledby={titleId}>
      <h2 id={titleId}>Reconciliation</h2>
      <p className="controls">
        <button type="button" onClick={start} disabled={run.status === 'running'}>
          Run reconciliation
        </button>
        <span className="muted" role="status">
          {run.status === 'idle' && 'Compares confirmed, consumed and received quantities, holds and postings of every open order in MES and ERP.'}
          {run.status === 'running' && 'Comparing…'}
          {run.status === 'done' && `Ran at ${fmtSimTime(run.ranAt)} (simulated time).`}
        </span>
      </p>
      <ReportDownload />
      {run.status === 'failed' && <p className="error">Reconciliation failed: {run.error}</p>}
      {run.status === 'done' && <ReconciliationResult result={run.result} />}
    </section>
  );
}

/** A quantity with its unit (`28 EA`); a state as it is. */
const withUnit = (v: number | string, uom: string | undefined): string => (typeof v === 'number' && uom ? `${v.toLocaleString('en-US')} ${uom}` : String(v));

function ReconciliationResult({ result }: { readonly result: Reconciliation }) {
  const { ordersCompared, ordersMatched, mismatches } = result;
  return (
    <>
      <dl className="stats recon-stats">
        <dt>Orders compared</dt>
        <dd>{fmtCount(ordersCompared)}</dd>
        <dt>Orders matched</dt>
        <dd>{fmtCount(ordersMatched)}</dd>
        <dt>Mismatched fields</dt>
        <dd>{fmtCount(mismatches.length)}</dd>
      </dl>
      {mismatches.length === 0 ? (
        <p>{ordersCompared === 0 ? 'There were no orders to compare yet.' : 'MES and ERP agree on every order compared.'}</p>
      ) : (
        <div className="table-wrap">
          <table className="gaps">
            <caption className="muted">Fields where MES and ERP disagree</caption>
            <thead>
              <tr>
                <th scope="col">Order</th>
                <th scope="col">Line</th>
                <th scope="col">Field</th>
                <th scope="col" className="num">MES</th>
                <th scope="col" className="num">ERP</th>
              </tr>
            </thead>
            <tbody>
              {mismatches.map((m) => (
                <tr key={`${m.order}|${m.field}|${m.uom ?? ''}`}>
                  <td>
                    <a href={lineageHref(m.order)} aria-label={`Lineage of order ${m.order}`}>
                      {m.order}
                    </a>
                  </td>
                  <td>
                    {m.plant}/{m.line}
                  </td>
                  <td>
                    {m.field}
                    {m.note !== undefined && <span className="muted"> · {m.note}</span>}
                  </td>
                  <td className="num">{withUnit(m.mes, m.uom)}</td>
                  <td className="num">{withUnit(m.erp, m.uom)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
