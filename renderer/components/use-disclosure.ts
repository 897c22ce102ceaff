import { useEffect, useRef, useState } from 'react';

/**
 * A header disclosure (the role control, Preferences, the alerts bell): open or not, closed by a
 * pointer down anywhere outside its root; `close` gives focus back to the button that opened it
 * (after Escape or a choice), as keyboard users expect.
 */
export function useDisclosure() {
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
  return { open, setOpen, root, trigger, close };
}
