// The planning documents of the year on screen, live from the kiosk's `finance` collection, beside
// the budget lines and ledger entries they feed (renderer/finance/store.ts).
import { useMemo } from 'react';
import { map } from 'rxjs';
import type {
  MusdesDoc,
  PlanningSettingsDoc,
  ProgressReportDoc,
  ProposalDoc,
  RkpKegiatanDoc,
} from '../../shared/documents/planning';
import type { PlanningContext } from '../../shared/planning/proposal';
import {
  DEFAULT_PLANNING_SETTINGS,
  settingsForYear,
  type PlanningSettings,
} from '../../shared/planning/settings';
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
  /** The regency's settings in force for the year, or the defaults. */
  settings: PlanningSettings;
}

const EMPTY: PlanningData = {
  proposals: [],
  meetings: [],
  kegiatan: [],
  reports: [],
  settings: DEFAULT_PLANNING_SETTINGS,
};
const TYPES = ['proposal', 'musdes', 'rkp-kegiatan', 'progress-report'];

export function usePlanningData(year: number): PlanningData {
  const { db } = useOpenSession();
  const data$ = useMemo(
    () =>
      db.finance
        .find({
          selector: {
            $or: [
              { type: { $in: TYPES }, fiscalYear: year },
              // The regency's settings apply from their fiscal year on.
              { type: 'planning-settings', fiscalYear: { $lte: year } },
            ],
          },
        })
        .$.pipe(
          map((docs) => {
            const data: Omit<PlanningData, 'settings'> = {
              proposals: [],
              meetings: [],
              kegiatan: [],
              reports: [],
            };
            const settings: PlanningSettingsDoc[] = [];
            for (const d of docs) {
              const doc = d.toMutableJSON() as unknown as { type: string };
              if (doc.type === 'proposal') data.proposals.push(doc as PlanningData['proposals'][0]);
              if (doc.type === 'musdes') data.meetings.push(doc as PlanningData['meetings'][0]);
              if (doc.type === 'rkp-kegiatan')
                data.kegiatan.push(doc as PlanningData['kegiatan'][0]);
              if (doc.type === 'progress-report')
                data.reports.push(doc as PlanningData['reports'][0]);
              if (doc.type === 'planning-settings') settings.push(doc as PlanningSettingsDoc);
            }
            for (const list of Object.values(data) as { id: string }[][])
              list.sort((a, b) => (a.id < b.id ? -1 : 1));
            return { ...data, settings: settingsForYear(settings, year) };
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
