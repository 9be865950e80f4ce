// For tests of the renderer's data layer in Node: the signed-in staff member, as the sign-in
// store holds it after the host confirmed a login. The host's own checks are tested apart
// (electron/host/staff-handlers.test.ts).
import type { StaffRole } from '../../shared/staff/roles';
import { useSignIn } from '../../renderer/staff/store';

export function actAs(role: StaffRole, name = `Petugas ${role}`): void {
  useSignIn.getState().signedIn({ id: `test-${role}`, name, role, disabled: false });
}
