import { useId, useState } from 'react';
import type { ExerciseQuestion, TrainingStatus } from '../../../engine/contract/index.js';
import { useApi } from '../../api/api-context.js';
import { fmtSimTime } from '../../format.js';
import { routeHref } from '../../router.js';
import { selectLastError, selectSimTime, selectTrainingTimeUp } from '../../store/selectors.js';
import { useStore } from '../../store/store.js';
import { PaceControls } from '../simulator/PaceControls.js';
import { answerOf, exerciseClock, fmtPoints, paragraphs } from './training-logic.js';
import { useTrainingCommand } from './use-training-command.js';

/**
 * An exercise under way (trainee mode): the briefing, the plant clock against the time limit, the
 * pace controls, hints (each costs points), one answer form per question — never saying whether an
 * answer is right — and "Finish and score".
 */
export function TraineeRun({ status }: { readonly status: TrainingStatus }) {
  const api = useApi();
  const { exercise } = status;
  const hint = useTrainingCommand();
  const finish = useTrainingCommand();
  const lastError = useStore(selectLastError);
  // past the limit the engine takes no more hints or answers: the buttons say so by being off
  const timeUp = useStore(selectTrainingTimeUp);
  const titleId = useId();
  const hintsId = useId();
  const questionsId = useId();
  const finishId = useId();
  const hintsLeft = Math.max(0, exercise.hints - status.hintsTaken.length);

  return (
    <>
      <section className="panel tr-briefing" aria-labelledby={titleId}>
        <h2 id={titleId}>{exercise.title}</h2>
        <p className="muted">
          Trainee <strong>{status.trainee}</strong> · session {status.session} · scenario <code>{exercise.scenario}</code>
        </p>
        <h3>Briefing</h3>
        {paragraphs(exercise.briefing).map((p, i) => (
          <p key={i}>{p}</p>
        ))}
        <ExerciseClockLine status={status} />
        <h3>Plant clock</h3>
        <PaceControls step={false} />
        <p className="muted">
          The exercise runs on the plant&rsquo;s clock: play it, pause it, change its speed here or under <a href={routeHref('simulator')}>Simulator control</a>. Look
          around the console as you would on shift — probable causes stay hidden until the debrief.
        </p>
        {lastError && (
          <p role="alert" className="error">
            {lastError}
          </p>
        )}
      </section>

      <section className="panel" aria-labelledby={hintsId}>
        <h2 id={hintsId}>Hints</h2>
        <div className="controls">
          <button
            type="button"
            disabled={hint.busy || finish.busy || hintsLeft === 0 || timeUp}
            onClick={() => hint.run(() => api.commands['training.hint']())}
          >
            Take a hint ({fmtPoints(exercise.hintCost, 'cost')})
          </button>
          <span className="muted">
            {hintsLeft === 0 ? (exercise.hints === 0 ? 'This exercise has no hints.' : 'No hints left.') : `${hintsLeft} of ${exercise.hints} left`}
          </span>
        </div>
        {hint.error !== null && (
          <p role="alert" className="error">
            No hint: {hint.error}
          </p>
        )}
        {status.hintsTaken.length > 0 && (
          <ol className="tr-hints" aria-label="Hints taken">
            {status.hintsTaken.map((h) => (
              <li key={h.n}>
                {h.text} <span className="muted">({fmtSimTime(Date.parse(h.at))})</span>
              </li>
            ))}
          </ol>
        )}
      </section>

      <section className="panel" aria-labelledby={questionsId}>
        <h2 id={questionsId}>Questions</h2>
        <p className="muted">
          Answer when you have decided, within the time limit; a later answer replaces an earlier one. Whether it is right is in the debrief.
        </p>
        {exercise.questions.length === 0 && <p className="empty">This exercise asks no questions: its objectives are what you do.</p>}
        {exercise.questions.map((q) => (
          <AnswerForm key={q.id} question={q} given={answerOf(status, q.id)} timeUp={timeUp} />
        ))}
      </section>

      <section className="panel" aria-labelledby={finishId}>
        <h2 id={finishId}>Finish</h2>
        <p className="muted">
          The rest of the scenario runs at full speed, then your run is scored from what you did and answered. Nothing can be changed after that.
        </p>
        <div className="controls">
          <button type="button" className="tr-finish" disabled={finish.busy} onClick={() => finish.run(() => api.commands['training.finish']())}>
            {finish.busy ? 'Scoring…' : 'Finish and score'}
          </button>
          <span role="status" className="muted">
            {finish.busy ? 'Running the rest of the scenario and scoring your run…' : ''}
          </span>
        </div>
        {finish.error !== null && (
          <p role="alert" className="error">
            Not finished: {finish.error}
          </p>
        )}
      </section>
    </>
  );
}

