// Writing finance documents on the kiosk: every write is checked against what is stored with the
// same rule the regency applies (shared/finance/rules.ts), so an adopted budget line or a posted
// ledger entry is refused locally too. A document keeps the regency revision it last had.
import type {
  BudgetLineDoc,
  LedgerEntryDoc,
  SppDoc,
  YearClosingDoc,
} from '../../shared/documents/budget';
import { SPP_STAGE_ACTIONS, sppProgress } from '../../shared/finance/spp';
import { financeWriteRefusal, REFUSALS } from '../../shared/finance/rules';
import type { Action } from '../../shared/staff/permissions';
import { guard } from '../staff/guard';
import type { KioskDatabase } from '../../sync/client/store-types';

/** Write finance documents: each checked against what is stored; the first refusal stops all. */
export async function saveFinanceDocs(
  db: KioskDatabase,
  docs: readonly FinanceDoc[],
): Promise<void> {
  for (const doc of docs) guard(financeAction(doc));
  const stored = await db.finance.findByIds(docs.map((d) => d.id)).exec();
  for (const doc of docs) {
    const previous = stored.get(doc.id)?.toJSON() ?? null;
    const refusal = financeWriteRefusal(doc, previous);
    if (refusal) throw new Error(REFUSALS[refusal].id);
  }
  await db.finance.bulkUpsert(
    docs.map((doc) => ({
      ...doc,
      syncState: 'pending' as const,
      couchRev: stored.get(doc.id)?.couchRev ?? '',
      syncError: '',
    })) as never,
  );
}

type FinanceDoc = BudgetLineDoc | LedgerEntryDoc | SppDoc | YearClosingDoc;

/**
 * The permission a finance write needs: posting to the ledger, the SPP stage it reaches, closing
 * the year, adopting, or drafting the budget.
 */
function financeAction(doc: FinanceDoc): Action {
  if (doc.type === 'ledger') return 'ledger.post';
  if (doc.type === 'spp') return SPP_STAGE_ACTIONS[sppProgress(doc).at];
  if (doc.type === 'year-closing') return 'books.close';
  return doc.stage === 'adopted' ? 'budget.adopt' : 'budget.edit';
}
