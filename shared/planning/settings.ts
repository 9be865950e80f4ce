// What the regency configures about planning (its `planning-settings` documents, synced to the
// kiosks): the national priorities a proposal can serve, the musdes scoring criteria offered by
// default, and after how many days without a report a project counts as stalled. Without one,
// the defaults here, which follow the national Dana Desa priorities.
import type { Criterion, PlanningSettingsDoc } from '../documents/planning';

export interface PlanningSettings {
  /** [code, name] in display order. */
  priorities: readonly (readonly [string, string])[];
  criteria: readonly Criterion[];
  /** A funded project not finished and without a report for longer than this is stalled. */
  stalledDays: number;
}

export const DEFAULT_PRIORITIES = [
  ['kemiskinan', 'Penanggulangan kemiskinan ekstrem'],
  ['stunting', 'Pencegahan dan penurunan stunting'],
  ['ketahanan-pangan', 'Ketahanan pangan dan hewani'],
  ['iklim', 'Mitigasi dan adaptasi perubahan iklim'],
  ['kesehatan', 'Layanan kesehatan dasar'],
  ['pendidikan', 'Pendidikan dan PAUD'],
  ['infrastruktur', 'Infrastruktur dasar desa'],
  ['desa-digital', 'Desa digital dan teknologi tepat guna'],
  ['padat-karya', 'Padat karya tunai desa'],
] as const;

/** What a musdes scores by default; the meeting may change names and weights before scoring. */
export const DEFAULT_CRITERIA: readonly Criterion[] = [
  { key: 'urgensi', name: 'Tingkat kebutuhan (urgensi)', weight: 3 },
  { key: 'manfaat', name: 'Jumlah penerima manfaat', weight: 2 },
  { key: 'prioritas', name: 'Kesesuaian prioritas nasional', weight: 2 },
  { key: 'swadaya', name: 'Dukungan swadaya warga', weight: 1 },
];

export const DEFAULT_PLANNING_SETTINGS: PlanningSettings = {
  priorities: DEFAULT_PRIORITIES,
  criteria: DEFAULT_CRITERIA,
  stalledDays: 14,
};

/** The highest score a criterion takes in a musdes (0..MAX_SCORE). */
export const MAX_SCORE = 5;

export function priorityName(code: string, settings = DEFAULT_PLANNING_SETTINGS): string {
  return settings.priorities.find(([c]) => c === code)?.[1] ?? code;
}

/**
 * The settings in force for a fiscal year: the regency's newest `planning-settings` document from
 * that year or before (later `fiscalYear`, then later `updatedAt` wins), else the defaults.
 */
export function settingsForYear(
  docs: readonly PlanningSettingsDoc[],
  fiscalYear: number,
): PlanningSettings {
  const newest = docs
    .filter((d) => d.fiscalYear <= fiscalYear)
    .sort((a, b) => a.fiscalYear - b.fiscalYear || (a.updatedAt < b.updatedAt ? -1 : 1))
    .at(-1);
  if (!newest) return DEFAULT_PLANNING_SETTINGS;
  return {
    priorities: newest.priorities.map((p) => [p.code, p.name] as const),
    criteria: newest.criteria,
    stalledDays: newest.stalledDays,
  };
}
