// The village's identity on the kiosk: the regency's profile (names from the Kemendagri code) and
// the office's own newest `village-office` document, read live from the registry collection, and
// the office's saves — each a new document from this kiosk, never an edit of another kiosk's
// (docs/decisions/0015).
import { combineLatest, map, type Observable } from 'rxjs';
import { newDocument, type Author } from '../../shared/documents/base';
import {
  currentOffice,
  villageOfficeDocSchema,
  type VillageOfficeDoc,
  type VillageProfileDoc,
} from '../../shared/documents/village-admin';
import { letterVillageOf } from '../../shared/letters/letterhead';
import type { LetterVillage } from '../../shared/letters/template';
import { pendingLocal } from '../../sync/client/local-fields';
import type { KioskDatabase } from '../../sync/client/store-types';
import { guard } from '../staff/guard';

export interface VillageIdentity {
  profile: VillageProfileDoc | undefined;
  office: VillageOfficeDoc | undefined;
  /** The letterhead's view of both. */
  village: LetterVillage;
}

const identityOf = (
  profile: VillageProfileDoc | undefined,
  office: VillageOfficeDoc | undefined,
): VillageIdentity => ({ profile, office, village: letterVillageOf(profile, office) });

export async function villageIdentity(db: KioskDatabase): Promise<VillageIdentity> {
  const profile = (
    await db.registry.findOne({ selector: { type: 'village-profile' } }).exec()
  )?.toJSON() as unknown as VillageProfileDoc | undefined;
  const offices = (await db.registry.find({ selector: { type: 'village-office' } }).exec()).map(
    (d) => d.toJSON() as unknown as VillageOfficeDoc,
  );
  return identityOf(profile, currentOffice(offices));
}

export function villageIdentity$(db: KioskDatabase): Observable<VillageIdentity> {
  return combineLatest([
    db.registry.findOne({ selector: { type: 'village-profile' } }).$,
    db.registry.find({ selector: { type: 'village-office' } }).$,
  ]).pipe(
    map(([profile, offices]) =>
      identityOf(
        profile?.toJSON() as unknown as VillageProfileDoc | undefined,
        currentOffice(offices.map((d) => d.toJSON() as unknown as VillageOfficeDoc)),
      ),
    ),
  );
}

export type OfficeFields = Pick<
  VillageOfficeDoc,
  'address' | 'postalCode' | 'phone' | 'email' | 'officials'
>;

/** Field path → message, in Bahasa, for a form; empty when the fields are valid. */
export function officeProblems(fields: OfficeFields): Record<string, string> {
  // Only the office's own fields are checked: the document's frame is filled in at saving.
  const parsed = villageOfficeDocSchema
    .pick({ address: true, postalCode: true, phone: true, email: true, officials: true })
    .safeParse(fields);
  const problems: Record<string, string> = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems[issue.path.join('.')] ??= issue.message;
  }
  return problems;
}

/**
 * Saves the office's identity as its new current document. Checked whole first: nothing is
 * written while any field is wrong. Needs `settings.edit` (the administrator; at the first run,
 * the one the setup just signed in).
 */
export async function saveOffice(
  db: KioskDatabase,
  author: Author,
  fields: OfficeFields,
): Promise<VillageOfficeDoc> {
  guard('settings.edit');
  const at = new Date().toISOString();
  const doc = villageOfficeDocSchema.parse({
    ...newDocument('village-office', author, at),
    ...fields,
  });
  await db.registry.insert(pendingLocal(doc) as never);
  return doc;
}
