// The open kiosk session, shared by every screen.
import { create } from 'zustand';
import { RecoveryNeeded } from '../backup/recovery';
import { openSession, type KioskSession } from '../session';

type SessionState =
  | { phase: 'opening' }
  | { phase: 'open'; session: KioskSession }
  | { phase: 'failed'; message: string; recovery: boolean };

// One database per page: a second open (React runs effects twice in development) must reuse the
// first, or RxDB would close the instance the first session is using.
let opening: Promise<void> | null = null;

export const useSession = create<SessionState & { open(): Promise<void> }>((set) => ({
  phase: 'opening',
  open() {
    opening ??= openSession().then(
      (session) => set({ phase: 'open', session }),
      (err: unknown) =>
        set({
          phase: 'failed',
          message: err instanceof Error ? err.message : String(err),
          // A lost or damaged database: staff are offered a rebuild or a restore.
          recovery: err instanceof RecoveryNeeded,
        }),
    );
    return opening;
  },
}));

/** The open session; only for components rendered once it is open. */
export function useOpenSession(): KioskSession {
  const state = useSession();
  if (state.phase !== 'open') throw new Error('Kiosk session is not open');
  return state.session;
}
