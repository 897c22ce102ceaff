/** Integration contract checks as a live session judges them (see docs/checks.md, "Live checks"). */
import type { CheckKind, CheckViolation } from '../../model/index.js';

/**
 * One rule of the integration contract, judged live at the session's virtual time: the same rule,
 * measurement and `expect:` verdict as `linesight check`, measured at most about once a second.
 */
export type LiveCheck = {
  readonly id: string;
  readonly kind: CheckKind;
  readonly title: string;
  readonly verdict: 'pass' | 'fail';
  readonly violations: number;
  /** what the rule measured so far (`events`, `violations` and its kind's figures, e.g. a `within` rule's p95 in ms) */
  readonly measured: Readonly<Record<string, number | null>>;
  /** the `expect:` entries that fail, in words (e.g. "violations = 0: 11 is not 0"); empty when it passes */
  readonly failing: readonly string[];
  /** its first violations (at most 3), each with the events that broke the rule */
  readonly first: readonly CheckViolation[];
};