/** Plant time elapsed against the limit; its own component, so only it renders at every frame. */
function ExerciseClockLine({ status }: { readonly status: Pick<TrainingStatus, 'startMs' | 'limitMs' | 'state'> }) {
  const simTime = useStore(selectSimTime);
  const clock = exerciseClock(simTime, status);
  const labelId = useId();
  return (
    <div className={clock.up ? 'tr-clock tr-clock-up' : 'tr-clock'}>
      <span id={labelId} className="tr-clock-label">
        Plant time
      </span>
      <progress max={1} value={clock.fraction} aria-labelledby={labelId} aria-valuetext={clock.text} />
      <span role="timer" aria-labelledby={labelId} className="tr-clock-text">
        {clock.text}
      </span>
      {clock.up && (
        <p role="status" className="tr-clock-note">
          Time is up: hints and answers are no longer taken, and actions from now on are not scored. Finish to see the debrief.
        </p>
      )}
    </div>
  );
}

const NO_CHOICE = '';

/** One question: a list when it has choices, free text otherwise, an optional why, and the answer given so far. */
function AnswerForm({
  question,
  given,
  timeUp,
}: {
  readonly question: ExerciseQuestion;
  readonly given: TrainingStatus['answers'][number] | undefined;
  readonly timeUp: boolean;
}) {
  const api = useApi();
  const command = useTrainingCommand();
  const [answer, setAnswer] = useState('');
  const [why, setWhy] = useState('');
  const answerId = useId();
  const whyId = useId();
  const text = answer.trim();
  const reason = why.trim();
  const submit = (): void =>
    command.run(() => api.commands['training.answer']({ question: question.id, answer: text, ...(reason === '' ? {} : { why: reason }) }));
  return (
    <form
      className="tr-question"
      onSubmit={(e) => {
        e.preventDefault();
        if (text !== '' && !command.busy && !timeUp) submit();
      }}
    >
      <fieldset>
        <legend>{question.ask}</legend>
        <div className="controls">
          <label htmlFor={answerId}>Answer</label>
          {question.choices ? (
            <select id={answerId} value={answer} onChange={(e) => setAnswer(e.target.value)}>
              <option value={NO_CHOICE}>Choose…</option>
              {question.choices.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          ) : (
            <input id={answerId} type="text" value={answer} onChange={(e) => setAnswer(e.target.value)} />
          )}
          <label htmlFor={whyId}>Why (optional)</label>
          <input id={whyId} type="text" className="why" value={why} placeholder="what you saw that tells you" onChange={(e) => setWhy(e.target.value)} />
          <button type="submit" disabled={text === '' || command.busy || timeUp}>
            Give answer
          </button>
        </div>
        <p className="tr-given" role="status">
          {given ? (
            <>
              Your answer: <strong>{given.answer}</strong> <span className="muted">(given at {fmtSimTime(Date.parse(given.at))})</span>
            </>
          ) : (
            <span className="muted">Not answered yet.</span>
          )}
        </p>
        {command.error !== null && (
          <p role="alert" className="error">
            Answer not recorded: {command.error}
          </p>
        )}
      </fieldset>
    </form>
  );
}
