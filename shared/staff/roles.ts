// The staff roles of a village office. A superset of the service desk's roles
// (shared/requests/workflow.ts): a request event still records one of those three, so documents
// written before sign-in existed, and other kiosks' readers, stay valid.
import { ROLES as DESK_ROLES, type Role as DeskRole } from '../requests/workflow';

export const STAFF_ROLES = [
  'operator',
  'bendahara',
  'sekretaris',
  'kepala-desa',
  'administrator',
] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const STAFF_ROLE_LABELS: Record<StaffRole, string> = {
  operator: 'Operator layanan',
  bendahara: 'Bendahara Desa',
  sekretaris: 'Sekretaris Desa',
  'kepala-desa': 'Kepala Desa',
  administrator: 'Administrator kios',
};

/** The desk role a request event records for this staff role, or null if it works no desk. */
export function deskRoleOf(role: StaffRole): DeskRole | null {
  return (DESK_ROLES as readonly string[]).includes(role) ? (role as DeskRole) : null;
}
