/**
 * Instants the engine writes into its texts — a gap's cause ("ERP changed the order quantity … at
 * 2026-03-02T05:20:00.000Z"), a dead letter's reason ("lot L7 expired on 2026-02-25T12:01:32.703Z")
 * — shown as every other time of the console is: in plant time, or UTC when the viewer asked for it.
 */
const INSTANT = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})/g;

/** `text` with each RFC 3339 instant in it replaced by `at(ms)`; anything that only looks like one is kept. */
export function instantsInText(text: string, at: (ms: number) => string): string {
  return text.replace(INSTANT, (m) => {
    const ms = Date.parse(m);
    return Number.isNaN(ms) ? m : at(ms);
  });
}
