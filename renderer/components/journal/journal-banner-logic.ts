import type { JournalHealth, JournalState } from '../../../engine/api/contract.js';

/** Bytes as a person reads them: "0 B", "512 KiB", "3.2 GiB". */
export function formatBytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = Math.max(0, n);
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${u === 0 || v >= 10 ? Math.round(v) : v.toFixed(1)} ${units[u]}`;
}

/** The folder of a journal path, whichever separator it uses. */
const folderOf = (path: string): string => path.replace(/[\\/][^\\/]*$/, '') || path;

/** One message of the journal banner: `alert` for trouble now, `notice` for what the user should know. */
export type BannerLine = { readonly tone: 'alert' | 'notice'; readonly title: string; readonly text: string };

/**
 * What the banner says about the journal: a watch's journal refusing writes (why, which file, the
 * free space in its folder, and that ingest resumes by itself), a damaged journal replaced at start
 * (both paths), and a background integrity check that found damage. Nothing while all is well.
 */
export function journalBannerLines(watch: JournalState | undefined, health: JournalHealth | undefined): BannerLine[] {
  const lines: BannerLine[] = [];
  if (watch !== undefined && watch.state !== 'ok') {
    const file = watch.path ?? 'the journal';
    const free = watch.path !== undefined && watch.freeBytes !== undefined && watch.freeBytes !== null ? ` — ${formatBytes(watch.freeBytes)} free in ${folderOf(watch.path)}` : '';
    const stopped = watch.state === 'failed';
    const after = stopped
      ? 'The watch stopped; what it had not stored was not acknowledged, so the broker keeps it for the next watch.'
      : 'Ingest is paused and resumes by itself: nothing is acknowledged to the broker, injected or imported until it is stored.';
    if (watch.cause === 'busy') {
      lines.push({ tone: 'alert', title: 'Journal busy', text: `${file} is locked by another program (a second Linesight, an import, a database tool): ${watch.reason}. ${after}` });
    } else if (watch.cause === 'full') {
      lines.push({ tone: 'alert', title: 'Journal full', text: `${file} cannot grow: ${watch.reason}${free}. Free some space there. ${after}` });
    } else {
      lines.push({ tone: 'alert', title: 'Journal unavailable', text: `${file} refuses writes: ${watch.reason}${free}. ${after}` });
    }
  }
  if (health?.replaced !== undefined) {
    lines.push({
      tone: 'notice',
      title: 'Damaged journal set aside',
      text: `${health.replaced.path} is damaged (${health.replaced.problem}). It was left untouched and can still be read to export its sessions (linesight export ${health.replaced.path}); new sessions go to ${health.path}.`,
    });
  }
  if (health?.integrity === 'damaged') {
    lines.push({
      tone: 'alert',
      title: 'Journal damaged',
      text: `The integrity check of ${health.path} found: ${(health.problems ?? []).slice(0, 3).join('; ')}. Export the sessions you need and start a new journal.`,
    });
  }
  return lines;
}

/** A watch session's journal trouble in words (`detail`: and what it means), or null while it takes what arrives. */
export function journalNotice(j: JournalState | undefined, detail = false): string | null {
  if (j === undefined || j.state === 'ok') return null;
  const text = `journal unavailable: ${j.reason}`;
  if (!detail) return text;
  // the banner names the file and its folder's free space; here, what kind of trouble it is
  const busy = j.state === 'unavailable' && j.cause === 'busy' ? ' — journal busy: another program holds its write lock; ingest resumes by itself when it lets go' : '';
  return j.state === 'failed'
    ? `${text} — the watch stopped; what it had not stored was not acknowledged, so the broker keeps it for the next watch${busy}`
    : `${text} — retrying; nothing is acknowledged to the broker until it is stored${busy}`;
}
