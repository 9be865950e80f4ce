// APBDes budget lines and realisation entries (Permendagri 20/2018). Money is whole rupiah.
// The rules on them (an adopted line is locked, the ledger is append-only) live in shared/finance.
// Fields added in finance v1 have defaults, so documents written before them still read.
import { z } from 'zod';
import { isoDateSchema, isoTimestampSchema, rupiahSchema, syncedBase } from './base';

export const BUDGET_STAGES = ['draft', 'adopted', 'amendment'] as const;
export type BudgetStage = (typeof BUDGET_STAGES)[number];

export const budgetLineDocSchema = syncedBase('budget').extend({
  fiscalYear: z.number().int().min(2000).max(2100),
  /** A new version per amendment; the adopted one stays readable. */
  budgetVersion: z.number().int().min(1).max(99),
  /** draft: being written; adopted: locked (Perdes APBDes); amendment: draft of a new version. */
  stage: z.enum(BUDGET_STAGES),
  /** `BB.SS.KK.` for spending, empty for income and financing. */
  kegiatanCode: z.string().max(12),
  accountCode: z.string().max(16),
  fundingSource: z.string().max(8),
  description: z.string().max(300),
  amount: rupiahSchema,
  /** Optional detail: volume × unit price = amount. */
  volume: z.number().int().min(0).max(1e9).nullable().default(null),
  unit: z.string().max(30).default(''),
  unitPrice: rupiahSchema.nullable().default(null),
  /** For an adopted line: the Perdes APBDes that adopted it (number, date); finance v4. */
  perdesNumber: z.string().max(80).default(''),
  perdesDate: isoDateSchema.nullable().default(null),
});
export type BudgetLineDoc = z.infer<typeof budgetLineDocSchema>;

export const LEDGER_KINDS = [
  'receipt',
  'payment-ls',
  'payment-um',
  'spj',
  'reversal',
  // finance v5 (the treasury, decision 0024): saldo awal, mutasi kas both ways, the return of an
  // advance's unspent part, and the deposit of withheld tax.
  'opening',
  'deposit-bank',
  'withdraw-cash',
  'advance-return',
  'tax-deposit',
] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];

/** Where money moves: the village's bank account (rekening kas desa) or the cash box (tunai). */
export const CASH_ACCOUNTS = ['bank', 'tunai'] as const;
export type CashAccount = (typeof CASH_ACCOUNTS)[number];

/** A tax withheld from a payment: the rate used (basis points) and the amount, whole rupiah. */
export const taxLineSchema = z.object({
  code: z.string().min(1).max(16),
  rate: z.number().int().min(0).max(10000),
  base: rupiahSchema,
  amount: rupiahSchema,
});
export type TaxLine = z.infer<typeof taxLineSchema>;

export const ledgerEntryDocSchema = syncedBase('ledger').extend({
  fiscalYear: z.number().int().min(2000).max(2100),
  budgetLineId: z.string().max(120),
  kind: z.enum(LEDGER_KINDS),
  date: isoDateSchema,
  /** Always positive; the kind says which way it counts. */
  amount: rupiahSchema,
  evidenceNumber: z.string().max(60),
  payee: z.string().max(120),
  description: z.string().max(300).default(''),
  recordedBy: z.string().max(120),
  /** For a reversal: the entry it cancels. Entries are never edited. */
  reverses: z.string().max(120).nullable(),
  /** For an SPJ: the advance (payment-um) it accounts for. */
  settles: z.string().max(120).nullable().default(null),
  /** An official who allowed paying beyond the line's remaining budget, and why. */
  overrideBy: z.string().max(120).default(''),
  overrideReason: z.string().max(300).default(''),
  /** finance v5: the account the money moves through (a transfer: the one it leaves). */
  cashAccount: z.enum(CASH_ACCOUNTS).default('bank'),
  /** finance v5: taxes withheld from an SPP LS payment (paid out net, held until deposited). */
  taxes: z.array(taxLineSchema).max(8).default([]),
  /** finance v5: for a tax deposit, the tax it deposits. */
  taxCode: z.string().max(16).default(''),
  /** finance v5: the SPP this payment pays. */
  sppId: z.string().max(120).default(''),
});
export type LedgerEntryDoc = z.infer<typeof ledgerEntryDocSchema>;

/**
 * The regency's updates to the APBDes reference data (chart of accounts, bidang, kegiatan,
 * funding sources), from a fiscal year on: a new code, a renamed one, or one retired from new lines.
 */
export const REFERENCE_KINDS = ['account', 'bidang', 'kegiatan', 'funding-source', 'tax'] as const;
export const referenceDocSchema = syncedBase('reference').extend({
  fiscalYear: z.number().int().min(2000).max(2100),
  kind: z.enum(REFERENCE_KINDS),
  code: z.string().min(1).max(16),
  name: z.string().max(300),
  active: z.boolean(),
  /** finance v5: for a tax, its withholding rate in basis points (1100 = 11%). */
  rate: z.number().int().min(0).max(10000).nullable().default(null),
});
export type ReferenceDoc = z.infer<typeof referenceDocSchema>;

/** The stages of an SPP, in order, each the action of its own role (shared/staff/permissions.ts). */
export const SPP_STAGES = ['drawn', 'checked', 'approved', 'paid'] as const;
export type SppStage = (typeof SPP_STAGES)[number];

/**
 * A payment request (Surat Permintaan Pembayaran), finance v5. Its content never changes after it
 * is drawn up; each stage is appended by the role whose act it is, and the regency refuses any
 * other change (shared/finance/rules.ts).
 */
export const sppDocSchema = syncedBase('spp').extend({
  fiscalYear: z.number().int().min(2000).max(2100),
  /** `<serial>/SPP/<kiosk>/<village>/<year>`: a line of serials per kiosk, as letters. */
  number: z.string().min(1).max(80),
  serial: z.number().int().min(1),
  /** LS: paid to the supplier; UM: an advance (panjar) to the implementer. */
  sppKind: z.enum(['LS', 'UM']),
  budgetLineId: z.string().min(1).max(120),
  date: isoDateSchema,
  amount: rupiahSchema,
  payee: z.string().min(1).max(120),
  description: z.string().max(300),
  cashAccount: z.enum(CASH_ACCOUNTS),
  taxes: z.array(taxLineSchema).max(8),
  stages: z
    .array(
      z.object({
        stage: z.enum(SPP_STAGES),
        by: z.string().min(1).max(120),
        at: isoTimestampSchema,
        /** For `paid`: the ledger entry that paid it. */
        entryId: z.string().max(120).default(''),
      }),
    )
    .min(1)
    .max(4),
});
export type SppDoc = z.infer<typeof sppDocSchema>;

/** A closed fiscal year (tutup buku), finance v5: what it carried into the next; written once. */
export const yearClosingDocSchema = syncedBase('year-closing').extend({
  fiscalYear: z.number().int().min(2000).max(2100),
  closedOn: isoDateSchema,
  closedBy: z.string().min(1).max(120),
  bank: rupiahSchema,
  tunai: rupiahSchema,
  taxesHeld: rupiahSchema,
  advancesOutstanding: rupiahSchema,
});
export type YearClosingDoc = z.infer<typeof yearClosingDocSchema>;
