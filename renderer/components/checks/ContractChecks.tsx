import { Fragment, useId } from 'react';
import type { CheckEventRef } from '../../../model/index.js';
import type { LiveCheck } from '../../../engine/contract/index.js';
import { fmtCount, fmtSimTime } from '../../format.js';
import { lineageHref } from '../../router.js';
import type { Store } from '../../store/store.js';
import { useStore } from '../../store/store.js';
import { HiddenInTraining, useHidesAnswers } from '../training/HiddenInTraining.js';
import { checksHeadline, measuredText, moreViolations } from './checks-logic.js';
import './checks.css';

const NO_CHECKS: readonly LiveCheck[] = [];
let lastChecks: readonly LiveCheck[] = NO_CHECKS;
let lastText = '[]';
/**
 * The live checks of the latest frame — the same array while they say the same (every frame is a
 * new object, but the engine measures the rules about once a second): the panel renders only when
 * they changed.
 */
const selectChecks = (s: Store): readonly LiveCheck[] => {
  const checks = s.frame?.checks ?? NO_CHECKS;
  if (checks === lastChecks) return checks;
  const text = JSON.stringify(checks);
  if (text === lastText) return lastChecks;
  lastChecks = checks;
  lastText = text;
  return checks;
};

/**
 * The integration contract judged live: each rule (the bundled ones and the host's rules file)
 * with its verdict, violations and what it measured; a failing rule's `expect:` entries that fail
 * and its first violations with their events, each linked to its order's lineage. In trainee mode
 * the verdicts are hidden until the debrief, like probable causes.
 */
export function ContractChecks() {
  const checks = useStore(selectChecks);
  const hide = useHidesAnswers();
  const titleId = useId();
  return (
    <section className="panel contract-checks" aria-labelledby={titleId}>
      <h2 id={titleId}>Contract checks</h2>
      {hide ? (
        <HiddenInTraining what="Contract checks" />
      ) : (
        <>
          <p className="muted">
            {checksHeadline(checks)} Judged at the session&apos;s clock as events arrive, by the rules <code>linesight check</code> uses (docs/checks.md).
          </p>
          {checks.length > 0 && <ChecksTable checks={checks} />}
        </>
      )}
    </section>
  );
}

function ChecksTable({ checks }: { readonly checks: readonly LiveCheck[] }) {
  return (
    <div className="table-wrap">
      <table className="data checks-table">
        <thead>
          <tr>
            <th scope="col">Rule</th>
            <th scope="col">Kind</th>
            <th scope="col">Result</th>
            <th scope="col" className="num">Violations</th>
            <th scope="col">Measured</th>
          </tr>
        </thead>
        <tbody>
          {checks.map((c) => (
            <Fragment key={c.id}>
              <tr className={c.verdict === 'fail' || counted(c) ? 'check-failing' : undefined}>
                <th scope="row">
                  {c.title}
                  <div className="muted check-id">{c.id}</div>
                </th>
                <td>{c.kind}</td>
                <td>
                  <span className={`check-verdict check-${c.verdict}`}>{c.verdict === 'pass' ? 'holds' : 'fails'}</span>
                </td>
                <td className="num">{fmtCount(c.violations)}</td>
                <td className="check-measured">{measuredText(c)}</td>
              </tr>
              {(c.verdict === 'fail' || counted(c)) && (
                <tr className="check-detail">
                  <td colSpan={5}>
                    <Violations check={c} />
                  </td>
                </tr>
              )}
            </Fragment>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * A rule that holds though it counted violations: its `expect:` judges another figure (a `within`
 * rule's p95), so a release never acknowledged is counted and the rule still holds. Its violations
 * are shown too, saying so, rather than a "holds" beside a count nobody can see.
 */
const counted = (c: LiveCheck): boolean => c.verdict === 'pass' && c.violations > 0 && c.first.length > 0;

/** A failing rule: which `expect:` entries fail, and its first violations with their events (a rule that holds with violations counted: those, saying it holds). */
function Violations({ check }: { readonly check: LiveCheck }) {
  const more = moreViolations(check);
  return (
    <>
      {check.failing.length > 0 && <p className="check-failing-expect">Expected {check.failing.join('; ')}</p>}
      {counted(check) && <p className="muted check-counted">Counted, and within what the rule expects (its expect: entries hold):</p>}
      {check.first.length > 0 && (
        <ol className="check-violations" aria-label={`First violations of ${check.id}`}>
          {check.first.map((v, i) => (
            <li key={i}>
              {v.text}
              <ul className="check-events">
                {v.events.map((e) => (
                  <EventLine key={e.id} e={e} />
                ))}
              </ul>
            </li>
          ))}
        </ol>
      )}
      {more !== '' && <p className="muted check-more">{more} (every one: linesight check)</p>}
    </>
  );
}

/** One event a violation points at: its type and time, linked to the lineage of its order (found by the event's id). */
function EventLine({ e }: { readonly e: CheckEventRef }) {
  return (
    <li>
      <a href={lineageHref(e.id)} aria-label={`Lineage of event ${e.id}${e.subject === undefined ? '' : ` (order ${e.subject})`}`}>
        {e.type}
      </a>{' '}
      <span className="muted">{fmtSimTime(Date.parse(e.time))}</span> <code>{e.businesskey}</code>
      {e.subject !== undefined && <span className="muted"> · order {e.subject}</span>}
    </li>
  );
}
