import { userInfo } from 'node:os';
import type { OperatorCommand } from '../../simulator/index.js';
import type { OperatorContext, OperatorResult } from '../contract/index.js';
import type { InjectTarget } from '../session/live-inject.js';
import type { SessionHost } from './session-host.js';

/** What the handlers of operator actions share: who acts and why, and the action run on the current session. */
export type OperatorActions = {
  /** the user operator actions are recorded as, unless a call names someone else */
  readonly operator: string;
  /** who and why of an operator call: `why` must say something; `who` defaults to the host's user */
  readonly actor: (args: OperatorContext | undefined, action: string) => { who: string; why: string };
  /** run an operator action on the current session and answer with what it did and the session after it */
  readonly act: (cmd: OperatorCommand, target?: InjectTarget) => Promise<OperatorResult>;
  /**
   * While the journal refuses the session's writes (a full disk, a lock held by another program),
   * nothing new is offered to it: an operator action would wait behind the outage with nobody told.
   * Refused at once instead, saying why; it may be sent again once the journal takes writes.
   */
  readonly refuseWhileJournalRefuses: (what: string, done?: string) => undefined;
};

export function operatorActions(host: SessionHost, operatorName: string | undefined): OperatorActions {
  const operator = operatorName ?? defaultOperator();
  const refuseWhileJournalRefuses = (what: string, done = 'sent'): undefined => {
    const j = host.refusing();
    if (j === undefined) return undefined;
    const where = j.path === undefined ? 'the journal' : `the journal ${j.path}`;
    const stopped = host.live()?.info().watching === null ? 'the run stopped' : 'the watch stopped';
    throw new Error(
      j.state === 'failed'
        ? `${what} was not ${done}: ${where} refused writes and ${stopped} (${j.reason})`
        : `${what} was not ${done}: ${where} refuses writes (${j.reason}); nothing was journaled or published — ${done === 'sent' ? 'send it again' : 'try it again'} once the journal takes writes`,
    );
  };
  return {
    operator,
    actor(args, action) {
      const why = typeof args?.why === 'string' ? args.why.trim() : '';
      if (why === '') throw new Error(`${action} needs a reason (why): it is journaled with the action`);
      const who = typeof args?.who === 'string' && args.who.trim() !== '' ? args.who.trim() : operator;
      return { who: who.slice(0, 200), why: why.slice(0, 2000) };
    },
    async act(cmd, target) {
      const s = host.current();
      // an action would wait behind a journal that refuses writes (a simulation's run holds still meanwhile)
      refuseWhileJournalRefuses(`the ${ACTION_NAMES[cmd.kind]}`, cmd.kind === 'inject' ? 'sent' : 'carried out');
      const result = await s.act(cmd, target);
      return { ...result, info: host.infoOf(s) };
    },
    refuseWhileJournalRefuses,
  };
}

/** An operator action in words, for the reason it was refused. */
const ACTION_NAMES: Readonly<Record<OperatorCommand['kind'], string>> = {
  fault: 'fault toggle',
  control: 'control change',
  inject: 'injection',
  retry: 'retry',
  discard: 'discard',
  resend: 'edit-and-resend',
  reverse: 'reversal',
  hint: 'hint',
  answer: 'answer',
};

/** Whom actions are recorded as when nobody is named: the OS user. */
export function defaultOperator(): string {
  try {
    return userInfo().username || 'operator';
  } catch {
    return 'operator';
  }
}
