import { useEffect, useId, useRef, useState } from 'react';
import type { ProfileStatus } from '../../../engine/contract/index.js';
import { errorMessage } from '../../format.js';
import type { Profile } from './use-profile.js';

/** What the dialog does: unlock the engineer role, set the first PIN, or change the PIN. */
export type PinMode = 'unlock' | 'set' | 'change';

const TITLE: Record<PinMode, string> = {
  unlock: 'Unlock the engineer role',
  set: 'Set the engineer PIN',
  change: 'Change the engineer PIN',
};
const SUBMIT: Record<PinMode, string> = { unlock: 'Unlock', set: 'Set PIN', change: 'Change PIN' };
const BUSY: Record<PinMode, string> = { unlock: 'Checking…', set: 'Setting…', change: 'Changing…' };

/** The host's rule (engine/host/engineer-pin.ts), checked here too so a typo is caught before the call. */
const MIN = 4;
const MAX = 64;

/** Why a new PIN cannot be used, or null: its length, and whether it was typed the same twice. */
function newPinProblem(pin: string, again: string): string | null {
  const chars = [...pin].length;
  if (chars < MIN || chars > MAX || pin.trim() === '') return `the PIN must have ${MIN} to ${MAX} characters`;
  if (pin !== again) return 'the two new PINs differ';
  return null;
}

type Props = {
  readonly mode: PinMode;
  readonly profile: Profile;
  readonly onDone: (status: ProfileStatus) => void;
  readonly onClose: () => void;
};

/**
 * A small modal for the engineer PIN: one field to unlock, two to set the first PIN, three to change
 * it. Focus starts in the first PIN field; Escape or Cancel closes; the host's refusal ("wrong PIN",
 * "too many wrong PINs: try again in 30 s") is shown under the fields, which are cleared for a retry.
 */
export function PinDialog({ mode, profile, onDone, onClose }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const first = useRef<HTMLInputElement>(null);
  const titleId = useId();
  const hintId = useId();
  const ids = { current: useId(), pin: useId(), again: useId() };
  const [current, setCurrent] = useState('');
  const [pin, setPin] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const d = dialog.current;
    if (d !== null && !d.open) d.showModal();
    first.current?.focus();
    return () => d?.close();
  }, []);

  const fail = (message: string): void => {
    setError(message);
    setBusy(false);
    // a wrong PIN is typed again from scratch
    if (mode !== 'set') {
      if (mode === 'unlock') setPin('');
      else setCurrent('');
      first.current?.focus();
    }
  };

  const submit = (): void => {
    if (busy) return;
    if (mode === 'unlock') {
      if (pin === '') return fail('type the engineer PIN');
    } else {
      if (mode === 'change' && current === '') return fail('type the current PIN');
      const problem = newPinProblem(pin, again);
      if (problem !== null) {
        setError(problem);
        return;
      }
    }
    setBusy(true);
    setError(null);
    const call = mode === 'unlock' ? profile.switchTo('engineer', pin) : profile.setPin(mode === 'change' ? { pin, current } : { pin });
    call.then(onDone, (err: unknown) => fail(errorMessage(err)));
  };

  const newFields = mode !== 'unlock';
  return (
    <dialog
      ref={dialog}
      className="panel profile-dialog"
      aria-labelledby={titleId}
      aria-describedby={hintId}
      // closed by Escape or by the effect's clean-up; StrictMode re-opens it at once, which is not a close
      onClose={() => {
        if (!dialog.current?.open) onClose();
      }}
    >
      <h2 id={titleId}>{TITLE[mode]}</h2>
      <p id={hintId} className="muted profile-hint">
        {mode === 'unlock'
          ? 'The engineer role publishes to live brokers, resends and discards dead letters, saves mappings and deletes sessions.'
          : mode === 'set'
            ? `At least ${MIN} characters. With a PIN set, this console starts in the operator role and the engineer role needs the PIN.`
            : `The new PIN needs at least ${MIN} characters.`}
      </p>
      <form
        className="profile-form"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        {mode === 'change' && (
          <>
            <label htmlFor={ids.current}>Current PIN</label>
            <input ref={first} id={ids.current} type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} />
          </>
        )}
        <label htmlFor={ids.pin}>{newFields ? 'New PIN' : 'Engineer PIN'}</label>
        <input
          ref={mode === 'change' ? undefined : first}
          id={ids.pin}
          type="password"
          autoComplete={newFields ? 'new-password' : 'current-password'}
          value={pin}
          onChange={(e) => setPin(e.target.value)}
        />
        {newFields && (
          <>
            <label htmlFor={ids.again}>New PIN again</label>
            <input id={ids.again} type="password" autoComplete="new-password" value={again} onChange={(e) => setAgain(e.target.value)} />
          </>
        )}
        {error !== null && (
          <p className="error profile-error" role="alert">
            {mode === 'unlock' ? 'Not unlocked' : mode === 'set' ? 'PIN not set' : 'PIN not changed'}: {error}
          </p>
        )}
        <div className="controls profile-buttons">
          <button type="submit" disabled={busy}>
            {busy ? BUSY[mode] : SUBMIT[mode]}
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}
