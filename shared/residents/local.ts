// Residents added or corrected at the village (`resident-local`): the form's rules, the NIK
// warnings, the temporary number for residents without a NIK, and search-key normalisation.
import { z } from 'zod';
import type { ResidentDoc } from '../documents/resident';
import { fieldErrors, residentNumberField } from '../validation';
import { nikMismatches, parseNik, temporaryNik, type Sex } from '../nik';
import { newDocument, type Author } from '../documents/base';
import { parseDateInput } from '../dates';
import {
  EDUCATION_LEVELS,
  FAMILY_RELATIONS,
  MARITAL_STATUSES,
  OCCUPATIONS,
  RELIGIONS,
  canonicalName,
  type CodeList,
} from './civil-codes';

/** Who holds a NIK in the register, as a refusal names them. */
export type NikHolder = Pick<ResidentDoc, 'name' | 'dusun' | 'rt' | 'rw'>;

/** `NIK … sudah terdaftar atas nama Budi Santoso (Krajan RT 1/RW 2)` — a NIK is one person's. */
export function duplicateNikMessage(nik: string, holder: NikHolder): string {
  const place = [holder.dusun, holder.rt && `RT ${holder.rt}/RW ${holder.rw}`]
    .filter(Boolean)
    .join(' ');
  return `NIK ${nik} sudah terdaftar atas nama ${holder.name}${place ? ` (${place})` : ''}`;
}

/**
 * Of the register's records with a NIK, one held by someone else than the resident being saved:
 * a new resident may take no NIK already there; a correction may keep its own (the record it
 * corrects, or an earlier correction of it).
 */
export function otherNikHolder<T extends { id: string; corrects: string | null }>(
  withNik: readonly T[],
  corrects: string | null,
): T | undefined {
  return withoutCorrected(withNik).find(
    (d) => corrects === null || (d.id !== corrects && d.corrects !== corrects),
  );
}

