import { useEffect, useId, useState } from 'react';
import { useApi } from '../api/api-context.js';
import { selectConnection } from '../store/selectors.js';
import { useStore } from '../store/store.js';

const STORAGE_KEY = 'linesight.operator';

function stored(): string {
  try {
    return localStorage.getItem(STORAGE_KEY) ?? '';
  } catch {
    // storage can be unavailable (privacy settings); the host's default user still applies
    return '';
  }
}

function remember(name: string): void {
  try {
    if (name === '') localStorage.removeItem(STORAGE_KEY);
    else localStorage.setItem(STORAGE_KEY, name);
  } catch {
    /* not remembered; the field still works for this page */
  }
}

/**
 * The name operator actions are journaled under: what the user typed (remembered across visits),
 * else the host's default (`session.settings().operator`). `who` is undefined when the user typed
 * nothing, so the host applies its own default.
 */
export function useOperatorName(): { readonly name: string; readonly fallback: string; readonly setName: (name: string) => void; readonly who: string | undefined } {
  const api = useApi();
  const connection = useStore(selectConnection);
  const [name, setNameState] = useState(stored);
  const [fallback, setFallback] = useState('');
  useEffect(() => {
    if (connection !== 'open') return;
    let live = true;
    api.queries['session.settings']().then(
      (s) => live && setFallback(s.operator),
      // without settings the field simply shows no default; actions still go through
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [api, connection]);
  const setName = (next: string): void => {
    setNameState(next);
    remember(next.trim());
  };
  const who = name.trim() || undefined;
  return { name, fallback, setName, who };
}

/** "Acting as <name>": who the journal records for the actions on this page. */
export function ActingAs({ name, fallback, onChange }: { readonly name: string; readonly fallback: string; readonly onChange: (name: string) => void }) {
  const id = useId();
  const hintId = useId();
  return (
    <div className="acting-as">
      <label htmlFor={id}>Acting as</label>
      <input
        id={id}
        type="text"
        value={name}
        placeholder={fallback || 'the host user'}
        autoComplete="username"
        aria-describedby={hintId}
        onChange={(e) => onChange(e.target.value)}
      />
      <span id={hintId} className="muted">
        recorded with every action{fallback && !name.trim() ? ` (default: ${fallback})` : ''}
      </span>
    </div>
  );
}
