// Resident search as you type, on the register's indexes: digits search NIK and KK number by
// prefix (index range scans on `nik` and `kkNumber`), letters search the name by prefix
// (`nameKey`). A local correction hides the record it corrects.
import type { ResidentDoc } from '../../shared/documents/resident';
import { searchPlan, withoutCorrected } from '../../shared/residents/local';
import type { KioskDatabase } from '../../sync/client/store-types';

const HIGH = '\uffff';

export async function searchResidents(
  db: KioskDatabase,
  query: string,
  limit = 8,
): Promise<ResidentDoc[]> {
  const plan = searchPlan(query);
  if (plan.kind === 'none') return [];
  const range = { $gte: plan.prefix, $lt: plan.prefix + HIGH };
  let found: ResidentDoc[];
  if (plan.kind === 'number') {
    const [byNik, byKk] = await Promise.all([
      db.residents.find({ selector: { nik: range }, sort: [{ nik: 'asc' }], limit }).exec(),
      plan.prefix.length >= 6
        ? db.residents
            .find({ selector: { kkNumber: range }, sort: [{ kkNumber: 'asc' }], limit })
            .exec()
        : Promise.resolve([]),
    ]);
    const seen = new Set<string>();
    found = [...byNik, ...byKk]
      .map((d) => d.toJSON() as ResidentDoc)
      .filter((d) => !seen.has(d.id) && seen.add(d.id));
  } else {
    found = (
      await db.residents
        .find({ selector: { nameKey: range }, sort: [{ nameKey: 'asc' }], limit })
        .exec()
    ).map((d) => d.toJSON() as ResidentDoc);
  }
  return withoutCorrected(found).slice(0, limit);
}

/** Everyone on one family card. */
export async function familyOf(db: KioskDatabase, kkNumber: string): Promise<ResidentDoc[]> {
  if (!kkNumber) return [];
  const docs = await db.residents.find({ selector: { kkNumber } }).exec();
  return withoutCorrected(docs.map((d) => d.toJSON() as ResidentDoc));
}

export async function residentByNik(
  db: KioskDatabase,
  nik: string,
): Promise<ResidentDoc | undefined> {
  const docs = await db.residents.find({ selector: { nik } }).exec();
  return withoutCorrected(docs.map((d) => d.toJSON() as ResidentDoc))[0];
}

export async function temporaryNiks(db: KioskDatabase, villageCode: string): Promise<string[]> {
  const prefix = `0${villageCode}`;
  const docs = await db.residents
    .find({ selector: { nik: { $gte: prefix, $lt: prefix + HIGH } } })
    .exec();
  return docs.map((d) => d.nik);
}
