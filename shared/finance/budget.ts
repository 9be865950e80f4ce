// The APBDes as lines: creating and editing draft lines, adopting a version (it is then locked),
// and starting an amendment (a new version copied from the adopted one, which stays readable).
// These functions refuse what the rules forbid; nothing here does I/O.
import type { BudgetLineDoc } from '../documents/budget';
import { budgetLineDocSchema } from '../documents/budget';
import { mulRupiah, sumRupiah } from './money';
import { accountClass, isKegiatan, isPostingAccount } from './reference';
import { newDocument, type Author } from '../documents/base';

export interface FinanceContext extends Author {
  now?: () => string;
}

export interface BudgetLineInput {
  fiscalYear: number;
  kegiatanCode: string;
  accountCode: string;
  fundingSource: string;
  description: string;
  amount: number | null;
  volume?: number | null;
  unit?: string;
  unitPrice?: number | null;
}

export type Refusal = { ok: false; errors: Record<string, string> };
export type Result<T> = { ok: true; value: T } | Refusal;

const nowIso = (ctx: FinanceContext) => (ctx.now ? ctx.now() : new Date().toISOString());

/** `kegiatan|account|source`: the same line across versions (ledger entries follow it). */
export function lineKey(
  line: Pick<BudgetLineDoc, 'kegiatanCode' | 'accountCode' | 'fundingSource'>,
) {
  return `${line.kegiatanCode}|${line.accountCode}|${line.fundingSource}`;
}

/** The lines of the highest version of a fiscal year (the one being written or in force). */
export function latestVersion<L extends BudgetLineDoc>(lines: readonly L[], fiscalYear: number) {
  const ofYear = lines.filter((l) => l.fiscalYear === fiscalYear);
  const version = Math.max(0, ...ofYear.map((l) => l.budgetVersion));
  return { version, lines: ofYear.filter((l) => l.budgetVersion === version) };
}

/** The budget in force: the highest adopted version, else the latest draft. */
export function budgetInForce<L extends BudgetLineDoc>(lines: readonly L[], fiscalYear: number) {
  const adopted = lines.filter((l) => l.fiscalYear === fiscalYear && l.stage === 'adopted');
  if (adopted.length === 0) return { ...latestVersion(lines, fiscalYear), adopted: false };
  const version = Math.max(...adopted.map((l) => l.budgetVersion));
  return { version, lines: adopted.filter((l) => l.budgetVersion === version), adopted: true };
}

function checkLine(input: BudgetLineInput): Refusal | { ok: true; amount: number } {
  const errors: Record<string, string> = {};
  const cls = accountClass(input.accountCode);
  if (!isPostingAccount(input.accountCode) || !cls)
    errors.accountCode = 'Kode rekening tidak dikenal (contoh 5.2.1 atau 4.2.1).';
  if (cls === 'spending') {
    if (!isKegiatan(input.kegiatanCode)) errors.kegiatanCode = 'Belanja harus di bawah kegiatan.';
  } else if (input.kegiatanCode !== '') {
    errors.kegiatanCode = 'Pendapatan dan pembiayaan tidak memakai kegiatan.';
  }
  if (!/^[A-Z]{2,8}$/.test(input.fundingSource))
    errors.fundingSource = 'Sumber dana harus kode huruf besar (DDS, ADD, PAD…).';
  if (!input.description.trim()) errors.description = 'Uraian wajib diisi.';
  if (input.description.length > 300) errors.description = 'Uraian paling banyak 300 huruf.';
  let amount = input.amount;
  const hasDetail = input.volume != null || input.unitPrice != null;
  if (hasDetail) {
    if (
      input.volume == null ||
      input.unitPrice == null ||
      !Number.isSafeInteger(input.volume) ||
      !Number.isSafeInteger(input.unitPrice) ||
      input.volume <= 0 ||
      input.unitPrice < 0
    ) {
      errors.volume = 'Volume dan harga satuan harus bilangan bulat.';
    } else {
      const product = mulRupiah(input.volume, input.unitPrice);
      if (amount != null && amount !== product)
        errors.amount = 'Jumlah harus sama dengan volume × harga satuan.';
      amount = product;
    }
  }
  if (amount == null || !Number.isSafeInteger(amount) || amount < 0 || amount > 1e15)
    errors.amount ??= 'Jumlah harus rupiah bulat, tidak negatif.';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, amount: amount! };
}

/** A new line in the year's working version (a draft, or an amendment being prepared). */
export function createBudgetLine(
  input: BudgetLineInput,
  existing: readonly BudgetLineDoc[],
  ctx: FinanceContext,
): Result<BudgetLineDoc> {
  const checked = checkLine(input);
  if (!checked.ok) return checked;
  const working = latestVersion(existing, input.fiscalYear);
  if (working.lines.some((l) => l.stage === 'adopted'))
    return {
      ok: false,
      errors: { stage: 'APBDes tahun ini sudah ditetapkan; buat perubahan (PAK) dahulu.' },
    };
  const version = Math.max(1, working.version);
  const key = lineKey(input);
  if (working.lines.some((l) => lineKey(l) === key))
    return {
      ok: false,
      errors: { accountCode: 'Baris dengan kegiatan, rekening dan sumber dana ini sudah ada.' },
    };
  const now = nowIso(ctx);
  const stage = working.lines[0]?.stage ?? (version > 1 ? 'amendment' : 'draft');
  const doc = budgetLineDocSchema.parse({
    ...newDocument('budget', ctx, now),
    fiscalYear: input.fiscalYear,
    budgetVersion: version,
    stage,
    kegiatanCode: input.kegiatanCode,
    accountCode: input.accountCode,
    fundingSource: input.fundingSource,
    description: input.description.trim(),
    amount: checked.amount,
    volume: input.volume ?? null,
    unit: input.unit?.trim() ?? '',
    unitPrice: input.unitPrice ?? null,
  });
  return { ok: true, value: doc };
}

