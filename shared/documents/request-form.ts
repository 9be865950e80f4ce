// The walk-in request form: what staff type, checked with messages they can act on, turned into a
// request document. Nothing is saved unless every field is right.
import { z } from 'zod';
import { LETTER_TYPE_CODES } from '../letter-types';
import { localDate } from '../dates';
import { fieldErrors, residentNumberField } from '../validation';
import { requestType, validateDetails, type Subject } from '../requests/catalogue';
import { takeStep, type Actor } from '../requests/workflow';
import type { RequestDoc } from './request';
import { newDocument, type Author } from './base';

export const requestFormSchema = z.object({
  nik: residentNumberField(),
  name: z
    .string()
    .transform((v) => v.trim().replace(/\s+/g, ' '))
    .pipe(
      z
        .string()
        .min(1, 'Nama pemohon wajib diisi.')
        .max(120, 'Nama pemohon terlalu panjang (maks. 120 huruf).'),
    ),
  serviceType: z.enum(LETTER_TYPE_CODES, { error: 'Pilih jenis layanan.' }),
  purpose: z
    .string()
    .transform((v) => v.trim())
    .pipe(
      z
        .string()
        .min(1, 'Keperluan wajib diisi.')
        .max(300, 'Keperluan terlalu panjang (maks. 300 huruf).'),
    ),
});
/** What the form holds: plain strings, as typed. */
export type RequestForm = Record<'nik' | 'name' | 'serviceType' | 'purpose', string>;
/** Per form field; type-specific ones are keyed `field.<key>` and `subject.<role>`. */
export type RequestFormErrors = Partial<Record<keyof RequestForm, string>> &
  Record<string, string | undefined>;

/** What the desk adds beyond the four basic fields. */
export interface RequestExtras {
  ticket?: string;
  fields?: Record<string, string>;
  subjects?: Subject[];
  requirements?: string[];
  /** The official taking the request; defaults to an unnamed operator on this kiosk. */
  actor?: Actor;
}

export type RequestFormResult =
  { ok: true; doc: RequestDoc } | { ok: false; errors: RequestFormErrors };

export function requestFromForm(
  form: RequestForm,
  author: Author,
  now = new Date(),
  extras: RequestExtras = {},
): RequestFormResult {
  const parsed = requestFormSchema.safeParse(form);
  const errors: RequestFormErrors = parsed.success ? {} : fieldErrors(parsed.error);
  const type = requestType(form.serviceType);
  const fields = Object.fromEntries(
    Object.entries(extras.fields ?? {})
      .map(([k, v]) => [k, v.trim()] as const)
      .filter(([k, v]) => v !== '' && type?.fields.some((f) => f.key === k)),
  );
  const subjects = (extras.subjects ?? [])
    .map((s) => ({ role: s.role, nik: s.nik.replace(/\s+/g, ''), name: s.name.trim() }))
    .filter((s) => (s.nik || s.name) && type?.subjects.some((d) => d.role === s.role));
  if (type) Object.assign(errors, validateDetails(type, { fields, subjects }));
  if (!parsed.success || Object.keys(errors).length > 0) return { ok: false, errors };
  const actor = extras.actor ?? { name: '', role: 'operator', kioskId: author.kioskId };
  const received = takeStep([], 'received', actor, now);
  if (!received.ok) throw new Error(received.reason);
  const at = now.toISOString();
  return {
    ok: true,
    doc: {
      ...newDocument('request', author, at),
      date: localDate(now),
      residentNik: parsed.data.nik,
      residentName: parsed.data.name,
      serviceType: parsed.data.serviceType,
      purpose: parsed.data.purpose,
      status: 'received',
      ticket: extras.ticket ?? '',
      subjects,
      fields,
      requirements: (extras.requirements ?? []).filter((r) =>
        type?.requirements.some((code) => code === r),
      ),
      events: received.events,
    },
  };
}
