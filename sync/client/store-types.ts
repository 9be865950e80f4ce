// The shape of the kiosk's RxDB database as the sync client sees it.
import type { RxCollection, RxDatabase } from 'rxdb';
import type { z } from 'zod';
import { COLLECTIONS, type CollectionName } from '../../shared/documents/collections';
import type { LocalSyncFields } from './local-fields';

type SchemasOf<N extends CollectionName> = (typeof COLLECTIONS)[N]['schemas'];

/** A stored document of a collection: any of its types, with the kiosk's sync fields. */
export type StoredDoc<N extends CollectionName> = z.infer<SchemasOf<N>[keyof SchemasOf<N>]> &
  LocalSyncFields;

export type KioskCollections = { [N in CollectionName]: RxCollection<StoredDoc<N>> };

export type KioskDatabase = RxDatabase<KioskCollections>;
