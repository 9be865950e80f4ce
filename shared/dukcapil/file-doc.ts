// Checking an issued PDF that arrived at the village: its bytes must hash to the `sha256`
// Dukcapil recorded, or the kiosk refuses it (never stored), as it does a photo.
import { contentMatches, photoIsIntact } from '../photos/photo-doc';
import { dukcapilFileDocSchema } from '../documents/dukcapil';

export async function dukcapilFileIsIntact(doc: unknown): Promise<boolean> {
  const parsed = dukcapilFileDocSchema.safeParse(doc);
  return parsed.success && contentMatches(parsed.data);
}

/** What the photo lane checks on arrival: a photo, or an issued PDF, whole and unaltered. */
export function attachmentIsIntact(doc: unknown): Promise<boolean> {
  return (doc as { type?: unknown } | null)?.type === 'dukcapil-file'
    ? dukcapilFileIsIntact(doc)
    : photoIsIntact(doc);
}
