// An application's life at the desk and at Dukcapil, as pure functions: building one from the
// desk's form, what it still lacks, sending (refused while anything required is missing), its
// status from the decisions that came back, and which decision Dukcapil may write next.
import { newDocument, type Author } from '../documents/base';
import {
  DECISION_STEP_LABELS,
  type DecisionStep,
  type DukcapilApplicationDoc,
  type DukcapilDecisionDoc,
} from '../documents/dukcapil';
import { validateDetails } from '../requests/catalogue';
import {
  DUKCAPIL_DOCUMENT_TYPES,
  DUKCAPIL_REQUIREMENTS,
  dukcapilDocument,
  type DukcapilDocumentType,
} from './catalogue';

export const APPLICATION_STATUSES = [
  'draf',
  'diajukan',
  'terverifikasi',
  'perlu-perbaikan',
  'ditolak',
  'terbit',
  'diambil',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export const APPLICATION_STATUS_LABELS: Record<ApplicationStatus, string> = {
  draf: 'Draf (belum dikirim)',
  diajukan: 'Diajukan ke Dukcapil',
  terverifikasi: 'Terverifikasi',
  'perlu-perbaikan': 'Perlu perbaikan',
  ditolak: 'Ditolak',
  terbit: 'Terbit — siap diambil/dicetak',
  diambil: 'Sudah diambil',
};

/** Statuses Dukcapil still has to act on. */
export const OPEN_AT_DUKCAPIL: readonly ApplicationStatus[] = ['diajukan', 'terverifikasi'];

export interface ApplicationInput {
  documentType: string;
  subjectName: string;
  subjectNik: string;
  kkNumber: string;
  fields: Record<string, string>;
  subjects: { role: string; nik: string; name: string }[];
  eventId?: string;
}

export type ApplicationResult =
  { ok: true; doc: DukcapilApplicationDoc } | { ok: false; errors: Record<string, string> };

const compact = (v: string) => v.replace(/\s+/g, '');

/** The form's errors, keyed `documentType`, `subjectName`, `field.<key>`, `subject.<role>` … */
export function applicationErrors(input: ApplicationInput): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!(DUKCAPIL_DOCUMENT_TYPES as readonly string[]).includes(input.documentType)) {
    errors.documentType = 'Pilih jenis dokumen dari daftar.';
    return errors;
  }
  const def = dukcapilDocument(input.documentType as DukcapilDocumentType);
  if (!input.subjectName.trim()) errors.subjectName = 'Nama yang bersangkutan wajib diisi.';
  else if (input.subjectName.trim().length > 120) errors.subjectName = 'Nama terlalu panjang.';
  const nik = compact(input.subjectNik);
  if (nik && !/^\d{16}$/.test(nik))
    errors.subjectNik = 'NIK harus 16 angka (kosongkan bila belum ada).';
  const kk = compact(input.kkNumber);
  if (kk && !/^[1-9]\d{15}$/.test(kk))
    errors.kkNumber = 'Nomor KK harus 16 angka, tidak diawali 0.';
  Object.assign(errors, validateDetails(def, { fields: input.fields, subjects: input.subjects }));
  const kkField = (input.fields.nomorKk ?? '').replace(/\s+/g, '');
  if (kkField && !/^[1-9]\d{15}$/.test(kkField)) {
    errors['field.nomorKk'] = 'Nomor KK harus 16 angka, tidak diawali 0.';
  }
  return errors;
}

/** A new draft from the desk's form; nothing is built when a field is wrong. */
export function applicationFromForm(
  input: ApplicationInput,
  author: Author,
  at: string,
  date: string,
): ApplicationResult {
  const errors = applicationErrors(input);
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    doc: {
      ...newDocument('dukcapil-application', author, at),
      date,
      ...formParts(input),
      evidence: {},
      ...(input.eventId ? { eventId: input.eventId } : {}),
      submissions: [],
      collectedAt: null,
    },
  };
}

