import type { Control, FaultKind, InjectDraft } from '../../model/index.js';

/** Who did it and why: journaled with every action. */
type Actor = { readonly who: string; readonly why: string };

/** What an operator asks of a running simulation. */
export type OperatorCommand = Actor &
  (
    | {
        readonly kind: 'fault';
        readonly fault: FaultKind;
        readonly line?: string | undefined;
        readonly enabled: boolean;
        readonly params?: Readonly<Record<string, number | string>> | undefined;
      }
    | { readonly kind: 'control'; readonly control: Control; readonly enabled: boolean }
    | {
        readonly kind: 'inject';
        readonly event: InjectDraft;
        readonly count: number;
        readonly spacingMs: number;
        readonly delayMs: number;
        readonly template?: string | undefined;
      }
    | { readonly kind: 'retry' | 'discard'; readonly messageIds: readonly string[] }
    | { readonly kind: 'resend'; readonly messageId: string; readonly changes: Readonly<Record<string, unknown>> }
    /**
     * Ask ERP to reverse one posting of business key `reverses`: a reversal message from the
     * line's MES (`{reverses}/REV/{n}`) for one posting's worth of what ERP posted.
     */
    | { readonly kind: 'reverse'; readonly reverses: string }
    /** A trainee took hint `hint` (1, 2, …) of an exercise: journaled, so the debrief counts it from the events. */
    | { readonly kind: 'hint'; readonly exercise: string; readonly hint: number }
    /** A trainee's answer to a question of an exercise (a diagnosis), journaled like any other action. */
    | { readonly kind: 'answer'; readonly exercise: string; readonly question: string; readonly answer: string }
  );

/** What an action did: the journaled operator events, the messages it sent, and what it could not apply to. */
export type ActResult = {
  readonly actions: string[];
  readonly messages: string[];
  readonly refused: { readonly messageId: string; readonly reason: string }[];
};

/** The action as a whole cannot be done (bad input, unknown order, …); nothing was journaled. */
export class OperatorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OperatorError';
  }
}

