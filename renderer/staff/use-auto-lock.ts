// Locks the kiosk after `minutes` without keyboard, mouse or touch: a shared office PC left
// alone must not stay open under someone's name.
import { useEffect } from 'react';

const ACTIVITY = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart'] as const;

/** `minutes` null: nobody is signed in, nothing to lock. */
export function useAutoLock(minutes: number | null, lock: () => void): void {
  useEffect(() => {
    if (minutes === null) return;
    let timer = window.setTimeout(lock, minutes * 60_000);
    const restart = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(lock, minutes * 60_000);
    };
    for (const type of ACTIVITY) window.addEventListener(type, restart, { passive: true });
    return () => {
      window.clearTimeout(timer);
      for (const type of ACTIVITY) window.removeEventListener(type, restart);
    };
  }, [minutes, lock]);
}
