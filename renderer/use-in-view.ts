import { useEffect, useState, type RefObject } from 'react';

/**
 * Whether the element is on screen (or within `margin` of it). Views with many live parts — thirty
 * line tiles, a table of a hundred gaps below them — render the parts out of view no more: each
 * frame would re-render them for nobody. True where IntersectionObserver is missing (render as before).
 */
export function useInView(ref: RefObject<Element | null>, margin = '200px'): boolean {
  const [inView, setInView] = useState(true);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof IntersectionObserver === 'undefined') return;
    const io = new IntersectionObserver((entries) => setInView(entries.some((e) => e.isIntersecting)), { rootMargin: margin });
    io.observe(el);
    return () => io.disconnect();
  }, [ref, margin]);
  return inView;
}

/**
 * `value` while `live`; while not, the value it had when it stopped being live (the same
 * reference, so a memoised child does not render again). Catches up as soon as it is live again.
 */
export function useHeld<T>(value: T, live: boolean): T {
  // taken when `live` turns false and dropped when it turns true, while rendering (React renders
  // again at once): state changes only then, not at every new value
  const [held, setHeld] = useState<{ readonly value: T } | null>(null);
  if (!live && held === null) setHeld({ value });
  if (live && held !== null) setHeld(null);
  return live || held === null ? value : held.value;
}

/**
 * False on the first render, true from the next animation frame: a view renders its top first and
 * the parts below (long tables) one frame later, so opening it is two short tasks, not one long one.
 */
export function useAfterFirstFrame(): boolean {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    const id = requestAnimationFrame(() => setReady(true));
    return () => cancelAnimationFrame(id);
  }, []);
  return ready;
}
