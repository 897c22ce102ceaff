import { useId, useState } from 'react';
import type { Role } from '../../../engine/contract/index.js';
import { PinDialog, type PinMode } from './PinDialog.js';
import { errorMessage } from '../../format.js';
import { useProfile } from './use-profile.js';
import './profile.css';
import { useDisclosure } from '../use-disclosure.js';

const ROLES: readonly { readonly role: Role; readonly label: string; readonly may: string }[] = [
  { role: 'trainee', label: 'Trainee', may: 'simulations and exercises' },
  { role: 'operator', label: 'Operator', may: 'also watches live brokers and runs the embedded one' },
  { role: 'engineer', label: 'Engineer', may: 'also publishes, resends, discards, saves mappings, deletes sessions' },
];

/**
 * "Role: operator ▾" at the end of the header: the host's role, and a small panel to switch it
 * (down freely, up to engineer with the PIN), lock back to operator, and set or change the PIN.
 * A disclosure, not a menu widget: plain buttons in tab order; Escape or a click elsewhere closes it.
 * The engine enforces roles whatever this shows; a refused call names the role it needs.
 */
export function ProfileControl() {
  const profile = useProfile();
  const { status } = profile;
  const { open, setOpen, trigger, close, rootProps } = useDisclosure();
  const [dialog, setDialog] = useState<PinMode | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const panelId = useId();
  const titleId = useId();

  const toggle = (): void => {
    if (!open) {
      // the role is the host's: another window or the CLI may have changed it
      profile.refresh();
      setError(null);
    }
    setOpen(!open);
  };
  const openDialog = (mode: PinMode): void => {
    setOpen(false);
    setDialog(mode);
  };
  const closeDialog = (): void => {
    setDialog(null);
    trigger.current?.focus();
  };

  const switchTo = (role: Role): void => {
    if (status === null || role === status.role) return;
    if (role === 'engineer' && status.pinSet) return openDialog('unlock');
    setBusy(true);
    setError(null);
    profile.switchTo(role).then(
      () => {
        setBusy(false);
        close();
      },
      (err: unknown) => {
        setBusy(false);
        setError(errorMessage(err));
      },
    );
  };

  const role = status?.role;
  const label = role === undefined ? (profile.error === null ? 'Role: …' : 'Role: unknown') : `Role: ${role}`;
  const unguarded = status !== null && !status.pinSet;
  return (
    <div {...rootProps} className="profile">
      <button
        ref={trigger}
        type="button"
        className={`profile-trigger profile-${role ?? 'unknown'}${unguarded ? ' profile-unguarded' : ''}`}
        aria-expanded={open}
        aria-controls={panelId}
        title={unguarded ? 'No engineer PIN is set: roles are not in force' : 'The role this console acts in; switch or lock it here'}
        onClick={toggle}
      >
        {label}
        {unguarded && <span className="profile-flag"> · no PIN</span>}
        <span aria-hidden="true" className="profile-caret">
          ▾
        </span>
      </button>
      <div id={panelId} className="panel profile-panel" role="group" aria-labelledby={titleId} hidden={!open}>
        <p id={titleId} className="profile-title">
          Role of this console
        </p>
        {status === null ? (
          <p className="muted">{profile.error === null ? 'Asking the host…' : `Cannot read the role: ${profile.error}`}</p>
        ) : (
          <>
            <p className="muted profile-who">Actions are recorded as {status.operator} unless a page names someone else.</p>
            <ul className="profile-roles" aria-label="Switch role">
              {ROLES.map((r) => {
                const current = r.role === status.role;
                const needsPin = r.role === 'engineer' && status.pinSet && !current;
                return (
                  <li key={r.role}>
                    <button type="button" aria-pressed={current} disabled={busy} onClick={() => switchTo(r.role)}>
                      {r.label}
                      {needsPin ? '…' : ''}
                      {current && (
                        <span aria-hidden="true" className="profile-check">
                          {' ✓'}
                        </span>
                      )}
                    </button>
                    <span className="muted">{r.may}</span>
                  </li>
                );
              })}
            </ul>
            {status.pinProblem !== null && (
              <p className="error">
                The engineer PIN file cannot be read, so the engineer role cannot be unlocked until it is replaced: {status.pinProblem}
              </p>
            )}
            {!status.pinSet && <p className="profile-warn">No engineer PIN: anyone here may publish, delete and discard.</p>}
            {error !== null && (
              <p className="error" role="alert">
                Not switched: {error}
              </p>
            )}
            <div className="controls profile-actions">
              {status.pinSet && status.role === 'engineer' && (
                <button type="button" disabled={busy} title="Back to the operator role; the engineer role then needs the PIN again" onClick={() => switchTo('operator')}>
                  Lock
                </button>
              )}
              {!status.pinSet && (
                <button type="button" onClick={() => openDialog('set')}>
                  Set PIN…
                </button>
              )}
              {status.pinSet && status.role === 'engineer' && status.pinProblem === null && (
                <button type="button" onClick={() => openDialog('change')}>
                  Change PIN…
                </button>
              )}
            </div>
          </>
        )}
      </div>
      {dialog !== null && <PinDialog mode={dialog} profile={profile} onDone={closeDialog} onClose={closeDialog} />}
    </div>
  );
}
