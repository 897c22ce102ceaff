import { isReversalMessage, isReversalPosting, reversalKey, type AnyEvent } from '../../model/index.js';
import { OperatorError } from '../../simulator/index.js';
import type { OperatorContext, ReversalCheck, ReversalResult } from '../contract/index.js';
import { publishingTo, type Audit } from './audit.js';
import type { Handlers } from './registry.js';
import type { Roles } from './roles.js';
import type { RunningSession } from './session-host.js';

type Deps = {
  /** the current session (throws when none runs) */
  readonly current: () => RunningSession;
  /** who and why of an operator call, checked (throws when `why` says nothing) */
  readonly actor: (args: OperatorContext | undefined, action: string) => { who: string; why: string };
  /** the journaled events of one business key in the current session, in journal order */
  readonly keyEvents: (businesskey: string) => readonly AnyEvent[];
  /** the audit log: a reversal sent to a broker is recorded there */
  readonly audit: Audit;
  /** the host's role: a reversal published to a broker needs an engineer */
  readonly roles: Roles;
};

/** Reversals of one key looked up in the journal at most (a key is reversed once or twice in practice). */
const MAX_REVERSALS = 50;

/** Longest business key accepted (keys are short; this only stops garbage at the boundary). */
const MAX_KEY = 500;

/** The business key to reverse, checked at the boundary. */
function checkKey(reverses: unknown): string {
  if (typeof reverses !== 'string' || reverses.trim() === '') throw new Error('a reversal needs the business key of the posting it reverses (reverses), e.g. PO-1/CONF/0010/1');
  if (reverses.length > MAX_KEY) throw new Error(`reverses must be a business key of at most ${MAX_KEY} characters`);
  return reverses.trim();
}

/**
 * Reversals of postings: the preview the operator confirms (the monitor's: which posting, which
 * quantity, what it nets, which gap closes — plus the reversals of the key already sent that ERP has
 * not posted, which the monitor does not count yet) and the request that sends the reversal. Whatever the
 * session cannot do is answered as a refusal with its reason, and nothing is journaled: a replay
 * declares it cannot, the monitor refuses a key with nothing left to net, a simulation refuses a key
 * it did not post, a watch refuses a topic outside its publish allowlist.
 */
export function reversalHandlers({ current, actor, keyEvents, audit, roles }: Deps): Handlers<'reversals.request' | 'reversals.preview'> {
  /** reversal keys of `key` whose message is journaled and whose ERP posting is not (the monitor counts only posted ones) */
  const unposted = (key: string): string[] => {
    const out: string[] = [];
    for (let n = 1; n <= MAX_REVERSALS; n++) {
      const events = keyEvents(reversalKey(key, n));
      if (events.length === 0) break;
      if (events.some((e) => isReversalMessage(e.type)) && !events.some((e) => isReversalPosting(e.type))) out.push(reversalKey(key, n));
    }
    return out;
  };
  const preview = (s: RunningSession, key: string): ReversalCheck => {
    if (s.cannot.reverse !== undefined) return { ok: false, refused: s.cannot.reverse, unposted: [] };
    const p = s.previewReversal(key);
    return { ...p, unposted: p.ok ? unposted(key) : [] };
  };
  return {
    'reversals.preview': async (args) => {
      const reverses = checkKey(args?.reverses);
      return preview(current(), reverses);
    },
    'reversals.request': async (args): Promise<ReversalResult> => {
      const { who, why } = actor(args, 'a reversal');
      const reverses = checkKey(args?.reverses);
      const connection = args.connection;
      if (connection !== undefined && (typeof connection !== 'string' || connection === '')) throw new Error('connection must be the name of a watched connection');
      const s = current();
      if (publishingTo(s.info(), connection) !== undefined) roles.require('engineer', 'a reversal published to a live broker');
      const previewed = preview(s, reverses);
      const refused = (reason: string): ReversalResult => ({ reverses, actions: [], messages: [], refused: reason, preview: previewed, info: s.info() });
      if (!previewed.ok) return refused(previewed.refused);
      let r: Awaited<ReturnType<RunningSession['act']>>;
      try {
        r = await s.act({ kind: 'reverse', who, why, reverses }, { connection });
      } catch (err) {
        // the action as a whole could not be done, and nothing was journaled: say why, as the preview would
        if (err instanceof OperatorError) return refused(err.message);
        throw err;
      }
      // recorded once it was sent (outside the refusal above: a reversal sent is never "refused")
      const to = publishingTo(s.info(), connection);
      if (to !== undefined) await audit({ action: 'reversals.request', who, session: s.id, target: reverses, details: { why, connection: to, messages: r.messages } });
      return { reverses, actions: r.actions, messages: r.messages, refused: null, preview: previewed, info: s.info() };
    },
  };
}
