import { useEffect, useRef, useState, type FocusEvent, type KeyboardEvent } from 'react';

/**
 * A header disclosure (the role control, Preferences, the alerts bell): open or not, closed by a
 * pointer down anywhere outside its root, by focus leaving it (unless `stayOnBlur` says not now)
 * and by Escape; `close` gives focus back to the button that opened it, as keyboard users expect.
 * Spread `rootProps` on the element that holds the button and the panel.
 */
export function useDisclosure(stayOnBlur = false) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!open) return;
    const away = (e: PointerEvent): void => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', away);
    return () => document.removeEventListener('pointerdown', away);
  }, [open]);
  const close = (): void => {
    setOpen(false);
    trigger.current?.focus();
  };
  const rootProps = {
    ref: root,
    onKeyDown: (e: KeyboardEvent) => {
      if (e.key === 'Escape' && open) {
        e.stopPropagation();
        close();
      }
    },
    onBlur: (e: FocusEvent) => {
      if (open && !stayOnBlur && !root.current?.contains(e.relatedTarget)) setOpen(false);
    },
  };
  return { open, setOpen, trigger, close, rootProps };
}
