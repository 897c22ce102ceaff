/** Training: exercises, a trainee's run of one (console or scripted), and its scored debrief. */
export { loadExercise, listExercises, bundledExerciseIds, summaryOf, DEFAULT_HINT_COST, DEFAULT_MISTAKE_COSTS, type Exercise } from './exercise.js';
export { loadActions, parseActions, type ActionStep, type TraineeAction } from './actions-file.js';
export { giveAnswer, limitOf, newTraineeRun, statusOf, takeHint, traineeName, TrainingRefusal, type TraineeRun } from './trainee-run.js';
export { debriefRun, eventRef } from './debrief.js';
export { exerciseScenario, playExercise, recordRun, trainingRunRecord, trainingSessionName, type PlayResult } from './play.js';
export { trainingRunsCsv } from './runs-csv.js';
