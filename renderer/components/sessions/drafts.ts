import { useCallback, useState } from 'react';

/**
 * What was typed in the Sessions view's forms, kept per field outside React: closing a panel,
 * switching to another session's action or visiting another view and back loses nothing.
 */
const drafts = new Map<string, string>();

/** A text field's value, remembered under `key` (e.g. `whatif:3`) for as long as the page lives. */
export function useDraft(key: string, initial = ''): readonly [string, (value: string) => void] {
  const [value, setValue] = useState(() => drafts.get(key) ?? initial);
  const set = useCallback(
    (v: string) => {
      drafts.set(key, v);
      setValue(v);
    },
    [key],
  );
  return [value, set] as const;
}
