// Who is signed in on this kiosk, as the host says (decision 0008). The renderer only mirrors
// the host's session: signing in, out and locking all go through the bridge.
import { create } from 'zustand';
import type { SetupStatus, StaffPublic } from '../../shared/staff/accounts';
import { getBridge } from '../bridge';

export type SignInPhase = 'checking' | 'setup' | 'signed-out' | 'signed-in' | 'failed';

interface SignInState {
  phase: SignInPhase;
  status: SetupStatus | null;
  /** Signed in now, as the host knows it; null while locked or signed out. */
  staff: StaffPublic | null;
  /**
   * Whose work the screens hold: the signed-in staff, and still them while the kiosk is locked,
   * so their unsaved work waits (hidden) for them. Another staff member signing in replaces it.
   */
  holder: StaffPublic | null;
  message: string;
  refresh(): Promise<void>;
  signedIn(staff: StaffPublic): void;
  lock(): Promise<void>;
  logout(): Promise<void>;
  setStatus(status: SetupStatus): void;
}

export const useSignIn = create<SignInState>((set) => ({
  phase: 'checking',
  status: null,
  staff: null,
  holder: null,
  message: '',
  async refresh() {
    try {
      const bridge = getBridge();
      const [status, staff] = await Promise.all([bridge.setupStatus(), bridge.whoami()]);
      if (status.needed) set({ phase: 'setup', status, staff: null, holder: null });
      else if (staff) set({ phase: 'signed-in', status, staff, holder: staff });
      else set({ phase: 'signed-out', status, staff: null });
    } catch (err) {
      set({ phase: 'failed', message: err instanceof Error ? err.message : String(err) });
    }
  },
  signedIn(staff) {
    set({ phase: 'signed-in', staff, holder: staff });
  },
  async lock() {
    set({ phase: 'signed-out', staff: null });
    await getBridge().logout();
  },
  async logout() {
    set({ phase: 'signed-out', staff: null, holder: null });
    await getBridge().logout();
  },
  setStatus(status) {
    set({ status });
  },
}));
