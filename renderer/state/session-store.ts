// The open kiosk session, shared by every screen.
import { create } from 'zustand';
import { openSession, type KioskSession } from '../session';

type SessionState =
  | { phase: 'opening' }
  | { phase: 'open'; session: KioskSession }
  | { phase: 'failed'; message: string };

export const useSession = create<SessionState & { open(): Promise<void> }>((set, get) => ({
  phase: 'opening',
  async open() {
    if (get().phase === 'open') return;
    try {
      set({ phase: 'open', session: await openSession() });
    } catch (err) {
      set({ phase: 'failed', message: err instanceof Error ? err.message : String(err) });
    }
  },
}));

/** The open session; only for components rendered once it is open. */
export function useOpenSession(): KioskSession {
  const state = useSession();
  if (state.phase !== 'open') throw new Error('Kiosk session is not open');
  return state.session;
}
