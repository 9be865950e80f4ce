// Nothing one staff member left on screen is shown to the next: when the person holding the
// screens changes (Keluar, or someone else signing in at a locked kiosk), the per-session UI state
// — the open request and ticket, the chosen screen, the finance year and recorder — goes back to
// its start. A lock alone keeps it: the same person comes back to their work.
import { useFiscalYear } from '../finance/store';
import { useSignIn } from '../staff/store';
import { useNavigation } from './navigation';
import { useDesk } from './official';

export function resetSessionState(): void {
  useDesk.setState(useDesk.getInitialState(), true);
  useNavigation.setState(useNavigation.getInitialState(), true);
  useFiscalYear.setState(useFiscalYear.getInitialState(), true);
}

/** Installs the reset once for the page; returns the unsubscribe (for tests). */
export function resetOnHolderChange(): () => void {
  return useSignIn.subscribe((now, before) => {
    if (now.holder?.id !== before.holder?.id) resetSessionState();
  });
}