/** A changed draft line; an adopted line is refused. */
export function editBudgetLine(
  line: BudgetLineDoc,
  changes: Partial<
    Pick<BudgetLineInput, 'description' | 'amount' | 'volume' | 'unit' | 'unitPrice'>
  >,
  ctx: FinanceContext,
): Result<BudgetLineDoc> {
  if (line.stage === 'adopted')
    return { ok: false, errors: { stage: 'Baris anggaran yang sudah ditetapkan terkunci.' } };
  const merged: BudgetLineInput = { ...line, ...changes };
  if (changes.volume === undefined && changes.unitPrice === undefined && changes.amount != null) {
    merged.volume = null;
    merged.unitPrice = null;
  }
  const checked = checkLine(merged);
  if (!checked.ok) return checked;
  return {
    ok: true,
    value: {
      ...line,
      description: merged.description.trim(),
      amount: checked.amount,
      volume: merged.volume ?? null,
      unit: merged.unit ?? '',
      unitPrice: merged.unitPrice ?? null,
      updatedAt: nowIso(ctx),
    },
  };
}

export interface BudgetTotals {
  income: number;
  spending: number;
  financingIn: number;
  financingOut: number;
  /** income − spending (negative: deficit) */
  surplus: number;
  /** financingIn − financingOut */
  netFinancing: number;
  /** surplus + netFinancing: what is left over (SiLPA); never negative for an adopted budget. */
  remainder: number;
}

export function budgetTotals(
  lines: readonly Pick<BudgetLineDoc, 'accountCode' | 'amount'>[],
): BudgetTotals {
  const of = (cls: string) =>
    sumRupiah(lines.filter((l) => accountClass(l.accountCode) === cls).map((l) => l.amount));
  const income = of('income');
  const spending = of('spending');
  const financingIn = of('financing-in');
  const financingOut = of('financing-out');
  const surplus = income - spending;
  const netFinancing = financingIn - financingOut;
  return {
    income,
    spending,
    financingIn,
    financingOut,
    surplus,
    netFinancing,
    remainder: surplus + netFinancing,
  };
}

/** Adopt the year's working version: every line becomes `adopted` (locked). */
/** The Perdes APBDes (or Perdes on its amendment) that adopts a version. */
export interface Perdes {
  number: string;
  /** `YYYY-MM-DD` */
  date: string;
}

/**
 * Why a Perdes cannot adopt the year's budget, per field; empty when it can. It is dated in the
 * fiscal year or the year before (an APBDes is adopted by 31 December before its year).
 */
export function perdesErrors(perdes: Perdes, fiscalYear: number): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!perdes.number.trim()) errors.perdesNumber = 'Nomor Perdes wajib diisi.';
  else if (perdes.number.length > 80) errors.perdesNumber = 'Nomor Perdes paling banyak 80 huruf.';
  const year = Number(perdes.date.slice(0, 4));
  if (!/^\d{4}-\d{2}-\d{2}$/.test(perdes.date)) errors.perdesDate = 'Tanggal Perdes wajib diisi.';
  else if (year !== fiscalYear && year !== fiscalYear - 1)
    errors.perdesDate = `Tanggal Perdes harus di tahun ${fiscalYear - 1} atau ${fiscalYear}.`;
  return errors;
}

export function adoptBudget(
  lines: readonly BudgetLineDoc[],
  fiscalYear: number,
  ctx: FinanceContext,
  perdes: Perdes | null = null,
): Result<BudgetLineDoc[]> {
  if (perdes) {
    const errors = perdesErrors(perdes, fiscalYear);
    if (Object.keys(errors).length > 0) return { ok: false, errors };
  }
  const working = latestVersion(lines, fiscalYear);
  if (working.lines.length === 0)
    return { ok: false, errors: { stage: 'Belum ada baris anggaran.' } };
  if (working.lines.some((l) => l.stage === 'adopted'))
    return { ok: false, errors: { stage: 'Versi ini sudah ditetapkan.' } };
  const totals = budgetTotals(working.lines);
  if (totals.remainder < 0)
    return {
      ok: false,
      errors: { stage: 'Defisit belum ditutup pembiayaan: anggaran tidak dapat ditetapkan.' },
    };
  const now = nowIso(ctx);
  return {
    ok: true,
    value: working.lines.map((l) => ({
      ...l,
      stage: 'adopted' as const,
      perdesNumber: perdes?.number.trim() ?? '',
      perdesDate: perdes?.date ?? null,
      updatedAt: now,
    })),
  };
}

/** Start an amendment (PAK): copies of the adopted lines as a new version, open for editing. */
export function startAmendment(
  lines: readonly BudgetLineDoc[],
  fiscalYear: number,
  ctx: FinanceContext,
): Result<BudgetLineDoc[]> {
  const working = latestVersion(lines, fiscalYear);
  if (working.lines.length === 0 || working.lines.some((l) => l.stage !== 'adopted'))
    return { ok: false, errors: { stage: 'Perubahan hanya dari APBDes yang sudah ditetapkan.' } };
  const now = nowIso(ctx);
  return {
    ok: true,
    value: working.lines.map((l) => ({
      ...l,
      id: ctx.ids.next('budget'),
      kioskId: ctx.kioskId,
      budgetVersion: working.version + 1,
      stage: 'amendment' as const,
      perdesNumber: '',
      perdesDate: null,
      createdAt: now,
      updatedAt: now,
    })),
  };
}
