// The walk-in request form: what staff type, checked with messages they can act on, turned into a
// request document. Nothing is saved unless every field is right.
import { z } from 'zod';
import type { IdGenerator } from '../ids';
import { LETTER_TYPE_CODES } from '../letter-types';
import { isTemporaryNik, parseNik } from '../nik';
import { localDate } from '../dates';
import type { RequestDoc } from './request';

export const requestFormSchema = z.object({
  nik: z
    .string()
    .transform((v) => v.replace(/\s+/g, ''))
    .superRefine((nik, ctx) => {
      if (isTemporaryNik(nik)) return;
      const parsed = parseNik(nik);
      if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.message });
    }),
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
export type RequestFormErrors = Partial<Record<keyof RequestForm, string>>;

export interface Author {
  villageCode: string;
  kioskId: string;
  ids: IdGenerator;
}

export type RequestFormResult =
  { ok: true; doc: RequestDoc } | { ok: false; errors: RequestFormErrors };

export function requestFromForm(
  form: RequestForm,
  author: Author,
  now = new Date(),
): RequestFormResult {
  const parsed = requestFormSchema.safeParse(form);
  if (!parsed.success) {
    const errors: RequestFormErrors = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as keyof RequestForm;
      errors[field] ??= issue.message;
    }
    return { ok: false, errors };
  }
  const at = now.toISOString();
  return {
    ok: true,
    doc: {
      id: author.ids.next('request'),
      type: 'request',
      villageCode: author.villageCode,
      kioskId: author.kioskId,
      createdAt: at,
      updatedAt: at,
      date: localDate(now),
      residentNik: parsed.data.nik,
      residentName: parsed.data.name,
      serviceType: parsed.data.serviceType,
      purpose: parsed.data.purpose,
      status: 'received',
    },
  };
}
