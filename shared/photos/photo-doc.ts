// Building a photo document from a JPEG, and checking one that arrived: its bytes must hash to
// the `sha256` the writing kiosk recorded (the kiosk that pulls a photo refuses a mismatch).
import { newDocument, type Author } from '../documents/base';
import { photoDocSchema, type PhotoDoc, type PhotoLocation } from '../documents/photo';
import { fieldErrors } from '../validation';
import { base64ToBytes, bytesToBase64 } from '../bytes/base64';
import { subtle } from '../bytes/web-crypto';

/** Lower-case hex SHA-256. */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await subtle().digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** A compressed photo, as the kiosk's camera/file input produced it. */
export interface JpegPhoto {
  jpeg: Uint8Array;
  width: number;
  height: number;
  takenAt: string;
  location?: PhotoLocation | undefined;
  caption: string;
}

export type PhotoBuildResult = { ok: true; doc: PhotoDoc } | { ok: false; message: string };

/** A new photo document for `refId`, validated; a refusal comes with a message for staff. */
export async function buildPhotoDoc(
  refId: string,
  photo: JpegPhoto,
  author: Author,
  at: string,
): Promise<PhotoBuildResult> {
  const candidate = {
    ...newDocument('photo', author, at),
    refId,
    takenAt: photo.takenAt,
    ...(photo.location ? { location: photo.location } : {}),
    caption: photo.caption.trim(),
    mime: 'image/jpeg' as const,
    width: photo.width,
    height: photo.height,
    bytes: photo.jpeg.length,
    sha256: await sha256Hex(photo.jpeg),
    data: bytesToBase64(photo.jpeg),
  };
  const parsed = photoDocSchema.safeParse(candidate);
  if (parsed.success) return { ok: true, doc: parsed.data };
  const errors = fieldErrors<string>(parsed.error);
  const [field, message] = Object.entries(errors)[0] ?? ['', 'tidak sah'];
  return { ok: false, message: `Foto tidak dapat disimpan (${field}: ${message}).` };
}

/**
 * Whether a photo that arrived is the one its kiosk wrote: the shape is valid and the JPEG's
 * bytes hash to its `sha256`. Anything else is refused, never stored.
 */
export async function photoIsIntact(doc: unknown): Promise<boolean> {
  const parsed = photoDocSchema.safeParse(doc);
  return parsed.success && contentMatches(parsed.data);
}

/** Whether base64 `data` decodes to `bytes` bytes hashing to `sha256` (photos, issued PDFs). */
export async function contentMatches(doc: {
  data: string;
  bytes: number;
  sha256: string;
}): Promise<boolean> {
  const bytes = base64ToBytes(doc.data);
  if (!bytes || bytes.length !== doc.bytes) return false;
  return (await sha256Hex(bytes)) === doc.sha256;
}
