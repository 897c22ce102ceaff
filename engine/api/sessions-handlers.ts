import { existsSync, statSync } from 'node:fs';
import { deletedSessionDetails, type Audit } from './audit.js';
import { compareSessions } from './compare-sessions.js';
import type { HostContext } from './host-context.js';
import type { Handlers } from './registry.js';
import type { Roles } from './roles.js';
import { compactJournal, listSessions, normalizeLabel, sessionState } from '../journal/index.js';
import { sessionSummaries, sessionSummary } from '../journal/sessions-admin.js';

const fileBytes = (path: string) => [path, `${path}-wal`].reduce((n, p) => n + (existsSync(p) ? statSync(p).size : 0), 0);

/** A session id from a call: a positive integer. */
function sessionId(value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) throw new Error(`session: expected a session number, got ${JSON.stringify(value)}`);
  return value;
}

/** The session list: list, rename and annotate, delete (with compaction; recorded in the audit log), compare two. */
export function sessionsHandlers(ctx: HostContext, audit: Audit, roles: Roles): Handlers<'sessions.list' | 'sessions.label' | 'sessions.delete' | 'sessions.compare'> {
  /** refuse, before anything is written, a session that does not exist or was deleted */
  const checkListed = (session: number): void => {
    const state = sessionState(ctx.journal.db(), session);
    if (state === 'missing') throw new Error(`there is no session ${session} in this journal`);
    if (state === 'deleted') throw new Error(`session ${session} was deleted`);
  };
  return {
    // a journal nobody has written to yet does not exist: it holds no sessions, which is no error
    'sessions.list': async () => {
      if (!existsSync(ctx.journalPath)) return [];
      // the session running now has recorded no outcome yet: its counts are the monitor's, now
      const now = ctx.currentCounts();
      const current = ctx.currentSession();
      return sessionSummaries(ctx.journal.db()).map((s) => (s.id === current && s.gaps === null && now ? { ...s, ...now } : s));
    },
    'sessions.label': async (args) => {
      const session = sessionId(args?.session);
      const label = normalizeLabel(args);
      checkListed(session);
      await (await ctx.writer()).labelSession(session, label);
      const summary = sessionSummary(ctx.journal.db(), session);
      if (!summary) throw new Error(`session ${session} was deleted`);
      return summary;
    },
    'sessions.delete': async (args) => {
      const session = sessionId(args?.session);
      roles.require('engineer', 'deleting a session');
      if (ctx.currentSession() === session) throw new Error(`session ${session} is the running session: stop it or start another first`);
      checkListed(session);
      // what the tombstone keeps of it anyway: nothing of its name or scenario goes into the audit log
      const row = listSessions(ctx.journal.db()).find((s) => s.id === session);
      await (await ctx.writer()).markDeleted(session);
      // the deletion stands from here (compaction only reclaims the space): recorded before the file is rewritten, which keeps the entry
      await audit({ action: 'sessions.delete', session, target: String(session), details: deletedSessionDetails(row) });
      // Hidden from now on; the rows leave the file when it is rewritten without them. While another
      // session runs the host cannot close the journal: the deletion stands and the space is
      // reclaimed by the next compaction (bytesAfter = bytesBefore says nothing was reclaimed yet).
      let compacting = false;
      try {
        const { bytesBefore, bytesAfter } = await ctx.withJournalClosed(async () => {
          compacting = true;
          return compactJournal(ctx.journalPath);
        });
        return { session, bytesBefore, bytesAfter };
      } catch (err) {
        if (compacting) throw new Error(`session ${session} is deleted, but compacting the journal failed: ${(err as Error).message}`, { cause: err });
        const bytes = fileBytes(ctx.journalPath);
        return { session, bytesBefore: bytes, bytesAfter: bytes };
      }
    },
    'sessions.compare': async (args) => compareSessions(ctx.journal.db(), args),
  };
}