/** The same application with the form's data changed (while a draft or being fixed). */
export function reviseApplication(
  doc: DukcapilApplicationDoc,
  input: ApplicationInput,
  at: string,
): ApplicationResult {
  const errors = applicationErrors({ ...input, documentType: doc.documentType });
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, doc: { ...doc, ...formParts(input), updatedAt: at } };
}

function formParts(input: ApplicationInput) {
  const fields = Object.fromEntries(
    Object.entries(input.fields)
      .map(([k, v]) => [k, v.trim()] as const)
      .filter(([, v]) => v !== ''),
  );
  return {
    documentType: input.documentType as DukcapilDocumentType,
    subjectName: input.subjectName.trim().replace(/\s+/g, ' '),
    subjectNik: compact(input.subjectNik),
    kkNumber: compact(input.kkNumber) || compact(input.fields.nomorKk ?? ''),
    fields,
    subjects: input.subjects
      .filter((s) => s.name.trim() || s.nik.trim())
      .map((s) => ({ role: s.role, nik: compact(s.nik), name: s.name.trim() })),
  };
}

/** Adds a photo (by id) as evidence of a requirement. */
export function withEvidence(
  doc: DukcapilApplicationDoc,
  requirement: string,
  photoId: string,
  at: string,
): DukcapilApplicationDoc {
  const current = doc.evidence[requirement] ?? [];
  return {
    ...doc,
    evidence: { ...doc.evidence, [requirement]: [...current, photoId].slice(-6) },
    updatedAt: at,
  };
}

/** What the application still lacks before it may be sent, as sentences for staff. */
export function missingItems(doc: DukcapilApplicationDoc): string[] {
  const def = dukcapilDocument(doc.documentType);
  const errors = applicationErrors({ ...doc, eventId: doc.eventId ?? '' });
  const missing = Object.values(errors);
  for (const r of def.requirements) {
    if (r.required && (doc.evidence[r.code] ?? []).length === 0) {
      missing.push(`Foto belum ada: ${DUKCAPIL_REQUIREMENTS[r.code]}.`);
    }
  }
  return missing;
}

/** Decisions on this application, oldest first. */
function decisionsOf(
  doc: DukcapilApplicationDoc,
  decisions: readonly DukcapilDecisionDoc[],
): DukcapilDecisionDoc[] {
  return decisions
    .filter((d) => d.applicationId === doc.id)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}

/** The decision that sets the status: the latest one on the latest submission. */
export function currentDecision(
  doc: DukcapilApplicationDoc,
  decisions: readonly DukcapilDecisionDoc[],
): DukcapilDecisionDoc | null {
  const n = doc.submissions.length;
  return (
    decisionsOf(doc, decisions)
      .filter((d) => d.submission === n)
      .at(-1) ?? null
  );
}

export function applicationStatus(
  doc: DukcapilApplicationDoc,
  decisions: readonly DukcapilDecisionDoc[],
): ApplicationStatus {
  return statusOfSummary(
    doc.submissions.length,
    doc.collectedAt !== null,
    decisions.filter((d) => d.applicationId === doc.id),
  );
}

/** A decision as the regency's list sees it (sync/provision/regency-views.ts `dukcapil`). */
export interface DecisionSummary {
  step: DecisionStep;
  submission: number;
  createdAt: string;
}

/**
 * The status from what the regency's list holds: how often the application was sent, whether
 * it was collected, and its decisions. The latest decision on the latest submission counts.
 */
export function statusOfSummary(
  submissions: number,
  collected: boolean,
  decisions: readonly DecisionSummary[],
): ApplicationStatus {
  if (submissions === 0) return 'draf';
  let latest: DecisionSummary | null = null;
  for (const d of decisions) {
    if (d.submission === submissions && (!latest || d.createdAt >= latest.createdAt)) latest = d;
  }
  if (!latest) return 'diajukan';
  if (latest.step === 'terbit') return collected ? 'diambil' : 'terbit';
  return latest.step;
}

export type SubmitResult =
  { ok: true; doc: DukcapilApplicationDoc } | { ok: false; message: string; missing: string[] };

