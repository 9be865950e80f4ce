// Pieces every form in the domain uses: the resident-number field and the step from zod's
// issues to one message per field, in Bahasa Indonesia, for staff.
import { z } from 'zod';
import { isTemporaryNik, parseNik } from './nik';

/** A NIK as typed (spaces dropped), or a temporary number for a resident without one. */
export const residentNumberField = () =>
  z
    .string()
    .transform((v) => v.replace(/\s+/g, ''))
    .superRefine((nik, ctx) => {
      if (isTemporaryNik(nik)) return;
      const parsed = parseNik(nik);
      if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.message });
    });

/** The first message for each field that failed, keyed by the field's name. */
export function fieldErrors<F extends string>(error: z.ZodError): Partial<Record<F, string>> {
  const errors: Partial<Record<F, string>> = {};
  for (const issue of error.issues) errors[issue.path[0] as F] ??= issue.message;
  return errors;
}
