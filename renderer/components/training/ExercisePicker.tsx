import { useEffect, useId, useState } from 'react';
import type { ExerciseSummary } from '../../../engine/contract/index.js';
import { useApi } from '../../api/api-context.js';
import { errorMessage } from '../../format.js';
import { nextArrival } from '../../store/bind-api.js';
import { selectConnection, selectStatus } from '../../store/selectors.js';
import { useStore } from '../../store/store.js';
import { refreshTraining } from '../../store/training-sync.js';
import { fmtLimit } from './training-logic.js';

/** The last list read: a remount (the view after a debrief) shows it at once while it is read again. */
let lastList: readonly ExerciseSummary[] | null = null;

const LEVELS: Readonly<Record<ExerciseSummary['level'], string>> = { beginner: 'Beginner', intermediate: 'Intermediate', advanced: 'Advanced' };

/**
 * Start an exercise: the bundled exercises (title, level, time limit, what it is about), the
 * trainee's name, and "Start exercise" — a new simulation session of its scenario, paused at its start.
 */
export function ExercisePicker() {
  const api = useApi();
  const connection = useStore(selectConnection);
  const status = useStore(selectStatus);
  const [exercises, setExercises] = useState<readonly ExerciseSummary[] | null>(lastList);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [picked, setPicked] = useState('');
  const [trainee, setTrainee] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const titleId = useId();
  const nameId = useId();
  const nameHintId = useId();

  useEffect(() => {
    if (connection !== 'open') return;
    let live = true;
    api.queries['training.exercises']().then(
      (list) => {
        lastList = list;
        if (!live) return;
        setExercises(list);
        setLoadError(null);
        setPicked((cur) => cur || list[0]?.id || '');
      },
      (err: unknown) => live && setLoadError(errorMessage(err)),
    );
    return () => {
      live = false;
    };
  }, [api, connection]);

  const name = trainee.trim();
  const canStart = connection === 'open' && !busy && picked !== '' && name !== '';
  const start = (): void => {
    setBusy(true);
    setError(null);
    api.commands['training.start']({ exercise: picked, trainee: name })
      .then(
        (info) => {
          useStore.getState().setInfo(info, nextArrival());
          useStore.getState().setLastError(null);
          return refreshTraining(api);
        },
        (err: unknown) => setError(errorMessage(err)),
      )
      .finally(() => setBusy(false));
  };

  return (
    <section className="panel" aria-labelledby={titleId}>
      <h2 id={titleId}>Start an exercise</h2>
      {loadError !== null && <p className="error">Cannot list the exercises: {loadError}</p>}
      {exercises === null && loadError === null && <p className="muted">Loading the exercises…</p>}
      {exercises !== null && exercises.length === 0 && <p className="empty">No exercise is bundled with this build.</p>}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (canStart) start();
        }}
      >
        {exercises !== null && exercises.length > 0 && (
          <fieldset className="tr-exercises">
            <legend>Exercise</legend>
            <ul>
              {exercises.map((x) => (
                <li key={x.id} className={x.id === picked ? 'tr-exercise tr-picked' : 'tr-exercise'}>
                  <label>
                    <input type="radio" name="exercise" value={x.id} checked={x.id === picked} onChange={() => setPicked(x.id)} />{' '}
                    <strong>{x.title}</strong>
                  </label>
                  <p className="tr-exercise-facts muted">
                    <span className={`tr-level tr-level-${x.level}`}>{LEVELS[x.level]}</span> · time limit {fmtLimit(x.timeLimitMs)} of plant time · scenario{' '}
                    <code>{x.scenario}</code>
                  </p>
                  <p className="tr-exercise-summary">{x.summary}</p>
                </li>
              ))}
            </ul>
          </fieldset>
        )}
        <div className="controls">
          <label htmlFor={nameId}>Trainee name</label>
          <input
            id={nameId}
            type="text"
            required
            aria-required="true"
            aria-describedby={nameHintId}
            autoComplete="name"
            value={trainee}
            onChange={(e) => setTrainee(e.target.value)}
          />
          <button type="submit" disabled={!canStart}>
            {busy ? 'Starting…' : 'Start exercise'}
          </button>
        </div>
        <p id={nameHintId} className="muted">
          The run is recorded under this name for the instructor. The exercise starts paused: read the briefing, then press Play.
          {status !== 'idle' && ' Starting ends the session running now.'}
        </p>
      </form>
      {error !== null && (
        <p role="alert" className="error">
          Exercise not started: {error}
        </p>
      )}
    </section>
  );
}
