// A photo taken at the village (progress of a project, a damaged road), belonging to another
// document by `refId`. The JPEG travels inside the document as base64 (decision 0011): one
// document, one revision, one checksum, and the same _bulk_docs / _changes path as everything else.
// Photos live in their own collection and their own sync lane, so they never hold text data back.
import { z } from 'zod';
import { isoTimestampSchema, syncedBase } from './base';

/** Longest side the kiosk keeps: plenty for a progress report, small enough for a 2G link. */
export const PHOTO_LONG_SIDE = 1280;
/** The largest JPEG accepted anywhere (kiosk and regency): a 1280 px photo is far below it. */
export const PHOTO_MAX_BYTES = 600_000;
/** base64 of PHOTO_MAX_BYTES. */
export const PHOTO_MAX_BASE64 = Math.ceil(PHOTO_MAX_BYTES / 3) * 4;

export const photoLocationSchema = z.object({
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
});
export type PhotoLocation = z.infer<typeof photoLocationSchema>;

export const photoDocSchema = syncedBase('photo')
  .extend({
    /** The document the photo belongs to (e.g. a progress report). */
    refId: z.string().min(1).max(120),
    takenAt: isoTimestampSchema,
    location: photoLocationSchema.optional(),
    caption: z.string().max(500),
    mime: z.literal('image/jpeg'),
    width: z.number().int().min(1).max(PHOTO_LONG_SIDE),
    height: z.number().int().min(1).max(PHOTO_LONG_SIDE),
    bytes: z.number().int().min(1).max(PHOTO_MAX_BYTES),
    /** Lower-case hex SHA-256 of the JPEG bytes: checked by every kiosk that pulls the photo. */
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    /** The JPEG, base64. */
    data: z
      .string()
      .min(4)
      .max(PHOTO_MAX_BASE64)
      .regex(/^[A-Za-z0-9+/]+={0,2}$/),
  })
  .refine((doc) => base64DecodedLength(doc.data) === doc.bytes, {
    message: 'Ukuran foto tidak sesuai dengan isinya.',
    path: ['bytes'],
  });
export type PhotoDoc = z.infer<typeof photoDocSchema>;

/** Byte length of a base64 string without decoding it. */
export function base64DecodedLength(b64: string): number {
  const padding = b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0;
  return (b64.length / 4) * 3 - padding;
}
