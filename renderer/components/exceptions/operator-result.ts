/** One sentence saying what an operator action did, for the status line. */
import type { OperatorResult } from '../../../engine/contract/index.js';

export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** Refusals listed in the sentence before it summarizes the rest. */
const MAX_REFUSALS_LISTED = 3;

/**
 * e.g. "Retried 2 of 3 dead letters: 2 messages sent. Refused 1: m-7 (already closed)."
 * `done` is the past-tense verb, `asked` how many dead letters the action named.
 */
export function describeResult(done: string, asked: number, r: OperatorResult): string {
  const applied = asked - r.refused.length;
  const head = asked === 1 && applied === 1 ? `${done} the dead letter` : `${done} ${applied} of ${plural(asked, 'dead letter')}`;
  const sent = r.messages.length > 0 ? `: ${plural(r.messages.length, 'message')} sent` : '';
  if (r.refused.length === 0) return `${head}${sent}.`;
  const listed = r.refused
    .slice(0, MAX_REFUSALS_LISTED)
    .map((x) => `${x.messageId} (${x.reason})`)
    .join('; ');
  const more = r.refused.length > MAX_REFUSALS_LISTED ? ` and ${r.refused.length - MAX_REFUSALS_LISTED} more` : '';
  return `${head}${sent}. Refused ${r.refused.length}: ${listed}${more}.`;
}
