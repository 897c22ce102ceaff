import type { PdfSaved } from '../api/pdf-bridge.js';

/** What became of "Save as PDF…" of an evidence pack: where the PDF went, or that it was not saved. */
export function PdfOutcome({ result }: { readonly result: PdfSaved }) {
  return result.saved ? (
    <>
      Evidence pack PDF saved to <code>{result.path}</code>
    </>
  ) : (
    'The evidence pack PDF was not saved (the save was cancelled).'
  );
}
