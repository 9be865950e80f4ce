import { describe, expect, it } from 'vitest';
import { addRxPlugin } from 'rxdb';
import { RxDBDevModePlugin } from 'rxdb/plugins/dev-mode';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { createIdGenerator } from '../../shared/ids';
import { requestFromForm } from '../../shared/documents/request-form';
import { pendingLocal } from '../../sync/client/local-fields';
import { openKioskDatabase } from './database';

// Dev-mode and the ajv validator check every schema and write the way RxDB's authors intend;
// neither is used in the app (dev-mode injects an iframe, ajv needs eval under our CSP).
addRxPlugin(RxDBDevModePlugin);

describe('the kiosk database', () => {
  it('opens with every collection, and keeps a saved request across a reopen', async () => {
    const storage = wrappedValidateAjvStorage({
      storage: getRxStorageDexie({ indexedDB, IDBKeyRange }),
    });
    const db = await openKioskDatabase('balai_test_reopen', storage);
    expect(Object.keys(db.collections).sort()).toEqual([
      'finance',
      'letters',
      'photos',
      'registry',
      'requests',
      'residents',
    ]);
    const ids = createIdGenerator('3510992001', 'k1');
    const made = requestFromForm(
      { nik: '3510171708450001', name: 'Budi', serviceType: 'sktm', purpose: 'Beasiswa' },
      { villageCode: '3510992001', kioskId: 'k1', ids },
    );
    if (!made.ok) throw new Error('form should be valid');
    await db.requests.insert(pendingLocal(made.doc));
    await db.close();

    const again = await openKioskDatabase('balai_test_reopen', storage);
    const stored = await again.requests.findOne(made.doc.id).exec();
    expect(stored?.toJSON()).toMatchObject({ residentName: 'Budi', syncState: 'pending' });
    await again.remove();
  });
});
