import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  compactJournal,
  listSessions,
  normalizeLabel,
  openJournalReader,
  openJournalWriter,
  sessionState,
  type Journal,
  type SessionRow,
} from '../../engine/journal/index.js';
// Not re-exported by the journal's index: it speaks the API's SessionSummary, and the API imports the journal.
import { sessionSummaries } from '../../engine/journal/sessions-admin.js';
import { deletedSessionDetails } from '../../engine/api/audit.js';
import { defaultOperator } from '../../engine/api/operator-actions.js';
import type { SessionSummary } from '../../engine/index.js';
import { unlockEngineer } from '../engineer.js';
import { UsageError } from '../errors.js';
import { parseOptions } from '../parse-options.js';
import { renderTable } from '../table.js';

export const SESSIONS_USAGE = `linesight sessions <journal> [--json]
linesight sessions <journal> --rename ID NAME | --note ID TEXT | --delete ID | --compact

  Lists the sessions of a journal, newest first: id, kind, name, scenario, seed, start and end
  (UTC), events, open gaps and exceptions at the end, the integration contract checks at the end
  ("7 hold", or "1/7 fail": how many of the rules failed; "—" when the session recorded none — an
  import, or one from before sessions recorded them; linesight check says which and why), and the
  digest's first 12 characters.
  A session whose process died before ending it shows "interrupted" as its end, followed by a
  line with its last committed event.
  --json         print the list as JSON (every field, the whole digest)
  --rename ID NAME  name session ID (at most 200 characters; "" clears the name)
  --note ID TEXT    annotate session ID (at most 4000 characters; "" clears the note)
  --delete ID       delete session ID without asking: it disappears from every list at once and
                    the journal is rewritten without it (prints the file size before and after).
                    Close Linesight and other SQLite tools on the journal first.
  --compact         rewrite the journal without the sessions deleted so far (if a delete could not
                    compact because the journal was open elsewhere)

  Exit codes: 0 done · 2 bad input (no such journal or session, a name too long) · 3 failed`;

/** A session number from the command line. */
export function parseSessionId(text: string, flag: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(n) || n < 1) throw new UsageError(`${flag}: expected a session number, got "${text}"`);
  return n;
}

/** Open an existing journal to read (upgrading an older one); a missing file is bad input. */
export function openReader(path: string): Journal {
  if (!existsSync(path)) throw new UsageError(`no journal at ${path}`);
  return openJournalReader(path);
}

/** Refuse, as bad input, a session that the journal does not list. */
export function checkListed(j: Journal, session: number): void {
  const state = sessionState(j.db, session);
  if (state === 'missing') throw new UsageError(`${j.path} has no session ${session}`);
  if (state === 'deleted') throw new UsageError(`session ${session} was deleted`);
}

