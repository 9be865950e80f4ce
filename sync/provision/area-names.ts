// A village's names from its Kemendagri code, by the `idn-area-data` package (MIT code, ODbL data:
// the 38 provinces, 514 regencies, 7,277 districts and 83,763 villages of the current regulation),
// read here in Node because shared/ does no I/O. The kiosk never reads the dataset: it gets the
// names with the village profile the regency writes (docs/decisions/0015).
import { getDistricts, getProvinces, getRegencies, getVillages } from 'idn-area-data';
import { formatVillageCode, type VillageCode } from '../../shared/village';

/** The names a village's letterhead needs, as the regency writes them on the village profile. */
export interface VillageNames {
  provinceName: string;
  /** `Kabupaten` or `Kota`: what the letterhead says before the regency's name. */
  regencyKind: RegencyKind;
  regencyName: string;
  districtName: string;
  villageName: string;
}

export type RegencyKind = 'Kabupaten' | 'Kota';

/** Words kept in capitals when the dataset's capitals are turned into a name. */
const ACRONYMS = new Set(['DKI', 'ADM.', 'II', 'III']);

/** `JAWA TIMUR` → `Jawa Timur`, `TOLI-TOLI` → `Toli-Toli`; acronyms stay as they are. */
export function nameCase(upper: string): string {
  return upper
    .trim()
    .split(/\s+/)
    .map((word) =>
      ACRONYMS.has(word)
        ? word
        : word.toLowerCase().replace(/(^|[-'(])(\p{L})/gu, (_, lead: string, letter: string) => {
            return lead + letter.toUpperCase();
          }),
    )
    .join(' ');
}

/** `KABUPATEN BANYUWANGI` → Kabupaten, Banyuwangi; `KOTA BATU` → Kota, Batu. */
export function splitRegency(name: string): { kind: RegencyKind; name: string } {
  const match = /^(KABUPATEN|KOTA)\s+(.+)$/i.exec(name.trim());
  if (!match) return { kind: 'Kabupaten', name: nameCase(name) };
  return {
    kind: match[1]!.toUpperCase() === 'KOTA' ? 'Kota' : 'Kabupaten',
    name: nameCase(match[2]!),
  };
}

/** The names of the village with this code, or null when the dataset does not know the code. */
export async function villageNamesOf(code: VillageCode): Promise<VillageNames | null> {
  const dotted = formatVillageCode(code);
  const village = (await getVillages()).find((v) => v.code === dotted);
  if (!village) return null;
  const district = (await getDistricts()).find((d) => d.code === village.district_code);
  const regency = district && (await getRegencies()).find((r) => r.code === district.regency_code);
  const province = regency && (await getProvinces()).find((p) => p.code === regency.province_code);
  if (!district || !regency || !province) return null;
  return namesOf(province.name, regency.name, district.name, village.name);
}

/** The names as the letterhead writes them, from the dataset's. */
function namesOf(
  province: string,
  regency: string,
  district: string,
  village: string,
): VillageNames {
  const { kind, name } = splitRegency(regency);
  return {
    provinceName: nameCase(province),
    regencyKind: kind,
    regencyName: name,
    // Districts and villages are already written in mixed case in the dataset.
    districtName: district,
    villageName: village,
  };
}

/** `51.06` or `5106` → `51.06`; null when it is not a regency code. */
export function parseRegencyCode(text: string): string | null {
  const digits = text.trim().replace(/\./g, '');
  return /^\d{4}$/.test(digits) ? `${digits.slice(0, 2)}.${digits.slice(2)}` : null;
}

/** Every village of a regency (`51.06`), by code, with its names; empty for an unknown regency. */
export async function villagesOfRegency(
  regencyCode: string,
): Promise<{ code: VillageCode; names: VillageNames }[]> {
  const regency = (await getRegencies()).find((r) => r.code === regencyCode);
  const province = regency && (await getProvinces()).find((p) => p.code === regency.province_code);
  if (!regency || !province) return [];
  const districts = new Map(
    (await getDistricts()).filter((d) => d.regency_code === regencyCode).map((d) => [d.code, d]),
  );
  return (await getVillages())
    .filter((v) => districts.has(v.district_code))
    .map((v) => ({
      code: v.code.replace(/\./g, '') as VillageCode,
      names: namesOf(province.name, regency.name, districts.get(v.district_code)!.name, v.name),
    }))
    .sort((a, b) => a.code.localeCompare(b.code));
}
