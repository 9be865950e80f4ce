// Export and restore are the administrator's (shared/staff/permissions.ts). The host's session is
// the authority on who is signed in, so the renderer asks it rather than trusting its own state;
// the host checks again for what it does itself (switching the database, reading its backups).
import { assertMay, type Action } from '../../shared/staff/permissions';
import { getBridge } from '../bridge';

export async function assertSignedInMay(action: Action): Promise<void> {
  const me = await getBridge().whoami();
  assertMay(me?.role, action);
}
