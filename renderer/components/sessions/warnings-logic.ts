/** Pure helpers for an import's warnings in the Sessions view. */
import type { ImportWarning, SessionSummary } from '../../../engine/contract/index.js';
import { fmtCount } from '../../format.js';

/** `1 warning`, `3 warnings`. */
export const warningsLabel = (n: number): string => `${fmtCount(n)} warning${n === 1 ? '' : 's'}`;

/** The warnings of a session by file, files in the order their first warning came (the order they were imported). */
export function warningsByFile(warnings: readonly ImportWarning[]): readonly { readonly file: string; readonly warnings: readonly ImportWarning[] }[] {
  const files = new Map<string, ImportWarning[]>();
  for (const w of warnings) {
    const list = files.get(w.file);
    if (list) list.push(w);
    else files.set(w.file, [w]);
  }
  return [...files].map(([file, list]) => ({ file, warnings: list }));
}

/** What the list leaves out when a session has more warnings than `sessions.list` carries; '' when none. */
export function moreWarnings(s: Pick<SessionSummary, 'warningCount' | 'warnings'>): string {
  const more = s.warningCount - s.warnings.length;
  return more <= 0 ? '' : `${fmtCount(more)} more not shown: \`linesight import\` printed every one, and the journal's import_warnings table keeps them all.`;
}
