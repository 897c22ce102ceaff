import { useCallback, useEffect, useState } from 'react';
import type { ProfileStatus, Role, SetPinArgs } from '../../../engine/contract/index.js';
import { useApi } from '../../api/api-context.js';
import { errorMessage } from '../../format.js';
import { selectConnection } from '../../store/selectors.js';
import { useStore } from '../../store/store.js';

export type Profile = {
  /** the host's role and PIN state; null until the host has answered */
  readonly status: ProfileStatus | null;
  /** why the status could not be read, else null */
  readonly error: string | null;
  /** ask the host again (the role is the host's: another window or the CLI may have changed it) */
  refresh(): void;
  /** switch role; rejects with the host's message ("wrong PIN", "too many wrong PINs: …") */
  switchTo(role: Role, pin?: string): Promise<ProfileStatus>;
  /** set or change the engineer PIN; rejects with the host's message */
  setPin(args: SetPinArgs): Promise<ProfileStatus>;
};

/**
 * The host's role, read when the connection (re)opens and after each switch. Kept local to the
 * control: views learn of a refusal from the call they made, which names the role it needs.
 */
export function useProfile(): Profile {
  const api = useApi();
  const connection = useStore(selectConnection);
  const [status, setStatus] = useState<ProfileStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [asked, setAsked] = useState(0);

  useEffect(() => {
    if (connection !== 'open') return;
    let live = true;
    api.queries['profile.status']().then(
      (s) => {
        if (!live) return;
        setStatus(s);
        setError(null);
      },
      (err: unknown) => live && setError(errorMessage(err)),
    );
    return () => {
      live = false;
    };
  }, [api, connection, asked]);

  const refresh = useCallback(() => setAsked((n) => n + 1), []);
  const switchTo = useCallback(
    async (role: Role, pin?: string): Promise<ProfileStatus> => {
      try {
        const s = await api.commands['profile.switch'](pin === undefined ? { role } : { role, pin });
        setStatus(s);
        return s;
      } finally {
        // a wrong PIN changes the lockout; a switch elsewhere may have raced this one
        refresh();
      }
    },
    [api, refresh],
  );
  const setPin = useCallback(
    async (args: SetPinArgs): Promise<ProfileStatus> => {
      try {
        const s = await api.commands['profile.setPin'](args);
        setStatus(s);
        return s;
      } finally {
        refresh();
      }
    },
    [api, refresh],
  );
  return { status, error, refresh, switchTo, setPin };
}
