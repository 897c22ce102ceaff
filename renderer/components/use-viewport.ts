import { useLayoutEffect, useState, type RefObject, type UIEvent } from 'react';

/**
 * A scrolling element's scroll position and height, for lists windowed by hand (only the rows in
 * view are in the DOM): `ref` is the element's, `onScroll` goes on it; its height follows resizes.
 */
export function useViewport(ref: RefObject<HTMLElement | null>) {
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(0);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setHeight(el.clientHeight));
    observer.observe(el);
    setHeight(el.clientHeight);
    return () => observer.disconnect();
  }, [ref]);
  const onScroll = (e: UIEvent<HTMLElement>): void => setScrollTop(e.currentTarget.scrollTop);
  return { scrollTop, height, onScroll };
}
