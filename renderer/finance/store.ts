// The finance collection as the screens use it: the year's budget lines and ledger entries, live,
// and one way to write them — through the shared rules, so an adopted line or a posted entry is
// refused here exactly as the regency would refuse it.
import { useMemo } from 'react';
import { map } from 'rxjs';
import { create } from 'zustand';
import type {
  BudgetLineDoc,
  LedgerEntryDoc,
  ReferenceDoc,
  SppDoc,
  YearClosingDoc,
} from '../../shared/documents/budget';
import { applyReferenceUpdates } from '../../shared/finance/reference';
import type { FinanceContext } from '../../shared/finance/budget';
import type { LocalSyncFields } from '../../sync/client/local-fields';
import { forgetOnNewHolder } from '../state/forget-on-new-holder';
import { useOpenSession } from '../state/session-store';
import { useObservable } from '../state/use-observable';

/** The year on screen and who is recording, kept while staff move between finance screens. */
export const useFiscalYear = create<{
  year: number;
  setYear(year: number): void;
  recordedBy: string;
  setRecordedBy(name: string): void;
}>((set) => ({
  year: new Date().getFullYear(),
  setYear: (year) => set({ year }),
  recordedBy: '',
  setRecordedBy: (recordedBy) => set({ recordedBy }),
}));
// The next person starts at the current year, not at the year the last one was looking at.
forgetOnNewHolder(useFiscalYear);

type Local = Pick<LocalSyncFields, 'syncState' | 'syncError'>;
export interface FinanceData {
  lines: (BudgetLineDoc & Local)[];
  entries: (LedgerEntryDoc & Local)[];
  /** The year's SPPs (decision 0024). */
  spps: (SppDoc & Local)[];
  /** Every closed year up to this one, and the year before's closing (what it carried in). */
  closedYears: number[];
  carriedIn: YearClosingDoc | null;
}

const EMPTY: FinanceData = { lines: [], entries: [], spps: [], closedYears: [], carriedIn: null };

/** Every budget line and ledger entry of the year, updated as they change. */
export function useFinanceData(year: number): FinanceData {
  const { db } = useOpenSession();
  const data$ = useMemo(
    () =>
      db.finance
        .find({
          selector: {
            $or: [
              { fiscalYear: year },
              { type: 'reference', fiscalYear: { $lte: year } },
              { type: 'year-closing' },
            ],
          },
        })
        .$.pipe(
          map((docs) => {
            const lines: FinanceData['lines'] = [];
            const entries: FinanceData['entries'] = [];
            const references: ReferenceDoc[] = [];
            const spps: FinanceData['spps'] = [];
            const closings: YearClosingDoc[] = [];
            for (const d of docs) {
              const doc = d.toMutableJSON() as unknown as
                FinanceData['lines'][number] | FinanceData['entries'][number];
              if (doc.type === 'budget' && doc.fiscalYear === year) lines.push(doc);
              else if (doc.type === 'ledger' && doc.fiscalYear === year) entries.push(doc);
              else if ((doc as { type: string }).type === 'spp' && doc.fiscalYear === year)
                spps.push(doc as unknown as FinanceData['spps'][number]);
              else if ((doc as { type: string }).type === 'year-closing')
                closings.push(doc as unknown as YearClosingDoc);
              else if ((doc as { type: string }).type === 'reference')
                references.push(doc as unknown as ReferenceDoc);
            }
            // The regency's reference updates, laid over the shipped tables before anything renders.
            applyReferenceUpdates(references);
            lines.sort((a, b) => (a.id < b.id ? -1 : 1));
            entries.sort((a, b) => (a.id < b.id ? -1 : 1));
            spps.sort((a, b) => (a.id < b.id ? -1 : 1));
            return {
              lines,
              entries,
              spps,
              closedYears: closings.map((c) => c.fiscalYear),
              carriedIn: closings.find((c) => c.fiscalYear === year - 1) ?? null,
            };
          }),
        ),
    [db, year],
  );
  return useObservable(data$, EMPTY);
}

export function useFinanceContext(): FinanceContext {
  const { config, ids } = useOpenSession();
  return { villageCode: config.villageCode, kioskId: config.kioskId, ids };
}

export { saveFinanceDocs } from './write';
