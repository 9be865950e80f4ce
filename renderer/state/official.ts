// Who is working the desk: the staff member the host signed in (decision 0008), no longer
// chosen on screen. Every workflow step records their name and role.
import { create } from 'zustand';
import type { Actor } from '../../shared/requests/workflow';
import { deskRoleOf, type StaffRole } from '../../shared/staff/roles';
import { useSignIn } from '../staff/store';
import { forgetOnNewHolder } from './forget-on-new-holder';

export interface Official {
  id: string;
  name: string;
  role: StaffRole;
}

const NOBODY: Official = { id: '', name: '', role: 'operator' };

/**
 * The staff member whose work the screens hold. Screens render only under a signed-in (or, while
 * locked, hidden) holder, so NOBODY is never acted on; the data layer checks the live session.
 */
export function useOfficial(): Official {
  return useSignIn((s) => s.holder) ?? NOBODY;
}

/** The workflow actor for a staff member, or null if their role works no desk. */
export function deskActor(official: Official, kioskId: string): Actor | null {
  const role = deskRoleOf(official.role);
  return role ? { name: official.name, role, kioskId } : null;
}

/** Which request the desk has open, and the ticket being served. */
export const useDesk = create<{
  openRequestId: string | null;
  ticket: string;
  ticketId: string;
  open(id: string | null): void;
  serve(ticket: string, ticketId: string): void;
}>((set) => ({
  openRequestId: null,
  ticket: '',
  ticketId: '',
  open: (openRequestId) => set({ openRequestId }),
  serve: (ticket, ticketId) => set({ ticket, ticketId }),
}));
// The open request and the ticket being served are this person's: the next one starts with none.
forgetOnNewHolder(useDesk);
