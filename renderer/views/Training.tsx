import { ExercisePicker } from '../components/training/ExercisePicker.js';
import { DebriefView } from '../components/training/DebriefView.js';
import { InstructorRuns } from '../components/training/InstructorRuns.js';
import { TraineeRun } from '../components/training/TraineeRun.js';
import { hidesAnswers } from '../components/training/training-logic.js';
import { trainingHref } from '../router.js';
import { selectTraining } from '../store/selectors.js';
import { useStore } from '../store/store.js';
import '../components/training/training.css';

/**
 * Training: a trainee picks an exercise and plays it (briefing, clock, hints, questions, finish),
 * then reads the debrief; the instructor's page lists every run with its debrief and a CSV export.
 */
export function Training({ page }: { readonly page: 'exercise' | 'runs' }) {
  const status = useStore(selectTraining);
  const trainee = hidesAnswers(status);
  return (
    <div className="view">
      <h1>Training</h1>
      <nav aria-label="Training" className="tr-pages">
        <a href={trainingHref('exercise')} aria-current={page === 'exercise' ? 'page' : undefined}>
          {trainee ? 'Exercise under way' : 'Exercise'}
        </a>
        <a href={trainingHref('runs')} aria-current={page === 'runs' ? 'page' : undefined}>
          Instructor&rsquo;s view
        </a>
      </nav>
      {page === 'runs' ? (
        <InstructorRuns />
      ) : status !== null && trainee ? (
        <TraineeRun status={status} />
      ) : (
        <>
          {status?.debrief && <DebriefView debrief={status.debrief} title={`Debrief: ${status.debrief.exercise.title}`} />}
          <ExercisePicker />
        </>
      )}
    </div>
  );
}
