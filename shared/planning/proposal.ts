// A proposal (usulan) as staff type it at a hamlet meeting (musdus): every field checked, with one
// message per field in Bahasa Indonesia; on any error nothing is built, so nothing is written.
import { newDocument, type Author } from '../documents/base';
import { proposalDocSchema, type ProposalDoc } from '../documents/planning';
import type { Result } from '../finance/budget';
import { parseRupiah } from '../finance/money';
import { isKegiatan } from '../finance/reference';
import { DEFAULT_PLANNING_SETTINGS, type PlanningSettings } from './settings';

/** The form as typed: text fields, money and counts as the staff wrote them. */
export interface ProposalForm {
  fiscalYear: number;
  hamlet: string;
  meetingDate: string;
  title: string;
  kegiatanCode: string;
  location: string;
  estimatedCost: string;
  beneficiaries: string;
  beneficiaryNote: string;
  priority: string;
  recordedBy: string;
}

export interface PlanningContext extends Author {
  now?: () => string;
}

export const nowOf = (ctx: PlanningContext) => (ctx.now ? ctx.now() : new Date().toISOString());

export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/**
 * A new proposal, or the reasons it is refused. `id` lets the form reserve the ID first, so the
 * photos of the need can reference it before the proposal itself is saved.
 */
export function proposalFromForm(
  form: ProposalForm,
  ctx: PlanningContext,
  options: { id?: string; photoIds?: string[]; settings?: PlanningSettings } = {},
): Result<ProposalDoc> {
  const settings = options.settings ?? DEFAULT_PLANNING_SETTINGS;
  const errors: Record<string, string> = {};
  const required = (field: keyof ProposalForm, label: string, max: number) => {
    const value = String(form[field]).trim();
    if (!value) errors[field] = `${label} wajib diisi.`;
    else if (value.length > max) errors[field] = `${label} paling banyak ${max} huruf.`;
    return value;
  };
  const hamlet = required('hamlet', 'Dusun', 80);
  const title = required('title', 'Judul usulan', 200);
  const location = required('location', 'Lokasi', 200);
  const recordedBy = required('recordedBy', 'Petugas pencatat', 120);
  if (!isIsoDate(form.meetingDate))
    errors.meetingDate = 'Tanggal musdus harus berbentuk TTTT-BB-HH.';
  if (!Number.isInteger(form.fiscalYear) || form.fiscalYear < 2000 || form.fiscalYear > 2100)
    errors.fiscalYear = 'Tahun anggaran tidak sah.';
  if (!isKegiatan(form.kegiatanCode))
    errors.kegiatanCode = 'Pilih kegiatan dari daftar bidang/sub-bidang/kegiatan.';
  const cost = parseRupiah(form.estimatedCost);
  if (cost === null || cost <= 0)
    errors.estimatedCost = 'Perkiraan biaya harus rupiah bulat lebih dari nol (contoh 25.000.000).';
  const beneficiaries = /^\s*\d{1,8}\s*$/.test(form.beneficiaries)
    ? Number(form.beneficiaries)
    : null;
  if (beneficiaries === null)
    errors.beneficiaries = 'Jumlah penerima manfaat harus bilangan bulat.';
  if (form.beneficiaryNote.length > 300)
    errors.beneficiaryNote = 'Keterangan penerima paling banyak 300 huruf.';
  if (!settings.priorities.some(([code]) => code === form.priority))
    errors.priority = 'Pilih prioritas nasional dari daftar.';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const now = nowOf(ctx);
  const base = newDocument('proposal', ctx, now);
  return {
    ok: true,
    value: proposalDocSchema.parse({
      ...base,
      id: options.id ?? base.id,
      fiscalYear: form.fiscalYear,
      hamlet,
      meetingDate: form.meetingDate,
      title,
      kegiatanCode: form.kegiatanCode,
      location,
      estimatedCost: cost,
      beneficiaries,
      beneficiaryNote: form.beneficiaryNote.trim(),
      priority: form.priority,
      photoIds: options.photoIds ?? [],
      recordedBy,
    }),
  };
}

export interface ProposalFilter {
  hamlet?: string;
  /** A bidang (`02`) or sub-bidang (`02.03`) code. */
  bidang?: string;
  priority?: string;
  /** Words in the title or location, any case. */
  text?: string;
}

/** The proposals matching every given filter, newest first. */
export function filterProposals<P extends ProposalDoc>(
  proposals: readonly P[],
  filter: ProposalFilter,
): P[] {
  const words = (filter.text ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  return proposals
    .filter((p) => !filter.hamlet || p.hamlet === filter.hamlet)
    .filter((p) => !filter.bidang || p.kegiatanCode.startsWith(filter.bidang))
    .filter((p) => !filter.priority || p.priority === filter.priority)
    .filter((p) => {
      const hay = `${p.title} ${p.location}`.toLowerCase();
      return words.every((w) => hay.includes(w));
    })
    .sort((a, b) => (a.id < b.id ? 1 : -1));
}
