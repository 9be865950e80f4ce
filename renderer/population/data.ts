// The kiosk's population data: reading the events, the closed reports and the register as the
// event rules and the report need them, and writing an event (with the person's record after it)
// and a closed report. Each write checks the signed-in role first (renderer/staff/guard.ts).
import type { PopulationEventDoc, PopulationReportDoc } from '../../shared/documents/population';
import { REGISTER_TYPES } from '../../shared/documents/population';
import type { ResidentDoc } from '../../shared/documents/resident';
import { registerView, type RegisterView } from '../../shared/population/register';
import { pendingLocal } from '../../sync/client/local-fields';
import type { KioskDatabase } from '../../sync/client/store-types';
import { guard } from '../staff/guard';

export async function loadEvents(db: KioskDatabase): Promise<PopulationEventDoc[]> {
  const docs = await db.residents.find({ selector: { type: 'population-event' } }).exec();
  return docs
    .map((d) => d.toJSON() as unknown as PopulationEventDoc)
    .sort((a, b) => (a.createdAt < b.createdAt ? -1 : 1));
}

export async function loadClosedReports(db: KioskDatabase): Promise<PopulationReportDoc[]> {
  const docs = await db.registry.find({ selector: { type: 'population-report' } }).exec();
  return docs.map((d) => d.toJSON() as unknown as PopulationReportDoc);
}

/** Every record of the register (regency and local), for the books and the report. */
export async function loadRegister(db: KioskDatabase): Promise<ResidentDoc[]> {
  const docs = await db.residents.find({ selector: { type: { $in: [...REGISTER_TYPES] } } }).exec();
  return docs.map((d) => d.toJSON() as ResidentDoc);
}

/**
 * The register as one event needs it: every record of the named NIKs and of everyone on their
 * family cards (and on `kkNumbers`), by index, so the rules see current records and families.
 */
export async function registerFor(
  db: KioskDatabase,
  niks: readonly string[],
  kkNumbers: readonly string[],
): Promise<RegisterView> {
  const type = { $in: [...REGISTER_TYPES] };
  const byNik = async (list: readonly string[]) =>
    (
      await Promise.all(list.map((nik) => db.residents.find({ selector: { nik, type } }).exec()))
    ).flatMap((docs) => docs.map((d) => d.toJSON() as ResidentDoc));
  const people = await byNik(niks.filter(Boolean));
  const cards = new Set([...kkNumbers, ...people.map((p) => p.kkNumber)].filter(Boolean));
  const members = (
    await Promise.all(
      [...cards].map((kkNumber) => db.residents.find({ selector: { kkNumber, type } }).exec()),
    )
  ).flatMap((docs) => docs.map((d) => d.toJSON() as ResidentDoc));
  // A member found by an old card may have moved on: fetch each one's whole chain of records.
  const chains = await byNik([...new Set(members.map((m) => m.nik))]);
  return registerView([...people, ...chains]);
}

/** The event and the person's record after it, both or neither. */
export async function saveEvent(
  db: KioskDatabase,
  event: PopulationEventDoc,
  resident: ResidentDoc,
): Promise<void> {
  guard('population.record');
  const written = await db.residents.bulkInsert([pendingLocal(resident), pendingLocal(event)]);
  if (written.error.length) {
    await db.residents.bulkRemove(written.success.map((d) => d.id));
    throw new Error('Peristiwa tidak tersimpan; tidak ada yang berubah. Coba lagi.');
  }
}

export async function saveClosedReport(
  db: KioskDatabase,
  report: PopulationReportDoc,
): Promise<void> {
  guard('population.close');
  await db.registry.insert(pendingLocal(report));
}
