// APBDes budget lines and realisation entries (Permendagri 20/2018). Money is whole rupiah.
import { z } from 'zod';
import { isoDateSchema, rupiahSchema, syncedBase } from './base';

export const budgetLineDocSchema = syncedBase('budget').extend({
  fiscalYear: z.number().int().min(2000).max(2100),
  /** A new version per amendment; the adopted one stays readable. */
  budgetVersion: z.number().int().min(1).max(99),
  stage: z.enum(['draft', 'adopted', 'amendment']),
  /** `BB.SS.KK.` for spending, empty for income and financing. */
  kegiatanCode: z.string().max(12),
  accountCode: z.string().max(16),
  fundingSource: z.string().max(8),
  description: z.string().max(300),
  amount: rupiahSchema,
});
export type BudgetLineDoc = z.infer<typeof budgetLineDocSchema>;

export const ledgerEntryDocSchema = syncedBase('ledger').extend({
  fiscalYear: z.number().int().min(2000).max(2100),
  budgetLineId: z.string().max(120),
  kind: z.enum(['receipt', 'payment-ls', 'payment-um', 'spj', 'reversal']),
  date: isoDateSchema,
  amount: rupiahSchema,
  evidenceNumber: z.string().max(60),
  payee: z.string().max(120),
  recordedBy: z.string().max(120),
  /** For a reversal: the entry it cancels. Entries are never edited. */
  reverses: z.string().max(120).nullable(),
});
export type LedgerEntryDoc = z.infer<typeof ledgerEntryDocSchema>;
