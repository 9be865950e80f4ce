// What the population books and the report read: the register's current records, the events
// and the closed reports, loaded once per screen and again after a write.
import { useCallback, useEffect, useState } from 'react';
import type { PopulationEventDoc, PopulationReportDoc } from '../../shared/documents/population';
import type { ResidentDoc } from '../../shared/documents/resident';
import { currentRecords } from '../../shared/population/register';
import type { KioskDatabase } from '../../sync/client/store-types';
import { loadClosedReports, loadEvents, loadRegister } from './data';

export interface PopulationData {
  current: ResidentDoc[];
  events: PopulationEventDoc[];
  closed: PopulationReportDoc[];
}

export async function loadPopulation(db: KioskDatabase): Promise<PopulationData> {
  const [register, events, closed] = await Promise.all([
    loadRegister(db),
    loadEvents(db),
    loadClosedReports(db),
  ]);
  return { current: currentRecords(register), events, closed };
}

export function usePopulation(db: KioskDatabase) {
  const [data, setData] = useState<PopulationData | null>(null);
  const reload = useCallback(() => void loadPopulation(db).then(setData), [db]);
  useEffect(reload, [reload]);
  return { data, reload };
}
