// A letter request a resident makes at the anjungan: the same document as the desk's, received
// under the anjungan's name and marked "dari anjungan", so the desk sees where it came from and
// checks, approves, signs and prints it as any other (the workflow does not change).
import { requestFromForm, type RequestFormResult } from '../documents/request-form';
import type { RequestDoc } from '../documents/request';
import type { Author } from '../documents/base';
import { REQUEST_TYPES } from '../requests/catalogue';
import type { ResidentPublic } from './identity';

export const FROM_ANJUNGAN_NOTE = 'dari anjungan';
export const ANJUNGAN_ACTOR_NAME = 'Anjungan mandiri';

export function anjunganRequest(
  resident: Pick<ResidentPublic, 'nik' | 'name'>,
  ask: { serviceType: string; purpose: string; requirements: string[] },
  author: Author,
  now = new Date(),
): RequestFormResult {
  const result = requestFromForm(
    { nik: resident.nik, name: resident.name, serviceType: ask.serviceType, purpose: ask.purpose },
    author,
    now,
    {
      requirements: ask.requirements,
      // The desk's own step names the staff member; here nobody at the office took it yet.
      actor: { name: ANJUNGAN_ACTOR_NAME, role: 'operator', kioskId: author.kioskId },
    },
  );
  if (!result.ok) return result;
  const [received, ...rest] = result.doc.events;
  return {
    ok: true,
    doc: { ...result.doc, events: [{ ...received!, note: FROM_ANJUNGAN_NOTE }, ...rest] },
  };
}

export function isFromAnjungan(request: Pick<RequestDoc, 'events'>): boolean {
  const first = request.events[0];
  return first?.step === 'received' && first.note === FROM_ANJUNGAN_NOTE;
}

/**
 * The letter types a resident can ask for on their own: those with no required detail beyond
 * the applicant (the rest need a clerk to fill in parents, witnesses, incomes…).
 */
export const ANJUNGAN_LETTER_TYPES = REQUEST_TYPES.filter(
  (t) =>
    t.fields.every((f) => !f.required) &&
    t.subjects.every((s) => s.role === 'applicant' || !s.required),
);
