// Writing planning documents on the kiosk: the signed-in staff member's role is checked against
// the permissions table (renderer/staff/guard.ts), and every document against what is stored with the same rules the regency
// applies (shared/planning/rules.ts, shared/finance/rules.ts). All documents of one action go in
// one bulk write to the `finance` collection, after every check passed: all or nothing.
import type { BudgetLineDoc } from '../../shared/documents/budget';
import type {
  MusdesDoc,
  ProgressReportDoc,
  ProposalDoc,
  RkpKegiatanDoc,
} from '../../shared/documents/planning';
import { financeWriteRefusal, REFUSALS } from '../../shared/finance/rules';
import { PLANNING_REFUSALS, planningWriteRefusal } from '../../shared/planning/rules';
import type { Action } from '../../shared/staff/permissions';
import { guard } from '../staff/guard';
import type { KioskDatabase } from '../../sync/client/store-types';

export type PlanningWrite = ProposalDoc | MusdesDoc | RkpKegiatanDoc | ProgressReportDoc;

export async function savePlanningDocs(
  db: KioskDatabase,
  docs: readonly (PlanningWrite | BudgetLineDoc)[],
  action: Action,
): Promise<void> {
  guard(action);
  const stored = await db.finance.findByIds(docs.map((d) => d.id)).exec();
  for (const doc of docs) {
    const previous = (stored.get(doc.id)?.toJSON() as Record<string, unknown> | undefined) ?? null;
    const planning = planningWriteRefusal(doc, previous);
    if (planning) throw new Error(PLANNING_REFUSALS[planning].id);
    const finance = financeWriteRefusal(doc, previous);
    if (finance) throw new Error(REFUSALS[finance].id);
  }
  const result = await db.finance.bulkUpsert(
    docs.map((doc) => ({
      ...doc,
      syncState: 'pending' as const,
      couchRev: stored.get(doc.id)?.couchRev ?? '',
      syncError: '',
    })) as never,
  );
  if (result.error.length > 0) throw new Error('Gagal menyimpan di kios ini.');
}
