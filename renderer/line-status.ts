import type { LineStats } from '../engine/contract/index.js';

export type LineHealth = 'ok' | 'pending' | 'alert';

/** Total open dead letters of a line, over all categories. */
export const exceptionTotal = (l: LineStats): number =>
  Object.values(l.exceptions).reduce((a, b) => a + b, 0);

/** Open dead letters by category in words (`business rule 2 · data quality 5`), or `none`. */
export function exceptionsText(l: LineStats, labels: Readonly<Record<string, string>>): string {
  if (exceptionTotal(l) === 0) return 'none';
  return Object.entries(l.exceptions)
    .filter(([, n]) => n > 0)
    .map(([cat, n]) => `${labels[cat] ?? cat} ${n}`)
    .join(' · ');
}

/**
 * Tile state: alert (red) when the line has open gaps or exceptions, pending (amber) when messages
 * still wait for the other side, ok (green) otherwise. The label carries the state in words, so
 * colour is never the only signal.
 */
export function lineHealth(l: LineStats): { readonly health: LineHealth; readonly label: string } {
  const exceptions = exceptionTotal(l);
  if (l.openGaps > 0 || exceptions > 0) {
    const parts: string[] = [];
    if (l.openGaps > 0) parts.push(`${l.openGaps} open ${l.openGaps === 1 ? 'gap' : 'gaps'}`);
    if (exceptions > 0) parts.push(`${exceptions} ${exceptions === 1 ? 'exception' : 'exceptions'}`);
    return { health: 'alert', label: `Attention: ${parts.join(', ')}` };
  }
  if (l.queueDepth > 0) return { health: 'pending', label: `Pending: ${l.queueDepth} in queue` };
  return { health: 'ok', label: 'In sync' };
}
