// RxDB JSON schemas generated from the zod document schemas in shared/, plus the kiosk-local
// sync fields, so the document shape has one source.
import { z } from 'zod';
import type { RxJsonSchema } from 'rxdb';
import type { CollectionDef } from '../../shared/documents/collections';
import { LOCAL_SYNC_FIELD_NAMES, LOCAL_SYNC_FIELD_SCHEMA } from '../../sync/client/local-fields';

type JsonSchemaObject = {
  properties: Record<string, Record<string, unknown>>;
  required?: string[];
};

export function toRxSchema<T>(name: string, def: CollectionDef): RxJsonSchema<T> {
  const json = z.toJSONSchema(def.schema, { io: 'output' }) as unknown as JsonSchemaObject;
  const properties: Record<string, Record<string, unknown>> = {
    ...json.properties,
    ...LOCAL_SYNC_FIELD_SCHEMA,
  };
  const indexes = [
    ...def.indexes.map((i) => (typeof i === 'string' ? i : [...i])),
    ['syncState', 'id'],
  ];
  // RxDB needs indexed integers bounded and stepped to build sortable index strings.
  for (const field of indexes.flat()) {
    const prop = properties[field];
    if (prop?.type === 'integer') properties[field] = { ...prop, multipleOf: 1 };
  }
  return {
    title: name,
    version: def.version,
    primaryKey: 'id',
    type: 'object',
    properties,
    required: [...(json.required ?? []), ...LOCAL_SYNC_FIELD_NAMES],
    indexes,
  } as unknown as RxJsonSchema<T>;
}
