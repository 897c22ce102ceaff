import { useEffect, useState } from 'react';

/**
 * How many of `total` parts to render now: `first` at once, then `step` more per task until all are
 * shown. Opening a view of thirty line tiles is then a few short tasks rather than one long one; a
 * part once shown stays shown. Not a transition: live frames (ten a second) would keep interrupting
 * it, and the last tiles would wait seconds.
 */
export function useProgressive(total: number, first = 6, step = 4): number {
  const [n, setN] = useState(first);
  useEffect(() => {
    if (n >= total) return;
    const id = setTimeout(() => setN((x) => x + step), 0);
    return () => clearTimeout(id);
  }, [n, total, step]);
  return Math.min(n, total);
}
