// APBDes budget lines and realisation entries (Permendagri 20/2018). Money is whole rupiah.
// The rules on them (an adopted line is locked, the ledger is append-only) live in shared/finance.
// Fields added in finance v1 have defaults, so documents written before them still read.
import { z } from 'zod';
import { isoDateSchema, rupiahSchema, syncedBase } from './base';

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

export const LEDGER_KINDS = ['receipt', 'payment-ls', 'payment-um', 'spj', 'reversal'] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];

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
});
export type LedgerEntryDoc = z.infer<typeof ledgerEntryDocSchema>;

/**
 * The regency's updates to the APBDes reference data (chart of accounts, bidang, kegiatan,
 * funding sources), from a fiscal year on: a new code, a renamed one, or one retired from new lines.
 */
export const REFERENCE_KINDS = ['account', 'bidang', 'kegiatan', 'funding-source'] as const;
export const referenceDocSchema = syncedBase('reference').extend({
  fiscalYear: z.number().int().min(2000).max(2100),
  kind: z.enum(REFERENCE_KINDS),
  code: z.string().min(1).max(16),
  name: z.string().max(300),
  active: z.boolean(),
});
export type ReferenceDoc = z.infer<typeof referenceDocSchema>;
