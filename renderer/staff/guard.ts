// The data layer's own check: every write function calls `guard` with its action before it
// touches the database, so a restricted action is refused for the signed-in role even if a
// button for it were reachable. The role is the host-confirmed one of the sign-in store.
import type { StaffPublic } from '../../shared/staff/accounts';
import { assertMay, type Action } from '../../shared/staff/permissions';
import { useSignIn } from './store';

/** The signed-in staff member if their role may take `action`; throws a PermissionError if not. */
export function guard(action: Action): StaffPublic {
  const staff = useSignIn.getState().staff;
  assertMay(staff?.role, action);
  return staff!;
}
