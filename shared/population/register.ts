// The register as population events see it: one current record per person (the regency's record
// unless the village corrected it; the last correction in a chain wins), who is counted (living
// residents), and the families (distinct KK numbers among the counted).
import type { PopulationCounts } from '../documents/population';
import type { ResidentDoc } from '../documents/resident';
import { withoutCorrected } from '../residents/local';

/** A resident is counted in the village's population while living here (not missing, not gone). */
export function isCounted(resident: Pick<ResidentDoc, 'status'>): boolean {
  return resident.status === 'living';
}

/** WNI unless the register says otherwise. */
export function nationalityOf(resident: Pick<ResidentDoc, 'nationality'>): 'WNI' | 'WNA' {
  return resident.nationality.trim().toUpperCase() === 'WNA' ? 'WNA' : 'WNI';
}

/**
 * Of a set of records (regency and local, every record of each NIK in it), each person's current
 * one: corrected records dropped, then per NIK the most recently written. A `void` record (a
 * person an event brought in and a reversal took out) is current but not a resident.
 */
export function currentRecords<T extends ResidentDoc>(docs: readonly T[]): T[] {
  const byNik = new Map<string, T>();
  for (const doc of withoutCorrected(docs)) {
    const seen = byNik.get(doc.nik);
    if (!seen || doc.updatedAt > seen.updatedAt) byNik.set(doc.nik, doc);
  }
  return [...byNik.values()];
}

/** What the event rules read of the register: current records by NIK and by family card. */
export interface RegisterView {
  byNik(nik: string): ResidentDoc | undefined;
  /** The current records on a family card (any status). */
  family(kkNumber: string): readonly ResidentDoc[];
}

export function registerView(docs: readonly ResidentDoc[]): RegisterView {
  const current = currentRecords(docs);
  const byNik = new Map(current.map((d) => [d.nik, d]));
  const byKk = new Map<string, ResidentDoc[]>();
  for (const d of current) {
    if (!d.kkNumber) continue;
    const members = byKk.get(d.kkNumber);
    if (members) members.push(d);
    else byKk.set(d.kkNumber, [d]);
  }
  return { byNik: (nik) => byNik.get(nik), family: (kk) => byKk.get(kk) ?? [] };
}

export const ZERO_COUNTS: PopulationCounts = { lWni: 0, pWni: 0, lWna: 0, pWna: 0 };

export function countKey(sex: 'L' | 'P', nationality: 'WNI' | 'WNA'): keyof PopulationCounts {
  return `${sex === 'L' ? 'l' : 'p'}${nationality === 'WNI' ? 'Wni' : 'Wna'}`;
}

export function totalOf(c: PopulationCounts): number {
  return c.lWni + c.pWni + c.lWna + c.pWna;
}

/** The counted population by sex and nationality, and the number of families, of current records. */
export function countRegister(current: readonly ResidentDoc[]): {
  counts: PopulationCounts;
  families: number;
} {
  const counts = { ...ZERO_COUNTS };
  const families = new Set<string>();
  for (const r of current) {
    if (!isCounted(r)) continue;
    counts[countKey(r.sex, nationalityOf(r))]++;
    if (r.kkNumber) families.add(r.kkNumber);
  }
  return { counts, families: families.size };
}
