/**
 * What an operator does to the running session and what it answers: faults, controls, injections,
 * dead letters (retry, resend, discard), reversals, and the lists these act on.
 */
import type { AnyEvent, Control, EventType, ExceptionCategory, FaultKind, InjectDraft } from '../../model/index.js';
import type { ReversalPreview } from '../../monitor/index.js';
import type { SessionInfo } from './session.js';

/**
 * Who did it and why: required context of every operator action, journaled with it as an
 * `operator.*` event. `who` defaults to the user the engine runs as.
 */
export type OperatorContext = { readonly who?: string; readonly why: string };

/** `operator.toggleFault`: switch a fault on (from now, until switched off) or off. */
export type ToggleFaultArgs = OperatorContext & {
  readonly fault: FaultKind;
  /** `PLANT/LINE` or a bare line id; omit for every line (ERP faults are plant-wide anyway) */
  readonly line?: string;
  readonly enabled: boolean;
  /** fault parameters (defaults as in a scenario file) */
  readonly params?: Readonly<Record<string, number | string>>;
};

/** `operator.setControl`: switch an integration-layer control on or off from now. */
export type SetControlArgs = OperatorContext & { readonly control: Control; readonly enabled: boolean };

/** `operator.inject` arguments. */
export type InjectArgs = OperatorContext & {
  readonly event: InjectDraft;
  /** watching a broker: the connection to publish on (default the one connection that may publish) */
  readonly connection?: string;
  /** watching a broker: `PLANT/LINE` of an order not seen on it yet */
  readonly line?: string;
  /** how many copies (default 1, at most 1000), each a new message */
  readonly count?: number;
  /** virtual ms between copies (default 0) */
  readonly spacingMs?: number;
  /**
   * virtual ms the (first) copy is held back on its way to the integration layer, so messages sent
   * after it overtake it: "send out of order" (default 0)
   */
  readonly delayMs?: number;
  /** the template or journaled event id it was made from, for the record */
  readonly template?: string;
};

/** `exceptions.retry` / `exceptions.discard` arguments: one or many open dead letters. */
export type ExceptionsArgs = OperatorContext & { readonly messageIds: readonly string[] };

/** `exceptions.resend` / `exceptions.preview` arguments: a dead letter and the data fields to change. */
export type ResendArgs = OperatorContext & {
  readonly messageId: string;
  /** data fields to replace, e.g. `{ uom: 'EA', qty: 120 }` */
  readonly changes: Readonly<Record<string, unknown>>;
};

/** `exceptions.preview` arguments: a resend without sending it (so no reason is needed). */
export type PreviewArgs = Omit<ResendArgs, keyof OperatorContext>;

/** What an operator action did. */
export type OperatorResult = {
  /** ids of the journaled `operator.*` events */
  readonly actions: readonly string[];
  /** ids of the messages the action sent (injected copies, resends, retried messages) */
  readonly messages: readonly string[];
  /** message ids the action could not apply to, with why (bulk actions apply to the rest) */
  readonly refused: readonly { readonly messageId: string; readonly reason: string }[];
  readonly info: SessionInfo;
};

/** Whether a resend of a dead letter would post a business key ERP has already posted. */
export type ResendPreview = {
  readonly messageId: string;
  readonly businesskey: string;
  /** the dead-lettered message, as journaled */
  readonly original: AnyEvent;
  /** the message the resend would send (new id and sequence given when sent) */
  readonly resend: { readonly type: EventType; readonly data: Readonly<Record<string, unknown>> };
  /** postings of the business key ERP has made so far (from the business-key ledger) */
  readonly postings: number;
  readonly wouldDoublePost: boolean;
  /** one sentence for the operator */
  readonly verdict: string;
  /** problems with the changes (unknown field, wrong type); empty when the resend may go */
  readonly problems: readonly string[];
};

/**
 * `reversals.request`: ask ERP to reverse one posting of a business key ERP has posted (a double
 * posting, a wrong quantity). The reversal is a message of its own (`{key}/REV/{n}`) that ERP posts
 * like any other; journaled as `operator.reversal-requested`.
 */
export type ReverseArgs = OperatorContext & {
  /** the business key whose posting is reversed, e.g. `PO-1/CONF/0010/1` */
  readonly reverses: string;
  /** watching a broker: the connection to publish on (default the one connection that may publish) */
  readonly connection?: string;
};

/** `reversals.preview`: what a reversal of `reverses` would net, without sending it. */
export type ReversalPreviewArgs = { readonly reverses: string };

/**
 * What `reversals.preview` answers: the monitor's preview, and the reversals of the key already sent
 * that ERP has not posted (in flight, dead-lettered or lost) — another one now would net it twice
 * once they are posted.
 */
export type ReversalCheck = ReversalPreview & {
  /** reversal keys (`{key}/REV/{n}`) whose message the journal holds without ERP's posting of it */
  readonly unposted: readonly string[];
};

/** What a reversal request did: the message it sent, or why nothing was sent (nothing journaled then). */
export type ReversalResult = {
  readonly reverses: string;
  /** ids of the journaled `operator.reversal-requested` events (empty when refused) */
  readonly actions: readonly string[];
  /** the reversal message sent (empty when refused) */
  readonly messages: readonly string[];
  /** why the session did not send it, in one sentence; null when it was sent */
  readonly refused: string | null;
  /** what it nets, as previewed just before it was sent (or why it is refused) */
  readonly preview: ReversalCheck;
  readonly info: SessionInfo;
};

/** `gaps.list` arguments (all optional filters). */
export type GapsListArgs = { readonly kind?: string; readonly line?: string };

/** `exceptions.list` arguments (all optional filters). */
export type ExceptionsListArgs = {
  readonly category?: ExceptionCategory;
  readonly line?: string;
  readonly messageType?: string;
};

/** `events.validate` arguments and answer: check a draft before sending it. */
export type ValidateResult = { readonly ok: boolean; readonly problems: readonly string[] };

