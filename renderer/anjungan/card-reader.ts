// The e-KTP reader is a USB keyboard as far as the PC knows: it types the chip's UID as digits,
// then Enter, faster than any hand. The anjungan has no keyboard of its own (touch only), so
// digits arriving this way, 10–17 of them closed by Enter, are a card; anything slower is not.
import { useEffect, useRef } from 'react';
import { cardUidSchema } from '../../shared/anjungan/identity';

/** The longest pause between a reader's keystrokes; people take far longer. */
const READER_GAP_MS = 80;

export function useCardReader(onCard: (uid: string) => void, active: boolean): void {
  const latest = useRef(onCard);
  useEffect(() => {
    latest.current = onCard;
  });
  useEffect(() => {
    if (!active) return;
    let digits = '';
    let last = 0;
    const onKey = (e: KeyboardEvent) => {
      const now = performance.now();
      if (now - last > READER_GAP_MS) digits = '';
      last = now;
      if (/^\d$/.test(e.key)) {
        digits += e.key;
        e.preventDefault();
      } else if (e.key === 'Enter') {
        const uid = digits;
        digits = '';
        if (cardUidSchema.safeParse(uid).success) {
          e.preventDefault();
          latest.current(uid);
        }
      } else {
        digits = '';
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [active]);
}
