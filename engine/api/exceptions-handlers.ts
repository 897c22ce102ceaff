import { isPosting } from '../../model/index.js';
import { MAX_PAGE } from '../journal/index.js';
import type { OperatorActions } from './operator-actions.js';
import type { Handlers } from './registry.js';
import type { SessionHost } from './session-host.js';

type ExceptionCalls =
  | 'exceptions.retry'
  | 'exceptions.resend'
  | 'exceptions.discard'
  | 'exceptions.list'
  | 'exceptions.preview'
  | 'gaps.list'
  | 'reconciliation.run';

/** What went wrong in the running session: dead letters (list, preview, retry, resend, discard), open sync gaps, reconciliation. */
export function exceptionsHandlers(host: SessionHost, { act, actor }: OperatorActions): Handlers<ExceptionCalls> {
  /** ERP postings of a business key in the current session's journal (for keys the monitor no longer holds) */
  const journalPostings = (key: string): number =>
    host.ctx.journal.eventsPage({ businesskey: key, limit: MAX_PAGE }).events.filter((e) => isPosting(e.event.type)).length;
  return {
    'exceptions.retry': async (args) => act({ kind: 'retry', ...actor(args, 'a retry'), messageIds: args.messageIds }),
    'exceptions.resend': async (args) =>
      act({ kind: 'resend', ...actor(args, 'an edit-and-resend'), messageId: args.messageId, changes: args.changes }),
    'exceptions.discard': async (args) => act({ kind: 'discard', ...actor(args, 'a discard'), messageIds: args.messageIds }),
    'exceptions.list': async (args) => host.current().exceptions(args ?? {}),
    'exceptions.preview': async (args) => host.current().preview(args.messageId, args.changes ?? {}, journalPostings),
    'gaps.list': async (args) => host.current().gaps(args ?? {}),
    'reconciliation.run': async () => host.current().reconciliation(),
  };
}
