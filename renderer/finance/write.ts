// Writing finance documents on the kiosk: every write is checked against what is stored with the
// same rule the regency applies (shared/finance/rules.ts), so an adopted budget line or a posted
// ledger entry is refused locally too. A document keeps the regency revision it last had.
import type { BudgetLineDoc, LedgerEntryDoc } from '../../shared/documents/budget';
import { financeWriteRefusal, REFUSALS } from '../../shared/finance/rules';
import type { Action } from '../../shared/staff/permissions';
import { guard } from '../staff/guard';
import type { KioskDatabase } from '../../sync/client/store-types';

/** Write finance documents: each checked against what is stored; the first refusal stops all. */
export async function saveFinanceDocs(
  db: KioskDatabase,
  docs: readonly (BudgetLineDoc | LedgerEntryDoc)[],
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

/** The permission a finance write needs: posting to the ledger, adopting, or drafting the budget. */
function financeAction(doc: BudgetLineDoc | LedgerEntryDoc): Action {
  if (doc.type === 'ledger') return 'ledger.post';
  return doc.stage === 'adopted' ? 'budget.adopt' : 'budget.edit';
}
