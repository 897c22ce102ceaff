import { selectHidesAnswers } from '../../store/selectors.js';
import { useStore } from '../../store/store.js';
import { HIDDEN_TEXT } from './training-logic.js';
import './training.css';

/** True in trainee mode: the caller shows {@link HiddenInTraining} instead of its answer. */
export const useHidesAnswers = (): boolean => useStore(selectHidesAnswers);

/**
 * What stands where the console would name a probable cause or a verdict while a training run is
 * not finished: `what` says what is hidden (e.g. "Probable cause").
 */
export function HiddenInTraining({ what, inline = false }: { readonly what?: string; readonly inline?: boolean }) {
  const text = what === undefined ? HIDDEN_TEXT : `${what} — ${HIDDEN_TEXT.charAt(0).toLowerCase()}${HIDDEN_TEXT.slice(1)}`;
  return inline ? <span className="training-hidden">{text}</span> : <p className="training-hidden">{text}</p>;
}
