// Staff changing a document already in the local store: the change is saved and the document
// goes back to `pending` — keeping the regency revision it has, so the next push updates it
// rather than colliding with it, and clearing a refusal so an edited document is tried again.
import type { RxCollection } from 'rxdb';
import type { LocalSyncFields } from './local-fields';

export async function editLocal<T extends LocalSyncFields>(
  collection: RxCollection<T>,
  id: string,
  patch: Partial<T>,
): Promise<void> {
  const stored = await collection.findOne(id).exec();
  await stored?.incrementalPatch({ ...patch, syncState: 'pending', syncError: '' } as Partial<T>);
}
