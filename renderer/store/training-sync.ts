import type { LinesightApi, TrainingStatus } from '../../engine/contract/index.js';
import { useStore } from './store.js';

/**
 * Make a training call that answers with the training status (`training.status`, `.hint`, `.answer`,
 * `.finish`) and write its answer to the store (see TrainingSlice for which answer wins).
 */
export function trackTraining<T extends TrainingStatus | null>(call: () => Promise<T>): Promise<T> {
  return call().then((status) => {
    useStore.getState().setTraining(status);
    return status;
  });
}

/** Read `training.status` into the store; a failure leaves the store as it was (the views show their own errors). */
export function refreshTraining(api: Pick<LinesightApi, 'queries'>): Promise<void> {
  return trackTraining(() => api.queries['training.status']()).then(
    () => undefined,
    () => undefined,
  );
}
