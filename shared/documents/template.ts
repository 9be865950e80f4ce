// The regency's wording for one letter type, sent down to every village through sync: the title,
// the certified paragraphs and the closing. Empty parts keep the built-in wording
// (shared/letters/template.ts). Paragraphs may name `{nama}`, `{nik}`, `{desa}`, `{kecamatan}`,
// `{kabupaten}` and any of the type's extra fields as `{field}`.
import { z } from 'zod';
import { LETTER_TYPE_CODES } from '../letter-types';
import { syncedBase } from './base';

export const templateDocSchema = syncedBase('template').extend({
  letterType: z.enum(LETTER_TYPE_CODES),
  title: z.string().max(120).default(''),
  body: z.array(z.string().max(1000)).max(8).default([]),
  closing: z.string().max(500).default(''),
});
export type TemplateDoc = z.infer<typeof templateDocSchema>;
