import type { ReactNode } from 'react';
import type { ExportResult } from '../../engine/contract/index.js';

/** "… saved to PATH — Download": where an export or report went, with a link when the host serves it. */
export function SavedFile({ result, children }: { readonly result: ExportResult; readonly children: ReactNode }) {
  return (
    <>
      {children} <code>{result.path}</code>
      {result.href !== null && (
        <>
          {' '}
          <a href={result.href} download>
            Download
          </a>
        </>
      )}
    </>
  );
}
