import type { Commands, Queries } from './contract.js';
import type { HostContext } from './host-context.js';
import { sessionSummaries } from '../journal/sessions-admin.js';

// SEAM (issue 5, sessions): filled in by the sessions work.

/** The session list: list, rename and annotate, delete (with compaction). */
export function sessionsHandlers(ctx: HostContext): Pick<Commands, 'sessions.label' | 'sessions.delete'> & Pick<Queries, 'sessions.list'> {
  return {
    'sessions.list': async () => sessionSummaries(ctx.journal.db()),
    'sessions.label': async () => {
      throw new Error('sessions.label is not available yet');
    },
    'sessions.delete': async () => {
      throw new Error('sessions.delete is not available yet');
    },
  };
}
