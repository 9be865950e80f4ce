// The village as the header bar, tickets and reports name it: `Desa Jambesari, Kec. Giri, Kab.
// Banyuwangi` once the regency's profile is here, the dotted code until then.
import { useMemo } from 'react';
import { villageTitle } from '../../shared/letters/letterhead';
import { formatVillageCode, type VillageCode } from '../../shared/village';
import { useOpenSession } from '../state/session-store';
import { useObservable } from '../state/use-observable';
import { villageIdentity$, type VillageIdentity } from './office-data';

export function VillageLabel() {
  const { db, config } = useOpenSession();
  const identity$ = useMemo(() => villageIdentity$(db), [db]);
  const identity = useObservable<VillageIdentity | null>(identity$, null);
  const dotted = formatVillageCode(config.villageCode as VillageCode);
  return (
    <span data-testid="village-label">
      {identity ? villageTitle(identity.village, dotted) : `Desa ${dotted}`}
    </span>
  );
}
