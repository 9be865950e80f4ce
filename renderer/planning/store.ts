// The planning documents of the year on screen, live from the kiosk's `finance` collection, beside
// the budget lines and ledger entries they feed (renderer/finance/store.ts).
import { useMemo } from 'react';
import { map } from 'rxjs';
import type {
  MusdesDoc,
  ProgressReportDoc,
  ProposalDoc,
  RkpKegiatanDoc,
} from '../../shared/documents/planning';
import type { PlanningContext } from '../../shared/planning/proposal';
import type { LocalSyncFields } from '../../sync/client/local-fields';
import { useOfficial } from '../state/official';
import { useOpenSession } from '../state/session-store';
import { useObservable } from '../state/use-observable';

type Local = Pick<LocalSyncFields, 'syncState' | 'syncError'>;
export interface PlanningData {
  proposals: (ProposalDoc & Local)[];
  meetings: (MusdesDoc & Local)[];
  kegiatan: (RkpKegiatanDoc & Local)[];
  reports: (ProgressReportDoc & Local)[];
}

const EMPTY: PlanningData = { proposals: [], meetings: [], kegiatan: [], reports: [] };
const TYPES = ['proposal', 'musdes', 'rkp-kegiatan', 'progress-report'];

export function usePlanningData(year: number): PlanningData {
  const { db } = useOpenSession();
  const data$ = useMemo(
    () =>
      db.finance.find({ selector: { type: { $in: TYPES }, fiscalYear: year } }).$.pipe(
        map((docs) => {
          const data: PlanningData = { proposals: [], meetings: [], kegiatan: [], reports: [] };
          for (const d of docs) {
            const doc = d.toMutableJSON() as unknown as { type: string };
            if (doc.type === 'proposal') data.proposals.push(doc as PlanningData['proposals'][0]);
            if (doc.type === 'musdes') data.meetings.push(doc as PlanningData['meetings'][0]);
            if (doc.type === 'rkp-kegiatan') data.kegiatan.push(doc as PlanningData['kegiatan'][0]);
            if (doc.type === 'progress-report')
              data.reports.push(doc as PlanningData['reports'][0]);
          }
          for (const list of Object.values(data) as { id: string }[][])
            list.sort((a, b) => (a.id < b.id ? -1 : 1));
          return data;
        }),
      ),
    [db, year],
  );
  return useObservable(data$, EMPTY);
}

export function usePlanningContext(): PlanningContext {
  const { config, ids } = useOpenSession();
  return { villageCode: config.villageCode, kioskId: config.kioskId, ids };
}

/** The staff member signed in at the kiosk: their name and role (decision 0008). */
export function useStaff() {
  return useOfficial();
}
