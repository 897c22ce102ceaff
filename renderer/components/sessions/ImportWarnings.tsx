import { Fragment } from 'react';
import type { SessionSummary } from '../../../engine/contract/index.js';
import { moreWarnings, warningsByFile, warningsLabel } from './warnings-logic.js';

/**
 * What an import assumed where its files left something out that their format makes optional
 * (a B2MML due date, work center, a lot's material): one table per file, each row the element and
 * what was assumed. The events were imported all the same.
 */
export function ImportWarnings({ summary }: { readonly summary: SessionSummary }) {
  if (summary.warningCount === 0) return <p className="muted">This session's import assumed nothing: no warnings.</p>;
  const more = moreWarnings(summary);
  return (
    <div className="ss-warnings">
      <p>
        {warningsLabel(summary.warningCount)}: the import took these from around the element or assumed them, and imported the files all the same.
      </p>
      {warningsByFile(summary.warnings).map(({ file, warnings }) => (
        <table key={file} className="data ss-warn-table" aria-label={`Warnings of ${file}`}>
          <caption>
            <code>{file}</code> — {warningsLabel(warnings.length)}
          </caption>
          <thead>
            <tr>
              <th scope="col">Element</th>
              <th scope="col">What was missing and what was assumed</th>
            </tr>
          </thead>
          <tbody>
            {warnings.map((w, i) => (
              <tr key={i}>
                <td>
                  <code>{w.path === '' ? '(the file)' : <ElementPath path={w.path} />}</code>
                </td>
                <td>{w.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
      {more !== '' && <p className="muted">{more}</p>}
    </div>
  );
}

/** An element path that may break after each `/` rather than inside a name. */
function ElementPath({ path }: { readonly path: string }) {
  return path.split('/').map((step, i) => (
    <Fragment key={i}>
      {i > 0 && (
        <>
          /<wbr />
        </>
      )}
      {step}
    </Fragment>
  ));
}
