import { isPosting } from '../../model/index.js';
import { MAX_PAGE } from '../journal/index.js';
import type { Audit } from './audit.js';
import type { OperatorActions } from './operator-actions.js';
import type { Handlers } from './registry.js';
import type { Roles } from './roles.js';
import type { SessionHost } from './session-host.js';
import type { ExerciseSlot } from './training-handlers.js';

type ExceptionCalls =
  | 'exceptions.retry'
  | 'exceptions.resend'
  | 'exceptions.discard'
  | 'exceptions.list'
  | 'exceptions.preview'
  | 'gaps.list'
  | 'reconciliation.run';

/**
 * What went wrong in the running session: dead letters (list, preview, retry, resend, discard), open
 * sync gaps, reconciliation. A resend and a discard that did something are recorded in the audit log.
 */
export function exceptionsHandlers(host: SessionHost, { act, actor }: OperatorActions, audit: Audit, roles: Roles, exercise: ExerciseSlot): Handlers<ExceptionCalls> {
  /** resend and discard need an engineer, except in an exercise: there they touch only the simulated plant a trainee practises on */
  const requireEngineer = (what: string) => {
    if (host.current().id !== exercise.session) roles.require('engineer', what);
  };
  /** ERP postings of a business key in the current session's journal (for keys the monitor no longer holds) */
  const journalPostings = (key: string): number =>
    host.ctx.journal.eventsPage({ businesskey: key, limit: MAX_PAGE }).events.filter((e) => isPosting(e.event.type)).length;
  return {
    'exceptions.retry': async (args) => act({ kind: 'retry', ...actor(args, 'a retry'), messageIds: args.messageIds }),
    'exceptions.resend': async (args) => {
      const { who, why } = actor(args, 'an edit-and-resend');
      requireEngineer('an edit-and-resend');
      const r = await act({ kind: 'resend', who, why, messageId: args.messageId, changes: args.changes });
      await audit({ action: 'exceptions.resend', who, session: r.info.session, target: args.messageId, details: { why, sent: r.messages, changes: args.changes } });
      return r;
    },
    'exceptions.discard': async (args) => {
      const { who, why } = actor(args, 'a discard');
      requireEngineer('a discard');
      const r = await act({ kind: 'discard', who, why, messageIds: args.messageIds });
      if (r.actions.length === 0) return r;
      // a bulk discard applies to the dead letters that were open: those are its target
      const refused = new Set(r.refused.map((x) => x.messageId));
      const discarded = [...new Set(args.messageIds)].filter((id) => !refused.has(id));
      await audit({ action: 'exceptions.discard', who, session: r.info.session, target: discarded.join(', '), details: { why, refused: [...refused] } });
      return r;
    },
    'exceptions.list': async (args) => host.current().exceptions(args ?? {}),
    'exceptions.preview': async (args) => host.current().preview(args.messageId, args.changes ?? {}, journalPostings),
    'gaps.list': async (args) => host.current().gaps(args ?? {}),
    'reconciliation.run': async () => host.current().reconciliation(),
  };
}
