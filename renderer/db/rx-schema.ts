// RxDB JSON schemas generated from the zod document schemas in shared/, plus the kiosk-local
// sync fields, so the document shape has one source. A collection holding several types gets the
// union of their properties; only the fields all of them require are required.
import { z } from 'zod';
import type { RxJsonSchema } from 'rxdb';
import type { CollectionDef } from '../../shared/documents/collections';
import { LOCAL_SYNC_FIELD_NAMES, LOCAL_SYNC_FIELD_SCHEMA } from '../../sync/client/local-fields';

type JsonSchemaObject = {
  properties: Record<string, Record<string, unknown>>;
  required?: string[];
};

export function toRxSchema<T>(name: string, def: CollectionDef): RxJsonSchema<T> {
  const parts = Object.values(def.schemas).map(
    (schema) => z.toJSONSchema(schema, { io: 'output' }) as unknown as JsonSchemaObject,
  );
  const properties: Record<string, Record<string, unknown>> = {};
  for (const part of parts) {
    for (const [field, prop] of Object.entries(part.properties)) {
      const seen = properties[field];
      // Two types disagreeing on a field: the storage accepts either; zod checks each type.
      properties[field] = !seen || JSON.stringify(seen) === JSON.stringify(prop) ? prop : {};
    }
  }
  // `type` is a literal per document type; the collection stores several, and may index it.
  properties.type = { type: 'string', maxLength: 40 };
  Object.assign(properties, LOCAL_SYNC_FIELD_SCHEMA);
  const required = parts
    .map((p) => p.required ?? [])
    .reduce((common, next) => common.filter((f) => next.includes(f)));

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
    required: [...required, ...LOCAL_SYNC_FIELD_NAMES],
    indexes,
  } as unknown as RxJsonSchema<T>;
}
