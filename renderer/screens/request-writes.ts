// Writing requests on the kiosk: a new request at the desk, and a workflow step on a stored one.
// The signed-in staff member's role is checked first (renderer/staff/guard.ts), then the
// workflow's own rules; the step records that staff member, never a name typed on screen.
import type { RequestDoc } from '../../shared/documents/request';
import type { ResidentDoc } from '../../shared/documents/resident';
import { applyStep, type Step } from '../../shared/requests/workflow';
import { STEP_ACTIONS } from '../../shared/staff/step-actions';
import { deskRoleOf } from '../../shared/staff/roles';
import { editLocal } from '../../sync/client/local-edit';
import { pendingLocal } from '../../sync/client/local-fields';
import type { KioskDatabase } from '../../sync/client/store-types';
import { guard } from '../staff/guard';

export type StepOutcome = { ok: true; doc: RequestDoc } | { ok: false; reason: string };

export async function takeRequestStep(
  db: KioskDatabase,
  request: RequestDoc,
  step: Step,
  kioskId: string,
  input: { note?: string; missing?: readonly string[] } = {},
  at = new Date(),
): Promise<StepOutcome> {
  const staff = guard(STEP_ACTIONS[step]);
  // Every step's action is for desk roles only, so the guard leaves a desk role here.
  const role = deskRoleOf(staff.role)!;
  const result = applyStep(request, step, { name: staff.name, role, kioskId }, at, input);
  if (!result.ok) return result;
  await editLocal(db.requests, request.id, result.doc);
  return result;
}

/** A request received at the desk, with the walk-in's new local resident and the ticket served. */
export async function saveReceivedRequest(
  db: KioskDatabase,
  doc: RequestDoc,
  extras: { resident?: ResidentDoc | null; ticketId?: string } = {},
): Promise<void> {
  guard('request.create');
  // The walk-in's resident first: if the disk fills between the two writes, what is left is a
  // true register record (found, not duplicated, on the retry), never a request the desk said it
  // did not save.
  if (extras.resident) await db.residents.insert(pendingLocal(extras.resident));
  await db.requests.insert(pendingLocal(doc));
  if (extras.ticketId) {
    await editLocal(db.requests, extras.ticketId, {
      status: 'served',
      requestId: doc.id,
      updatedAt: new Date().toISOString(),
    });
  }
}
