// A v0 requests collection, written with the old schema, opens as v1 with the documents migrated.
import { describe, expect, it } from 'vitest';
import { addRxPlugin, createRxDatabase } from 'rxdb';
import { RxDBDevModePlugin } from 'rxdb/plugins/dev-mode';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { z } from 'zod';
import { syncedBase, isoDateSchema, nikSchema } from '../../shared/documents/base';
import { REQUEST_STATUSES, requestDocSchema } from '../../shared/documents/request';
import { LETTER_TYPE_CODES } from '../../shared/letter-types';
import { statusOf } from '../../shared/requests/workflow';
import { openKioskDatabase } from './database';
import { toRxSchema } from './rx-schema';

addRxPlugin(RxDBDevModePlugin);

// The request schema as version 0 stored it.
const v0RequestSchema = syncedBase('request').extend({
  date: isoDateSchema,
  residentNik: nikSchema,
  residentName: z.string().min(1).max(120),
  serviceType: z.enum(LETTER_TYPE_CODES),
  purpose: z.string().min(1).max(300),
  status: z.enum(REQUEST_STATUSES),
});

describe('requests migration v0 → v1', () => {
  it('migrates a stored v0 request to the event log, pending for sync', async () => {
    const storage = wrappedValidateAjvStorage({
      storage: getRxStorageDexie({ indexedDB, IDBKeyRange }),
    });
    const name = 'balai_test_migrate';
    const old = await createRxDatabase({ name, storage, multiInstance: false });
    await old.addCollections({
      requests: {
        schema: toRxSchema('requests', {
          schemas: { request: v0RequestSchema },
          version: 0,
          indexes: [['date', 'createdAt']],
        }),
      },
    });
    const base = {
      type: 'request',
      villageCode: '3510992001',
      kioskId: 'k1',
      createdAt: '2026-11-27T02:00:00.000Z',
      updatedAt: '2026-11-27T05:00:00.000Z',
      date: '2026-11-27',
      residentNik: '3510171708450001',
      residentName: 'Budi',
      serviceType: 'sktm',
      purpose: 'Beasiswa',
      syncState: 'synced',
      couchRev: '1-abc',
      syncError: '',
    };
    await old.requests!.bulkInsert([
      { ...base, id: 'request:a', status: 'received' },
      { ...base, id: 'request:b', status: 'approved' },
    ]);
    await old.close();

    const db = await openKioskDatabase(name, storage);
    const a = (await db.requests.findOne('request:a').exec())!.toJSON() as Record<string, unknown>;
    const b = (await db.requests.findOne('request:b').exec())!.toJSON() as Record<string, unknown>;
    expect(a).toMatchObject({ ticket: '', fields: {}, requirements: [], syncState: 'pending' });
    expect(requestDocSchema.safeParse(a).success).toBe(true);
    const events = requestDocSchema.parse(b).events;
    expect(events.map((e) => e.step)).toEqual(['received', 'approved']);
    expect(statusOf(events)).toBe('approved');
    await db.remove();
  });
});
