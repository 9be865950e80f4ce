// The village as its letters name it: the names the regency wrote on the village profile (from the
// Kemendagri code) and the address and contacts the office set on its own document. One function
// for every place that shows the village — letters, the header bar, tickets, reports — and one
// check that a letter's kop is complete before anything is signed (docs/decisions/0015).
import type { VillageOfficeDoc, VillageProfileDoc } from '../documents/village-admin';
import type { LetterVillage } from './template';

type ProfileNames = Pick<
  VillageProfileDoc,
  'villageName' | 'districtName' | 'regencyName' | 'address'
> &
  Partial<Pick<VillageProfileDoc, 'regencyKind' | 'provinceName' | 'regencyLogo'>>;
type OfficeContacts = Pick<VillageOfficeDoc, 'address' | 'postalCode' | 'phone' | 'email'>;

/** The kop's address line: street, postal code, telephone and e-mail, as far as the office set them. */
export function addressLine(office: OfficeContacts | undefined, fallback = ''): string {
  if (!office) return fallback.trim();
  const street = [office.address.trim(), office.postalCode && `Kode Pos ${office.postalCode}`]
    .filter(Boolean)
    .join(' ');
  return [street, office.phone && `Telp. ${office.phone}`, office.email && `Pos-el ${office.email}`]
    .filter(Boolean)
    .join(' · ');
}

/** The letter's village: names from the profile, address line from the office. */
export function letterVillageOf(
  profile: ProfileNames | undefined,
  office: OfficeContacts | undefined,
): LetterVillage {
  return {
    villageName: profile?.villageName.trim() ?? '',
    districtName: profile?.districtName.trim() ?? '',
    regencyName: profile?.regencyName.trim() ?? '',
    regencyKind: profile?.regencyKind ?? 'Kabupaten',
    address: addressLine(office, profile?.address ?? ''),
    ...(profile?.regencyLogo ? { logo: profile.regencyLogo } : {}),
  };
}

/**
 * What names the kop still lacks, in Bahasa and saying where they come from; null when a letter
 * may be signed. The names come with the regency's profile; a missing address line is told apart
 * (`ADDRESS_MISSING`) and does not stop a letter: the names identify the office, the address helps.
 */
export function letterheadProblem(village: LetterVillage): string | null {
  const names = [
    !village.regencyName && (village.regencyKind ?? 'kabupaten').toLowerCase(),
    !village.districtName && 'kecamatan',
    !village.villageName && 'desa',
  ].filter(Boolean);
  if (!names.length) return null;
  return `Surat belum dapat ditandatangani: kop surat belum memuat nama ${names.join(', ')}. Nama wilayah dikirim kabupaten bersama profil desa (npm run hub -- add-village <kode desa>); sambungkan kios ke server kabupaten di penyiapan, lalu tunggu sinkron.`;
}

export const ADDRESS_MISSING =
  'Alamat kantor desa belum diisi, sehingga kop surat tanpa alamat: administrator mengisinya di menu Profil Kantor.';

/** `Desa Jambesari, Kec. Giri, Kab. Banyuwangi`, or the dotted code while the names are missing. */
export function villageTitle(village: LetterVillage, dottedCode: string): string {
  if (!village.villageName) return `Desa ${dottedCode}`;
  const kind = village.regencyKind === 'Kota' ? 'Kota' : 'Kab.';
  return [
    `Desa ${village.villageName}`,
    village.districtName && `Kec. ${village.districtName}`,
    village.regencyName && `${kind} ${village.regencyName}`,
  ]
    .filter(Boolean)
    .join(', ');
}
