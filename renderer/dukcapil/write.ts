// Writing applications to Dukcapil on the kiosk: the signed-in staff member must be allowed to
// take requests (renderer/staff/guard.ts); every write leaves the application pending, so the
// sync sends it (text first, its photos after in the photo lane).
import type { DukcapilApplicationDoc } from '../../shared/documents/dukcapil';
import { pendingLocal } from '../../sync/client/local-fields';
import { editLocal } from '../../sync/client/local-edit';
import type { KioskDatabase } from '../../sync/client/store-types';
import { guard } from '../staff/guard';

export async function insertApplication(
  db: KioskDatabase,
  doc: DukcapilApplicationDoc,
): Promise<void> {
  guard('request.create');
  await db.requests.insert(pendingLocal(doc) as never);
}

export async function saveApplication(
  db: KioskDatabase,
  doc: DukcapilApplicationDoc,
): Promise<void> {
  guard('request.create');
  const { id, ...rest } = doc;
  await editLocal(db.requests as never, id, rest as never);
}