/** `linesight sessions`: returns the process exit code. */
export async function sessionsCommand(argv: readonly string[], out: NodeJS.WritableStream = process.stdout): Promise<number> {
  const { values, positionals } = parseOptions(
    argv,
    { json: { type: 'boolean' }, rename: { type: 'string' }, note: { type: 'string' }, delete: { type: 'string' }, compact: { type: 'boolean' } } as const,
    SESSIONS_USAGE,
  );
  const actions = (['rename', 'note', 'delete', 'compact'] as const).filter((a) => values[a] !== undefined);
  if (actions.length > 1) throw new UsageError(`give one of --rename, --note, --delete, --compact at a time\n\n${SESSIONS_USAGE}`);
  const action = actions[0];
  const wanted = action === 'rename' || action === 'note' ? 2 : 1;
  if (positionals.length !== wanted) {
    const what = action === 'rename' ? 'a journal file and the new name' : action === 'note' ? 'a journal file and the note' : 'one journal file';
    throw new UsageError(`sessions needs ${what}\n\n${SESSIONS_USAGE}`);
  }
  const path = resolve(positionals[0]!);
  const reader = openReader(path);
  if (action === 'compact') {
    reader.close();
    const { bytesBefore, bytesAfter, removedSessions } = compactJournal(path);
    const which = removedSessions.length === 0 ? 'no deleted sessions' : `deleted session${removedSessions.length === 1 ? '' : 's'} ${removedSessions.join(', ')}`;
    out.write(`compacted ${path} (${which}): ${bytes(bytesBefore)} → ${bytes(bytesAfter)}\n`);
    return 0;
  }
  if (action === undefined) {
    try {
      const list = sessionSummaries(reader.db);
      out.write(values.json ? `${JSON.stringify(list, null, 2)}\n` : `${sessionsTable(list)}\n`);
    } finally {
      reader.close();
    }
    return 0;
  }
  const session = parseSessionId(values[action]!, `--${action}`);
  let row: SessionRow | undefined;
  try {
    checkListed(reader, session);
    row = listSessions(reader.db).find((s) => s.id === session);
  } finally {
    reader.close();
  }
  if (action === 'delete') {
    const role = await unlockEngineer('deleting a session');
    const writer = await openJournalWriter(path);
    try {
      await writer.markDeleted(session);
      // recorded in the audit log like a deletion in the console, before compaction (which keeps it)
      await writer.appendAudit({ who: defaultOperator(), role, action: 'sessions.delete', session, target: String(session), details: deletedSessionDetails(row) });
    } finally {
      await writer.close();
    }
    let compacted;
    try {
      compacted = compactJournal(path);
    } catch (err) {
      throw new Error(`session ${session} is deleted, but the journal was not compacted: ${(err as Error).message}; then run \`linesight sessions ${positionals[0]!} --compact\``, { cause: err });
    }
    const { bytesBefore, bytesAfter } = compacted;
    out.write(`deleted session ${session} from ${path}: ${bytes(bytesBefore)} → ${bytes(bytesAfter)}\n`);
    return 0;
  }
  let label;
  try {
    label = normalizeLabel(action === 'rename' ? { name: positionals[1] } : { note: positionals[1] });
  } catch (err) {
    throw new UsageError(`--${action}: ${(err as Error).message}`);
  }
  const writer = await openJournalWriter(path);
  try {
    await writer.labelSession(session, label);
  } finally {
    await writer.close();
  }
  const text = action === 'rename' ? label.name : label.note;
  out.write(`session ${session} ${action === 'rename' ? 'name' : 'note'}: ${text === null || text === undefined ? '(cleared)' : text}\n`);
  return 0;
}

function bytes(n: number): string {
  const unit = n >= 1024 ** 3 ? ['GiB', 1024 ** 3] : n >= 1024 ** 2 ? ['MiB', 1024 ** 2] : ['KiB', 1024];
  return `${(n / (unit[1] as number)).toFixed(1)} ${unit[0] as string} (${n.toLocaleString('en-US')} bytes)`;
}

/** `2026-03-02 06:00:00` (UTC) of an RFC 3339 instant. */
const wall = (iso: string | null) => (iso === null ? '—' : iso.slice(0, 19).replace('T', ' '));
const clip = (text: string | null, max: number) => (text === null ? '' : text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** One line per interrupted session: what it committed last, which is what a replay or report of it covers. */
function interruptions(list: readonly SessionSummary[]): string {
  const lines = list.flatMap((s) => {
    if (!s.interrupted) return [];
    const last = s.interrupted.lastEvent;
    return [
      `session ${s.id} was interrupted (its process died before ending it): ` +
        (last === null ? 'it committed no event' : `last committed event ${last.id} (${last.type}, seq ${last.seq}) received ${wall(last.receivedAt)}`),
    ];
  });
  return lines.length === 0 ? '' : `\n\n${lines.join('\n')}`;
}

/** `7 hold`, `1/7 fail`, or `—` when the session recorded no checks. */
function checksText(c: SessionSummary['checks']): string {
  if (c === null) return '—';
  return c.failed === 0 ? `${c.rules} hold` : `${c.failed}/${c.rules} fail`;
}

function sessionsTable(list: readonly SessionSummary[]): string {
  if (list.length === 0) return 'no sessions';
  return `${renderSessions(list)}${interruptions(list)}`;
}

function renderSessions(list: readonly SessionSummary[]): string {
  return renderTable(
    ['id', 'kind', 'name', 'scenario', 'seed', 'started (UTC)', 'ended (UTC)', 'events', 'gaps', 'exceptions', 'checks', 'digest'],
    list.map((s) => [
      s.id,
      s.kind,
      clip(s.name, 32),
      clip(s.scenario, 32),
      s.seed === null ? '—' : String(s.seed),
      wall(s.startedAt),
      s.interrupted ? 'interrupted' : wall(s.endedAt),
      s.events,
      s.gaps ?? '—',
      s.exceptions ?? '—',
      checksText(s.checks),
      s.digest.slice(0, 12),
    ]),
  );
}
