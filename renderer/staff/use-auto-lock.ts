// Locks the kiosk after `minutes` without keyboard, mouse or touch: a shared office PC left
// alone must not stay open under someone's name. While staff work, the host hears of it at most
// once a minute (`report`), since it ends sessions it has not heard from (decision 0008).
import { useEffect } from 'react';

const ACTIVITY = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart'] as const;
const REPORT_EVERY_MS = 60_000;

/** `minutes` null: nobody is signed in, nothing to lock. */
export function useAutoLock(minutes: number | null, lock: () => void, report: () => void): void {
  useEffect(() => {
    if (minutes === null) return;
    let timer = window.setTimeout(lock, minutes * 60_000);
    let reported = Date.now();
    const restart = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(lock, minutes * 60_000);
      if (Date.now() - reported >= REPORT_EVERY_MS) {
        reported = Date.now();
        report();
      }
    };
    for (const type of ACTIVITY) window.addEventListener(type, restart, { passive: true });
    return () => {
      window.clearTimeout(timer);
      for (const type of ACTIVITY) window.removeEventListener(type, restart);
    };
  }, [minutes, lock, report]);
}
