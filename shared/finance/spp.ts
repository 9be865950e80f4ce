// The SPP (Surat Permintaan Pembayaran) and its four hands: drawn up by the implementer
// (pelaksana kegiatan), checked by the sekretaris, approved by the kepala desa, paid by the
// treasurer — each stage the act of its own role (shared/staff/permissions.ts). Its number is a
// line of serials per kiosk and year, as letters are (shared/letters/numbering.ts), so two offline
// kiosks never give one number twice. The amount is written in words with a maintained package.
import terbilang from '@develoka/angka-terbilang-js';
import type { LedgerEntryDoc, SppDoc, SppStage } from '../documents/budget';
import { SPP_STAGES, sppDocSchema } from '../documents/budget';
import { newDocument } from '../documents/base';
import type { Action } from '../staff/permissions';
import { dottedVillageCode } from '../letters/numbering';
import { budgetInForce, type FinanceContext, type Result } from './budget';
import { closedYearRefusal, type LedgerState } from './ledger';
import { accountClass } from './reference';
import { taxLines } from './taxes';

export const SPP_STAGE_ACTIONS: Record<SppStage, Action> = {
  drawn: 'spp.draw',
  checked: 'spp.check',
  approved: 'spp.approve',
  paid: 'spp.pay',
};

export const SPP_STAGE_LABELS: Record<SppStage, string> = {
  drawn: 'Disusun pelaksana kegiatan',
  checked: 'Diverifikasi sekretaris',
  approved: 'Disetujui kepala desa',
  paid: 'Dibayar bendahara',
};

/** "Satu juta dua ratus lima puluh ribu rupiah". */
export function amountInWords(amount: number): string {
  const words = `${terbilang(String(amount))} rupiah`;
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The stage an SPP stands at, and the next one (null when paid). */
export function sppProgress(spp: Pick<SppDoc, 'stages'>): { at: SppStage; next: SppStage | null } {
  const at = spp.stages[spp.stages.length - 1]!.stage;
  return { at, next: SPP_STAGES[SPP_STAGES.indexOf(at) + 1] ?? null };
}

export interface SppInput {
  sppKind: 'LS' | 'UM';
  budgetLineId: string;
  date: string;
  amount: number;
  payee: string;
  description: string;
  cashAccount: 'bank' | 'tunai';
  taxCodes: readonly string[];
}

/** A new SPP at its first stage, numbered after this kiosk's last one of the year. */
export function drawUpSpp(
  input: SppInput,
  state: LedgerState & { spps: readonly SppDoc[] },
  by: string,
  ctx: FinanceContext,
): Result<SppDoc> {
  const errors: Record<string, string> = {};
  const line = state.lines.find((l) => l.id === input.budgetLineId);
  if (!line) return { ok: false, errors: { budgetLineId: 'Pilih baris anggaran belanja.' } };
  const year = line.fiscalYear;
  const inForce = budgetInForce(state.lines, year);
  if (!inForce.adopted || !inForce.lines.some((l) => l.id === line.id))
    errors.budgetLineId = 'SPP hanya pada baris APBDes yang berlaku (sudah ditetapkan).';
  const cls = accountClass(line.accountCode);
  if (cls !== 'spending' && cls !== 'financing-out')
    errors.budgetLineId = 'SPP hanya pada rekening belanja atau pengeluaran pembiayaan.';
  if (!Number.isSafeInteger(input.amount) || input.amount <= 0)
    errors.amount = 'Jumlah harus rupiah bulat lebih dari nol.';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.date) || Number(input.date.slice(0, 4)) !== year)
    errors.date = `Tanggal harus di tahun anggaran ${year}.`;
  if (!input.payee.trim()) errors.payee = 'Penerima wajib diisi.';
  if (!by.trim()) errors.by = 'Penyusun wajib diisi.';
  const closed = closedYearRefusal(year, state);
  if (closed) errors.fiscalYear = closed;
  const taxes = input.taxCodes.length > 0 ? taxLines(input.taxCodes, input.amount) : [];
  if (!Array.isArray(taxes))
    errors.taxes = `Pajak ${taxes.unknown} tidak dikenal atau tidak berlaku.`;
  else if (taxes.length > 0 && input.sppKind !== 'LS')
    errors.taxes = 'Potongan pajak hanya pada SPP LS; pajak panjar dipotong saat SPJ.';
  if (Object.keys(errors).length > 0 || !Array.isArray(taxes)) return { ok: false, errors };
  const serial =
    1 +
    Math.max(
      0,
      ...state.spps
        .filter((s) => s.kioskId === ctx.kioskId && s.fiscalYear === year)
        .map((s) => s.serial),
    );
  const now = ctx.now ? ctx.now() : new Date().toISOString();
  const number = `${String(serial).padStart(3, '0')}/SPP/${ctx.kioskId.toUpperCase()}/${dottedVillageCode(ctx.villageCode)}/${year}`;
  return {
    ok: true,
    value: sppDocSchema.parse({
      ...newDocument('spp', ctx, now),
      fiscalYear: year,
      number,
      serial,
      sppKind: input.sppKind,
      budgetLineId: line.id,
      date: input.date,
      amount: input.amount,
      payee: input.payee.trim(),
      description: input.description.trim(),
      cashAccount: input.cashAccount,
      taxes,
      stages: [{ stage: 'drawn', by: by.trim(), at: now, entryId: '' }],
    }),
  };
}

/** The SPP with its next stage added, or why not (out of order, already paid). */
export function advanceSpp(
  spp: SppDoc,
  stage: SppStage,
  by: string,
  now: string,
  paidBy: LedgerEntryDoc | null = null,
): Result<SppDoc> {
  const { next } = sppProgress(spp);
  if (next === null) return { ok: false, errors: { stage: `SPP ${spp.number} sudah dibayar.` } };
  if (stage !== next)
    return {
      ok: false,
      errors: {
        stage: `SPP ${spp.number} belum sampai tahap itu; berikutnya: ${SPP_STAGE_LABELS[next]}.`,
      },
    };
  if (!by.trim()) return { ok: false, errors: { by: 'Nama petugas wajib diisi.' } };
  if (stage === 'paid' && (!paidBy || paidBy.sppId !== spp.id))
    return { ok: false, errors: { stage: 'Pembayaran SPP harus dicatat di buku kas.' } };
  return {
    ok: true,
    value: sppDocSchema.parse({
      ...spp,
      updatedAt: now,
      stages: [...spp.stages, { stage, by: by.trim(), at: now, entryId: paidBy?.id ?? '' }],
    }),
  };
}
