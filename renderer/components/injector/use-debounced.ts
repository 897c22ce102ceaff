import { useEffect, useState } from 'react';

/**
 * `value` once it has stayed the same for `ms` — so a query runs when the user pauses typing, not
 * per keystroke. Pass a memoized value: a new object each render would restart the wait.
 */
export function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const t = window.setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return settled;
}
