import { useId, useState } from 'react';
import type { Debrief, DebriefMistake, EventRef } from '../../../engine/contract/index.js';
import { useApi } from '../../api/api-context.js';
import { errorMessage, fmtSimTime } from '../../format.js';
import { lineageHref, routeHref } from '../../router.js';
import { nextArrival } from '../../store/bind-api.js';
import { useStore } from '../../store/store.js';
import { fmtHoursMinutes, fmtPoints, fmtValue } from './training-logic.js';

const MISTAKE_LABELS: Readonly<Record<DebriefMistake['kind'], string>> = {
  'double-post': 'Double posting',
  'lost-posting': 'Lost posting',
  'over-reversal': 'Reversed too much',
  'wrong-answer': 'Wrong answer',
};

/**
 * A trainee run's debrief: the score and whether it passed, each objective met or missed with its
 * checks and the events that show it, each mistake with its cost and a replay from that instant,
 * the hints taken and the answers, right or wrong.
 */
export function DebriefView({ debrief: d, title }: { readonly debrief: Debrief; readonly title: string }) {
  const titleId = useId();
  return (
    <section className="panel tr-debrief" aria-labelledby={titleId}>
      <h2 id={titleId}>{title}</h2>
      <div className="tr-score-line">
        <p className="tr-score">
          <span className="tr-score-figure">{d.score}</span> / {d.maxScore} points
        </p>
        <p className={d.passed ? 'tr-badge tr-badge-ok' : 'tr-badge tr-badge-alert'}>{d.passed ? 'Passed' : 'Not passed'}</p>
      </div>
      <dl className="status tr-facts">
        <dt>Trainee</dt>
        <dd>{d.trainee}</dd>
        <dt>Exercise</dt>
        <dd>
          {d.exercise.title} <span className="muted">(scenario {d.exercise.scenario}, seed {d.exercise.seed}, session {d.session})</span>
        </dd>
        <dt>Time taken</dt>
        <dd>
          {fmtHoursMinutes(d.timeMs)} of {fmtHoursMinutes(d.timeLimitMs)} plant time
        </dd>
      </dl>

      <h3>Objectives</h3>
      <ul className="tr-objectives" aria-label="Objectives">
        {d.objectives.map((o) => (
          <li key={o.id} className={o.met ? 'tr-met' : 'tr-missed'}>
            <p className="tr-item-head">
              <span className={o.met ? 'tr-badge tr-badge-ok' : 'tr-badge tr-badge-alert'}>{o.met ? 'Met' : 'Missed'}</span> <strong>{o.title}</strong>{' '}
              <span className="muted">
                {o.earned} of {fmtPoints(o.points)}
              </span>
            </p>
            {o.checks.length > 0 && (
              <div className="table-wrap tr-checks-wrap">
                <table className="data tr-checks" aria-label={`Checks of ${o.title}`}>
                  <thead>
                    <tr>
                      <th scope="col">Checked</th>
                      <th scope="col">Expected</th>
                      <th scope="col">Found</th>
                      <th scope="col">Verdict</th>
                    </tr>
                  </thead>
                  <tbody>
                    {o.checks.map((c, i) => (
                      <tr key={i}>
                        <td>
                          <code>{c.path}</code>
                        </td>
                        <td>
                          <code>{c.expected}</code>
                        </td>
                        <td className="tr-value">{fmtValue(c.value)}</td>
                        <td>
                          {c.verdict === 'pass' ? <span className="tr-ok">pass</span> : <span className="tr-alert">fail</span>}
                          {c.why !== undefined && <span className="muted"> — {c.why}</span>}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            {o.evidence.length > 0 && <p className="tr-evidence-label muted">Evidence</p>}
            <EventList events={o.evidence} label={`Evidence for ${o.title}`} />
          </li>
        ))}
      </ul>

      <h3>Mistakes</h3>
      {d.mistakes.length === 0 ? (
        <p className="empty">No mistakes.</p>
      ) : (
        <ul className="tr-mistakes" aria-label="Mistakes">
          {d.mistakes.map((m, i) => (
            <li key={i}>
              <p className="tr-item-head">
                <strong>{MISTAKE_LABELS[m.kind]}</strong> <span className="tr-cost">{fmtPoints(m.cost, 'cost')}</span>{' '}
                <span className="muted">at {fmtSimTime(Date.parse(m.at))}</span>
              </p>
              <p>{m.text}</p>
              <EventList events={m.events} label={`Events of mistake ${i + 1}`} />
              <ReplayFromHere session={d.session} at={m.at} />
            </li>
          ))}
        </ul>
      )}

      <h3>Hints taken</h3>
      {d.hints.length === 0 ? (
        <p className="empty">No hints taken.</p>
      ) : (
        <ol className="tr-hints" aria-label="Hints taken">
          {d.hints.map((h) => (
            <li key={h.n}>
              {h.text} <span className="tr-cost">{fmtPoints(h.cost, 'cost')}</span>
              <span className="tr-hint-event muted">
                {' '}
                taken at {fmtSimTime(Date.parse(h.event.time))} ·{' '}
                <a href={lineageHref(h.event.id)} aria-label={`Lineage of event ${h.event.id}`}>
                  <code>{h.event.id}</code>
                </a>
              </span>
            </li>
          ))}
        </ol>
      )}

      <h3>Answers</h3>
      {d.answers.length === 0 ? (
        <p className="empty">No question answered.</p>
      ) : (
        <div className="table-wrap">
          <table className="data tr-answers" aria-label="Answers">
            <thead>
              <tr>
                <th scope="col">Question</th>
                <th scope="col">Answer</th>
                <th scope="col">Why</th>
                <th scope="col">Right?</th>
              </tr>
            </thead>
            <tbody>
              {d.answers.map((a) => (
                <tr key={a.question}>
                  <td className="tr-wrap">{a.ask}</td>
                  <td className="tr-wrap">
                    <strong>{a.answer}</strong>
                  </td>
                  <td className="tr-wrap">{a.why ?? <span className="muted">—</span>}</td>
                  <td>{a.correct ? <span className="tr-badge tr-badge-ok">Right</span> : <span className="tr-badge tr-badge-alert">Wrong</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {d.refused.length > 0 && (
        <>
          <h3>Not played</h3>
          <ul className="tr-refused" aria-label="Actions not played">
            {d.refused.map((r, i) => (
              <li key={i}>
                {r.action} <span className="muted">at {fmtSimTime(Date.parse(r.at))}</span> — {r.reason}
              </li>
            ))}
          </ul>
        </>
      )}

      <details className="tr-actions">
        <summary>Your actions ({d.actions.length})</summary>
        {d.actions.length === 0 ? <p className="empty">No operator action.</p> : <EventList events={d.actions} label="Your actions" />}
      </details>
    </section>
  );
}

/** Events listed before the rest fold away under "N more events". */
const EVENTS_SHOWN = 4;

/** Events as lines: the id (to its lineage), the type, the time and the event in one line; a long list folds after the first few. */
function EventList({ events, label }: { readonly events: readonly EventRef[]; readonly label: string }) {
  if (events.length === 0) return null;
  const rest = events.slice(EVENTS_SHOWN);
  return (
    <div className="tr-event-list">
      <ul className="tr-events" aria-label={label}>
        {events.slice(0, EVENTS_SHOWN).map((e) => (
          <EventLine key={e.id} e={e} />
        ))}
      </ul>
      {rest.length > 0 && (
        <details className="tr-more-events">
          <summary>
            {rest.length} more {rest.length === 1 ? 'event' : 'events'}
          </summary>
          <ul className="tr-events" aria-label={`${label}, continued`}>
            {rest.map((e) => (
              <EventLine key={e.id} e={e} />
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}

function EventLine({ e }: { readonly e: EventRef }) {
  return (
    <li>
      <a href={lineageHref(e.id)} aria-label={`Lineage of event ${e.id}`}>
        <code>{e.id}</code>
      </a>{' '}
      <span className="tr-event-type">{e.type}</span> <span className="muted">{fmtSimTime(Date.parse(e.time))}</span> — {e.text}
    </li>
  );
}

/** Replay the run's session, moved to the mistake's instant, and open it in Simulator control. */
function ReplayFromHere({ session, at }: { readonly session: number; readonly at: string }) {
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const go = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      const s = useStore.getState();
      s.setInfo(await api.commands['session.replay']({ session }), nextArrival());
      s.setInfo(await api.commands['session.seek']({ time: Date.parse(at) }), nextArrival());
      s.setLastError(null);
      window.location.hash = routeHref('simulator');
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };
  return (
    <div className="controls">
      <button type="button" disabled={busy} onClick={() => void go()} title="Ends the current session and replays this run, moved to the mistake's instant">
        {busy ? 'Starting the replay…' : 'Replay from here'}
      </button>
      {error !== null && (
        <span role="alert" className="error">
          Replay not started: {error}
        </span>
      )}
    </div>
  );
}
