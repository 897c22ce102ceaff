import { useCallback, useState } from 'react';
import type { TrainingStatus } from '../../../engine/contract/index.js';
import { errorMessage } from '../../format.js';
import { trackTraining } from '../../store/training-sync.js';

/**
 * A training command (`training.hint`, `.answer`, `.finish`) with its busy flag and last error; the
 * status it answers goes to the store, so every view sees the change (trainee mode ends on finish).
 */
export function useTrainingCommand(): {
  readonly busy: boolean;
  readonly error: string | null;
  run(call: () => Promise<TrainingStatus>, done?: (status: TrainingStatus) => void): void;
} {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback((call: () => Promise<TrainingStatus>, done?: (status: TrainingStatus) => void) => {
    setBusy(true);
    setError(null);
    trackTraining(call)
      .then(
        (status) => done?.(status),
        (err: unknown) => setError(errorMessage(err)),
      )
      .finally(() => setBusy(false));
  }, []);
  return { busy, error, run };
}
