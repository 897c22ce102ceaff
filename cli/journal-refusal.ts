import { dirname } from 'node:path';
import { refusalDetail } from '../engine/journal/journal-refusal.js';

const mib = (n: number): string => `${(n / 1024 / 1024).toFixed(n < 10 * 1024 * 1024 ? 1 : 0)} MiB`;

/** "12 MiB free in /data": the free space beside a journal, as every terminal message says it. */
export const freeSpaceText = (path: string, freeBytes: number): string => `${mib(freeBytes)} free in ${dirname(path)}`;

/**
 * A journal that refused what a command wrote, in one message: which file, what kind of refusal,
 * what to do — and that nothing of `what` was kept. Other errors keep their own message.
 */
export function journalRefusalMessage(err: unknown, path: string, what: string): string {
  const text = (err as Error)?.message ?? String(err);
  const d = refusalDetail(err, path);
  const free = d.freeBytes === undefined || d.freeBytes === null ? '' : `; ${freeSpaceText(path, d.freeBytes)}`;
  switch (d.cause) {
    case 'full':
      return `journal ${path} is full (${text}${free}): ${what} was refused and nothing of it was kept — free some space and run it again`;
    case 'busy':
      return `journal ${path} is busy: another program holds its write lock (${text}): ${what} was refused and nothing of it was kept — run it again once that program lets go`;
    case 'read-only':
      return `journal ${path} may not be written (${text}): ${what} was refused`;
    default:
      return text;
  }
}
