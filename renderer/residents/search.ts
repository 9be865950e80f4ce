// Resident search as you type, on the register's indexes: digits search NIK and KK number by
// prefix (index range scans on `nik` and `kkNumber`), letters search the name by prefix
// (`nameKey`). A local correction hides the record it corrects; each person shows as their
// current record (shared/population/register.ts), so a population event that changed their family
// card or status shows at once, and a record an event voided not at all.
import { REGISTER_TYPES } from '../../shared/documents/population';
import type { ResidentDoc } from '../../shared/documents/resident';
import { currentRecords } from '../../shared/population/register';
import { searchPlan } from '../../shared/residents/local';
import type { KioskDatabase } from '../../sync/client/store-types';

const HIGH = '\uffff';
/** The collection's `nik` index also holds population events: register readers select these. */
const REGISTER = { $in: [...REGISTER_TYPES] };

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
      db.residents
        .find({ selector: { nik: range, type: REGISTER }, sort: [{ nik: 'asc' }], limit })
        .exec(),
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
  const key = (d: ResidentDoc) => (plan.kind === 'name' ? d.nameKey : d.nik);
  const matches = (d: ResidentDoc) =>
    plan.kind === 'name'
      ? d.nameKey.startsWith(plan.prefix)
      : d.nik.startsWith(plan.prefix) || d.kkNumber.startsWith(plan.prefix);
  return (await currentOf(db, found, matches))
    .sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0))
    .slice(0, limit);
}

/**
 * The current records of the people among `found` (every record of each NIK, one query per NIK
 * on its index) that still match: a record found by an old family card or name is replaced by the
 * person as they are now, or dropped when they no longer match.
 */
async function currentOf(
  db: KioskDatabase,
  found: readonly ResidentDoc[],
  matches: (d: ResidentDoc) => boolean,
): Promise<ResidentDoc[]> {
  const niks = [...new Set(found.map((d) => d.nik))];
  const records = await Promise.all(
    niks.map((nik) => db.residents.find({ selector: { nik, type: REGISTER } }).exec()),
  );
  return currentRecords(records.flat().map((d) => d.toJSON() as ResidentDoc)).filter(
    (d) => d.status !== 'void' && matches(d),
  );
}

/** Everyone on one family card. */
export async function familyOf(db: KioskDatabase, kkNumber: string): Promise<ResidentDoc[]> {
  if (!kkNumber) return [];
  const docs = await db.residents.find({ selector: { kkNumber, type: REGISTER } }).exec();
  return currentOf(
    db,
    docs.map((d) => d.toJSON() as ResidentDoc),
    (d) => d.kkNumber === kkNumber,
  );
}

export async function residentByNik(
  db: KioskDatabase,
  nik: string,
): Promise<ResidentDoc | undefined> {
  const docs = await db.residents.find({ selector: { nik, type: REGISTER } }).exec();
  return currentRecords(docs.map((d) => d.toJSON() as ResidentDoc)).find(
    (d) => d.status !== 'void',
  );
}

export async function temporaryNiks(db: KioskDatabase, villageCode: string): Promise<string[]> {
  const prefix = `0${villageCode}`;
  const docs = await db.residents
    .find({ selector: { nik: { $gte: prefix, $lt: prefix + HIGH }, type: REGISTER } })
    .exec();
  return docs.map((d) => (d.toJSON() as ResidentDoc).nik);
}
