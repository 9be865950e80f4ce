// Who is working the desk: the signed-in official's name and role, chosen on the kiosk (decision
// 0004). Every workflow step records them.
import { create } from 'zustand';
import type { Role } from '../../shared/requests/workflow';

export const useOfficial = create<{
  name: string;
  role: Role;
  set(name: string, role: Role): void;
}>((set) => ({
  name: '',
  role: 'operator',
  set: (name, role) => set({ name, role }),
}));

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
