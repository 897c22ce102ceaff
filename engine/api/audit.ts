import type { BrokerConfig, SessionInfo } from '../contract/index.js';
import type { Role } from '../contract/index.js';
import type { AuditAction, SessionRow } from '../journal/index.js';
import { displayUrl } from '../sources/mqtt/broker-connection.js';
import type { HostContext } from './host-context.js';

/**
 * What a handler records in the audit log once its action has succeeded: the action, who did it
 * (default the host's operator), the session and target it concerned, and a few facts (never a
 * password: brokers go in as `brokerDetails`, their URL without user info).
 */
export type AuditRecord = {
  readonly action: AuditAction;
  readonly who?: string;
  readonly session?: number | null;
  readonly target?: string | null;
  readonly details?: Readonly<Record<string, unknown>>;
};

/** Append an entry to the journal's audit log through the host's one writer; resolves once it is committed. */
export type Audit = (entry: AuditRecord) => Promise<void>;

/** An action in words, for the error when its entry could not be written. */
const DONE: Readonly<Record<AuditAction, string>> = {
  'session.publish': 'the session started publishing',
  'session.replay-to-broker': 'the replay to the broker started',
  'operator.inject': 'the injection was sent',
  'reversals.request': 'the reversal was sent',
  'exceptions.resend': 'the edit-and-resend was sent',
  'exceptions.discard': 'the discard was done',
  'mappings.save': 'the mappings were saved',
  'sessions.delete': 'the session was deleted',
};

/**
 * The host's audit log: each entry records the host's role when it was written. An entry that cannot
 * be written (the journal refuses writes) fails the call, saying the action itself was done — it
 * cannot be undone, and a caller told only "failed" might do it twice.
 */
export function auditTrail(ctx: HostContext, operator: string, role: () => Role): Audit {
  return async (e) => {
    try {
      const writer = await ctx.writer();
      await writer.appendAudit({ who: e.who ?? operator, role: role(), action: e.action, session: e.session ?? null, target: e.target ?? null, details: e.details ?? {} });
    } catch (err) {
      throw new Error(`${DONE[e.action]}, but the audit log did not record it: ${(err as Error).message}`, { cause: err });
    }
  };
}

/** What a deletion's entry says of the session: what its tombstone keeps anyway (never its name or scenario). */
export const deletedSessionDetails = (row: SessionRow | undefined) => ({ kind: row?.kind ?? null, startedAt: row?.startedAt ?? null });

/** A broker as the audit log names it: its name, else its URL without user info. */
export const brokerName = (b: BrokerConfig): string => b.name ?? displayUrl(b.url);

/** A broker's facts for an audit entry: name, URL without user info, the topics it may be published under. */
export const brokerDetails = (b: BrokerConfig) => ({ connection: brokerName(b), url: displayUrl(b.url), allow: b.publish?.allow ?? [] });

/**
 * The broker an operator's message goes out on, or undefined when the session publishes to none:
 * a watch (the connection named, else its connections that may publish) or a simulation that publishes.
 */
export function publishingTo(info: SessionInfo, named: string | undefined): string | undefined {
  if (info.watching !== null) return named ?? info.watching.filter((c) => c.publish !== null).map((c) => c.name).join(', ');
  return info.publishing?.name;
}