/** The lower-cased, single-spaced key names are searched by (the `nameKey` index). */
export function nameKey(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** What a search box holds: digits search NIK and KK by prefix, anything else names. */
export function searchPlan(
  query: string,
): { kind: 'none' } | { kind: 'number'; prefix: string } | { kind: 'name'; prefix: string } {
  const compact = query.replace(/\s+/g, '');
  if (/^\d+$/.test(compact)) return { kind: 'number', prefix: compact };
  const key = nameKey(query);
  return key.length >= 2 ? { kind: 'name', prefix: key } : { kind: 'none' };
}

/**
 * Temporary numbers (`0` + village + 5 digits) are allocated in per-kiosk blocks of 10,000 so two
 * offline kiosks never hand out the same one: the block is the kiosk's number (k1 → 1…), or a
 * stable hash of its id into 1–9.
 */
export function temporaryNikBlock(kioskId: string): number {
  const digits = /(\d+)$/.exec(kioskId)?.[1];
  if (digits) return ((Math.max(Number(digits), 1) - 1) % 9) + 1;
  let h = 0;
  for (const ch of kioskId) h = (h * 31 + ch.charCodeAt(0)) % 9973;
  return (h % 9) + 1;
}

export function nextTemporaryNik(
  villageCode: string,
  kioskId: string,
  existing: readonly string[],
): string {
  const block = temporaryNikBlock(kioskId);
  const prefix = `0${villageCode}`;
  let max = block * 10000;
  for (const nik of existing) {
    if (!nik.startsWith(prefix)) continue;
    const serial = Number(nik.slice(11));
    if (serial > max && serial < (block + 1) * 10000) max = serial;
  }
  return temporaryNik(villageCode, max + 1);
}

const text = (max: number, label: string) =>
  z
    .string()
    .transform((v) => v.trim())
    .pipe(z.string().max(max, `${label} terlalu panjang (maks. ${max} huruf).`));

/** A coded element: empty, or a name (or code) of the civil registry's list, stored by name. */
const coded = (list: CodeList) =>
  z
    .string()
    .transform((v) => canonicalName(list, v))
    .refine((v) => v !== null, `Pilih ${list.label.toLowerCase()} dari daftar.`)
    .transform((v) => v ?? '');

export const residentFormSchema = z.object({
  nik: residentNumberField(),
  kkNumber: z
    .string()
    .transform((v) => v.replace(/\s+/g, ''))
    .refine(
      (v) => v === '' || /^[1-9]\d{15}$/.test(v),
      'Nomor KK harus 16 angka, tidak diawali 0.',
    ),
  name: z
    .string()
    .transform((v) => v.trim().replace(/\s+/g, ' '))
    .pipe(
      z.string().min(1, 'Nama wajib diisi.').max(120, 'Nama terlalu panjang (maks. 120 huruf).'),
    ),
  birthPlace: text(80, 'Tempat lahir'),
  birthDate: z
    .string()
    .transform((v) => parseDateInput(v) ?? '')
    .refine(
      (v) => v !== 'bad',
      'Tanggal lahir tidak sah: tulis HH-BB-TTTT (17-08-1945) atau TTTT-BB-HH.',
    ),
  sex: z.enum(['L', 'P'], { error: 'Pilih jenis kelamin.' }),
  religion: coded(RELIGIONS),
  maritalStatus: coded(MARITAL_STATUSES),
  familyRelation: coded(FAMILY_RELATIONS),
  education: coded(EDUCATION_LEVELS),
  occupation: coded(OCCUPATIONS),
  dusun: text(60, 'Dusun'),
  rw: z
    .string()
    .transform((v) => v.trim())
    .refine((v) => /^\d{0,3}$/.test(v), 'RW berupa angka (maks. 3).'),
  rt: z
    .string()
    .transform((v) => v.trim())
    .refine((v) => /^\d{0,3}$/.test(v), 'RT berupa angka (maks. 3).'),
});
export type ResidentForm = z.input<typeof residentFormSchema>;
export type ResidentFormErrors = Partial<Record<keyof ResidentForm, string>>;

export const EMPTY_RESIDENT_FORM: ResidentForm = {
  nik: '',
  kkNumber: '',
  name: '',
  birthPlace: '',
  birthDate: '',
  sex: '',
  religion: '',
  maritalStatus: '',
  familyRelation: '',
  education: '',
  occupation: '',
  dusun: '',
  rw: '',
  rt: '',
} as unknown as ResidentForm;

export type ResidentFormResult =
  { ok: true; doc: ResidentDoc; warnings: string[] } | { ok: false; errors: ResidentFormErrors };

/**
 * The resident a walk-in brings to the desk with a valid NIK the register does not know yet:
 * name from the request, birth date and sex from the NIK, the rest left for the register.
 */
export function residentFromWalkIn(
  walkIn: { nik: string; name: string; at: string },
  author: Author,
): ResidentDoc | null {
  const parsed = parseNik(walkIn.nik);
  if (!parsed.ok) return null;
  return {
    ...newDocument('resident-local', author, walkIn.at),
    nik: walkIn.nik,
    kkNumber: '',
    name: walkIn.name,
    nameKey: nameKey(walkIn.name),
    birthPlace: '',
    birthDate: parsed.birthDate,
    sex: parsed.sex,
    religion: '',
    maritalStatus: '',
    familyRelation: '',
    education: '',
    occupation: '',
    nationality: 'WNI',
    dusun: '',
    rw: '',
    rt: '',
    status: 'living',
    corrects: null,
  };
}

/** A `resident-local` from the form: a new resident, or (with `corrects`) a correction. */
export function localResidentFromForm(
  form: Record<keyof ResidentForm, string>,
  author: Author,
  options: { corrects?: string | null; now?: Date } = {},
): ResidentFormResult {
  const parsed = residentFormSchema.safeParse(form);
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error) };
  const d = parsed.data;
  const at = (options.now ?? new Date()).toISOString();
  const doc: ResidentDoc = {
    ...newDocument('resident-local', author, at),
    nik: d.nik,
    kkNumber: d.kkNumber,
    name: d.name,
    nameKey: nameKey(d.name),
    birthPlace: d.birthPlace,
    birthDate: d.birthDate || null,
    sex: d.sex,
    religion: d.religion,
    maritalStatus: d.maritalStatus,
    familyRelation: d.familyRelation,
    education: d.education,
    occupation: d.occupation,
    nationality: 'WNI',
    dusun: d.dusun,
    rw: d.rw,
    rt: d.rt,
    status: 'living',
    corrects: options.corrects ?? null,
  };
  const warnings = nikMismatches(d.nik, { birthDate: d.birthDate || undefined, sex: d.sex as Sex });
  return { ok: true, doc, warnings };
}

/** Of several records, the ones not superseded by a local correction among them. */
export function withoutCorrected<T extends { id: string; corrects: string | null }>(
  docs: readonly T[],
): T[] {
  const corrected = new Set(docs.map((d) => d.corrects).filter(Boolean));
  return docs.filter((d) => !corrected.has(d.id));
}
