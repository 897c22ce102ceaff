import type { JournalHealth, JournalState } from '../../../engine/contract/index.js';

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

/** How long the background integrity check runs before the banner says so: a quick one is not worth a line. */
export const CHECKING_NOTICE_AFTER_MS = 2_000;

/** When the banner is drawn (`now`) and since when the console has seen the integrity check running (absent: not seen). */
export type BannerTime = { readonly now: number; readonly checkingSince?: number | undefined };

/**
 * What the banner says about the journal: writes it refuses — a watch's (`watch`, its connections'
 * state) or a simulation's (`health.writes`), one line either way: why, which file, the free space
 * in its folder, and that the session resumes by itself — a damaged journal replaced at start (both
 * paths), a background integrity check that found damage, and one still running 2 s after the
 * console saw it start (`time`). Nothing while all is well.
 */
export function journalBannerLines(watch: JournalState | undefined, health: JournalHealth | undefined, time?: BannerTime): BannerLine[] {
  const lines: BannerLine[] = [];
  const refusal = watch !== undefined && watch.state !== 'ok' ? refusalLine(watch, 'watch') : health?.writes !== undefined ? refusalLine(health.writes, 'run') : undefined;
  if (refusal !== undefined) lines.push(refusal);
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
  if (health?.integrity === 'checking' && time?.checkingSince !== undefined && time.now - time.checkingSince >= CHECKING_NOTICE_AFTER_MS) {
    lines.push({ tone: 'notice', title: 'Checking the journal', text: `The integrity check of ${health.path} runs in the background; you can work meanwhile.` });
  }
  return lines;
}

/** The journal refusing a session's writes, in one line: a watch's ingest or a simulation's run waits for it. */
function refusalLine(j: Exclude<JournalState, { readonly state: 'ok' }>, kind: 'watch' | 'run'): BannerLine {
  const file = j.path ?? 'the journal';
  const free = j.path !== undefined && j.freeBytes !== undefined && j.freeBytes !== null ? ` — ${formatBytes(j.freeBytes)} free in ${folderOf(j.path)}` : '';
  const stopped = j.state === 'failed';
  const after =
    kind === 'watch'
      ? stopped
        ? 'The watch stopped; what it had not stored was not acknowledged, so the broker keeps it for the next watch.'
        : 'Ingest is paused and resumes by itself: nothing is acknowledged to the broker, injected or imported until it is stored.'
      : stopped
        ? 'The run stopped after waiting for it; what was stored before stays in the journal. Start the session again once the journal takes writes.'
        : 'The run is paused and resumes by itself once the journal takes writes; injections and other actions are refused until then.';
  if (j.cause === 'busy') {
    return { tone: 'alert', title: 'Journal busy', text: `${file} is locked by another program (a second Linesight, an import, a database tool): ${j.reason}. ${after}` };
  }
  if (j.cause === 'full') return { tone: 'alert', title: 'Journal full', text: `${file} cannot grow: ${j.reason}${free}. Free some space there. ${after}` };
  return { tone: 'alert', title: 'Journal unavailable', text: `${file} refuses writes: ${j.reason}${free}. ${after}` };
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