/**
 * Sends the application (first time, or again after "perlu perbaikan"): refused — it stays a
 * draft — while anything required is missing, and when Dukcapil has it already.
 */
export function submitApplication(
  doc: DukcapilApplicationDoc,
  decisions: readonly DukcapilDecisionDoc[],
  by: string,
  at: string,
  note = '',
): SubmitResult {
  const status = applicationStatus(doc, decisions);
  if (status !== 'draf' && status !== 'perlu-perbaikan') {
    return {
      ok: false,
      message: `Permohonan berstatus "${APPLICATION_STATUS_LABELS[status]}": tidak dapat dikirim lagi.`,
      missing: [],
    };
  }
  const missing = missingItems(doc);
  if (missing.length > 0) {
    return { ok: false, message: 'Permohonan belum lengkap, belum dikirim.', missing };
  }
  if (status === 'perlu-perbaikan' && !note.trim()) {
    return {
      ok: false,
      message: 'Tulis apa yang sudah diperbaiki.',
      missing: ['Catatan perbaikan wajib diisi.'],
    };
  }
  return {
    ok: true,
    doc: {
      ...doc,
      submissions: [...doc.submissions, { at, by, note: note.trim().slice(0, 500) }],
      updatedAt: at,
    },
  };
}

export interface DecisionInput {
  step: string;
  note: string;
  documentNumber: string;
  kkNumber: string;
  /** For a birth: the child's new NIK. */
  subjectNik?: string;
}

/**
 * Whether Dukcapil may record this decision now; the message says why not. Only a sent
 * application that is not finished may be decided; a decision answers the latest submission.
 */
export function decisionProblem(
  doc: DukcapilApplicationDoc,
  decisions: readonly DukcapilDecisionDoc[],
  input: DecisionInput,
  hasPdf: boolean,
): string | null {
  const status = applicationStatus(doc, decisions);
  if (!(OPEN_AT_DUKCAPIL as readonly string[]).includes(status)) {
    return `Permohonan berstatus "${APPLICATION_STATUS_LABELS[status]}": tidak dapat diputuskan sekarang.`;
  }
  const step = input.step as DecisionStep;
  if (!(step in DECISION_STEP_LABELS)) return 'Pilih keputusan dari daftar.';
  if ((step === 'perlu-perbaikan' || step === 'ditolak') && !input.note.trim()) {
    return step === 'ditolak'
      ? 'Tulis alasan penolakan.'
      : 'Tulis apa yang harus diperbaiki oleh desa.';
  }
  if (input.note.length > 1000) return 'Catatan terlalu panjang (maks. 1000 huruf).';
  if (step === 'terbit') {
    if (!/^[A-Za-z0-9./-]{3,60}$/.test(input.documentNumber.trim())) {
      return 'Nomor dokumen wajib diisi (huruf, angka, titik, garis miring atau tanda hubung).';
    }
    const kk = input.kkNumber.replace(/\s+/g, '');
    if (dukcapilDocument(doc.documentType).issuesKk && !/^[1-9]\d{15}$/.test(kk)) {
      return 'Nomor KK baru wajib diisi: 16 angka, tidak diawali 0.';
    }
    const nik = (input.subjectNik ?? '').replace(/\s+/g, '') || doc.subjectNik;
    if (doc.documentType === 'akta-kelahiran' && !/^\d{16}$/.test(nik)) {
      return 'NIK anak wajib diisi: 16 angka.';
    }
    if (!hasPdf) return 'Unggah dokumen yang terbit (PDF).';
  }
  return null;
}

/** Days from the first submission to the issue, or null while not issued. */
export function daysToIssue(
  doc: DukcapilApplicationDoc,
  decisions: readonly DukcapilDecisionDoc[],
): number | null {
  const first = doc.submissions[0];
  const issued = decisionsOf(doc, decisions).find((d) => d.step === 'terbit');
  if (!first || !issued) return null;
  return Math.max(0, (Date.parse(issued.createdAt) - Date.parse(first.at)) / 86_400_000);
}
