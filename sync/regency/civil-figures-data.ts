// Reading the regency's civil-registration figures over the CouchDB API (the hub or any CouchDB
// 3.x): per village, its `dukcapil` view (applications, decisions, the village's names) and its
// `population-reports` view (one row per closed month), through the route's cache so a village
// is read again only after it changed (docs/decisions/0021).
import { DUKCAPIL_DOCUMENT_TYPES } from '../../shared/dukcapil/catalogue';
import type { VillageCode } from '../../shared/village';
import type { AdminConnection } from '../provision/couch-request';
import { civilFigures, type CivilFigures, type ClosedReport } from './civil-figures';
import { rowsOfVillage } from './dukcapil-data';
import type { VillageViewCache, ViewRow } from './village-view-cache';

export interface CivilFiguresData extends CivilFigures {
  /** Villages whose views could not be read, with the HTTP status. */
  unreadable: { code: VillageCode; reason: string }[];
}

function closedReports(rows: readonly ViewRow[]): ClosedReport[] {
  return rows.flatMap(({ key, value }): ClosedReport[] => {
    const month = key as unknown;
    const end = value.end as Record<string, unknown> | undefined;
    if (typeof month !== 'string' || !/^\d{4}-\d{2}$/.test(month) || !end) return [];
    const n = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
    return [
      {
        month,
        male: n(end.lWni) + n(end.lWna),
        female: n(end.pWni) + n(end.pWna),
        families: n(value.endFamilies),
      },
    ];
  });
}

export async function gatherCivilFigures(
  login: AdminConnection,
  villages: readonly VillageCode[],
  cache: VillageViewCache,
  now: Date,
): Promise<CivilFiguresData> {
  const unreadable: CivilFiguresData['unreadable'] = [];
  const replies = await cache.readAll(login, villages, ['dukcapil', 'population-reports']);
  const read = replies.map((reply, i) => {
    const code = villages[i]!;
    if (!reply.views) {
      unreadable.push({ code, reason: `HTTP ${reply.status}` });
      return null;
    }
    const dukcapil = reply.views.dukcapil ?? [];
    const profile = dukcapil.find((r) => r.key[0] === '~profile')?.value ?? {};
    return {
      code,
      villageName: String(profile.villageName ?? ''),
      districtName: String(profile.districtName ?? ''),
      applications: rowsOfVillage(code, dukcapil),
      reports: closedReports(reply.views['population-reports'] ?? []),
    };
  });
  const readable = read.filter((v) => v !== null);
  return { ...civilFigures(readable, DUKCAPIL_DOCUMENT_TYPES, now), unreadable };
}
