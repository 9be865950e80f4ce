// Writing residents on the kiosk: an import of the register, and one resident added or corrected
// at the desk. Each checks the signed-in role first (renderer/staff/guard.ts).
import { REGISTER_TYPES } from '../../shared/documents/population';
import type { ResidentDoc } from '../../shared/documents/resident';
import { duplicateNikMessage, otherNikHolder } from '../../shared/residents/local';
import { pendingLocal } from '../../sync/client/local-fields';
import type { KioskDatabase } from '../../sync/client/store-types';
import { guard } from '../staff/guard';

export type ImportOutcome = { ok: true; written: number } | { ok: false; failed: number };

/** All or nothing: if any row fails to be written, the rows that went in are taken back. */
export async function importResidents(
  db: KioskDatabase,
  docs: readonly ResidentDoc[],
): Promise<ImportOutcome> {
  guard('resident.import');
  const written = await db.residents.bulkInsert(docs.map((d) => pendingLocal(d)));
  if (written.error.length) {
    await db.residents.bulkRemove(written.success.map((d) => d.id));
    return { ok: false, failed: written.error.length };
  }
  return { ok: true, written: written.success.length };
}

/** Saved, or refused because another resident holds the NIK (the reason names them). */
export type ResidentSave = { ok: true } | { ok: false; nik: string };

export async function saveLocalResident(
  db: KioskDatabase,
  doc: ResidentDoc,
): Promise<ResidentSave> {
  guard('resident.edit');
  // Population events carry the NIK too; only the register's entries hold it.
  const withNik = await db.residents
    .find({ selector: { nik: doc.nik, type: { $in: [...REGISTER_TYPES] } } })
    .exec();
  const holder = otherNikHolder(
    withNik.map((d) => d.toJSON() as ResidentDoc),
    doc.corrects,
  );
  if (holder) {
    return {
      ok: false,
      nik: `${duplicateNikMessage(doc.nik, holder)}. Cari nama itu dan pilih "Koreksi data" untuk membetulkannya.`,
    };
  }
  await db.residents.insert(pendingLocal(doc));
  return { ok: true };
}
