// The header's part for staff: who is signed in, "Kunci" (lock, work kept hidden) and "Keluar"
// (sign out, work dropped), and the auto-lock that locks by itself after idle minutes.
import { useCallback } from 'react';
import { STAFF_ROLE_LABELS } from '../../shared/staff/roles';
import { getBridge } from '../bridge';
import { Button } from '../ui';
import { useSignIn } from './store';
import { useAutoLock } from './use-auto-lock';

export function StaffBar() {
  const { staff, status, lock, logout } = useSignIn();
  const lockNow = useCallback(() => void lock(), [lock]);
  // The host has ended a session it did not hear from in time: lock here too.
  const report = useCallback(() => {
    getBridge()
      .whoami()
      .then((who) => {
        if (!who) void lock();
      })
      // A host that cannot answer now (restarting) is asked again at the next minute of work.
      .catch(() => undefined);
  }, [lock]);
  useAutoLock(staff ? (status?.autoLockMinutes ?? 5) : null, lockNow, report);
  if (!staff) return null;
  return (
    <span className="staff-bar">
      <span data-testid="signed-in">
        {staff.name} · {STAFF_ROLE_LABELS[staff.role]}
      </span>
      <Button small onClick={lockNow}>
        Kunci
      </Button>
      <Button small onClick={() => void logout()}>
        Keluar
      </Button>
    </span>
  );
}
