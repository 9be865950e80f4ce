// The village as the header bar, tickets, reports and the hall's board name it: `Desa Jambesari,
// Kec. Giri, Kab. Banyuwangi` once the regency's profile is here, the dotted code until then.
import { useMemo } from 'react';
import { villageTitle } from '../../shared/letters/letterhead';
import { formatVillageCode, type VillageCode } from '../../shared/village';
import { useOpenSession } from '../state/session-store';
import { useObservable } from '../state/use-observable';
import { villageIdentity$, type VillageIdentity } from './office-data';

/** The regency's profile and the office's own document, live; null until first read. */
export function useVillageIdentity(): VillageIdentity | null {
  const { db } = useOpenSession();
  const identity$ = useMemo(() => villageIdentity$(db), [db]);
  return useObservable<VillageIdentity | null>(identity$, null);
}

/** The village's title for a person to read; never a bare code once the names have arrived. */
export function titleOf(identity: VillageIdentity | null, villageCode: string): string {
  const dotted = formatVillageCode(villageCode as VillageCode);
  return identity ? villageTitle(identity.village, dotted) : `Desa ${dotted}`;
}

export function useVillageTitle(): string {
  return titleOf(useVillageIdentity(), useOpenSession().config.villageCode);
}

export function VillageLabel() {
  return <span data-testid="village-label">{useVillageTitle()}</span>;
}
