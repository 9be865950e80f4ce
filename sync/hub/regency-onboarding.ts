// Every village of a regency brought on line in one run (`npm run hub -- add-regency 51.06`):
// each village's database, security, validation, views and named profile, and its kiosks'
// accounts and letter keys, each kiosk's connection written to a 0600 file for the office.
//
// Resumable by construction (docs/decisions/0023): a kiosk's password and letter key are written
// to its file BEFORE the server is told, so a run cut anywhere leaves either nothing or a file
// whose secrets the next run sets (the same password, the same key id) — never a secret the
// server knows and nobody holds. Run again, nothing changes: every step is idempotent.
import { generateVillageKey } from '../../shared/letters/signing';
import { formatVillageCode, type VillageCode } from '../../shared/village';
import type { VillageNames } from '../provision/area-names';
import {
  nextKeyId,
  provisionLetterKey,
  publishRegencyLogo,
  publishVerifyUrl,
  publishVillageNames,
  publishedKeyIds,
} from '../provision/letter-key';
import {
  generatePassword,
  kioskAccountExists,
  kioskUsername,
  provisionKiosk,
  provisionVillage,
  type AdminConnection,
} from '../provision/provision';
import { readTextIfExists, writePrivateFile } from '../../node-shared/private-files';
import {
  kioskFile,
  kioskSheetFile,
  readKioskFile,
  savedLetterKey,
  writeKioskFile,
} from './kiosk-files';
import { kioskSheetHtml } from './kiosk-sheet';

export interface OnboardingOptions {
  villages: readonly { code: VillageCode; names: VillageNames }[];
  /** Kiosks per village: `k1` … `k<n>`. */
  kiosks: number;
  /** Where each kiosk's connection file goes. */
  outDir: string;
  /** The regency logo (a data URL); a village that has one keeps it. */
  logo: string;
  verifyUrl?: string;
  /** Villages worked on at once: the server's work per village is a few dozen requests. */
  concurrency?: number;
  onVillage?: (report: VillageReport) => void;
}

export interface VillageReport {
  code: VillageCode;
  names: VillageNames;
  /** Whether anything about the village or its kiosks was created or set in this run. */
  changed: boolean;
  /** Kiosks that already existed with no connection file here: left alone, secrets unknown. */
  withoutFile: string[];
}

export async function onboardRegency(
  admin: AdminConnection,
  opts: OnboardingOptions,
): Promise<VillageReport[]> {
  const reports: VillageReport[] = [];
  const queue = [...opts.villages];
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const report = await onboardVillage(admin, next.code, next.names, opts);
      reports.push(report);
      opts.onVillage?.(report);
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency ?? 4 }, worker));
  return reports.sort((a, b) => a.code.localeCompare(b.code));
}

async function onboardVillage(
  admin: AdminConnection,
  code: VillageCode,
  names: VillageNames,
  opts: OnboardingOptions,
): Promise<VillageReport> {
  const steps = [
    (await provisionVillage(admin, { villageCode: code })).changed,
    (await publishVillageNames(admin, { villageCode: code, names })).changed,
    opts.verifyUrl !== undefined &&
      (await publishVerifyUrl(admin, { villageCode: code, verifyUrl: opts.verifyUrl })).changed,
    (await publishRegencyLogo(admin, { villageCode: code, logo: opts.logo, onlyIfMissing: true }))
      .changed,
  ];
  const withoutFile: string[] = [];
  for (let i = 1; i <= opts.kiosks; i++) {
    const kiosk = await onboardKiosk(admin, code, names, `k${i}`, opts.outDir);
    if (kiosk === 'no-file') withoutFile.push(`k${i}`);
    else steps.push(kiosk);
  }
  return { code, names, changed: steps.some(Boolean), withoutFile };
}

/** The kiosk's account and key from its file, the file written first; `no-file` if not ours. */
async function onboardKiosk(
  admin: AdminConnection,
  code: VillageCode,
  names: VillageNames,
  kioskId: string,
  outDir: string,
): Promise<boolean | 'no-file'> {
  const path = kioskFile(outDir, code, kioskId);
  let saved = await readKioskFile(path);
  let keep = savedLetterKey(saved);
  if (typeof saved?.password !== 'string' || !keep) {
    // Made by another command (add-village) or on another machine: not this run's to change.
    if (saved === undefined && (await kioskAccountExists(admin, { villageCode: code, kioskId })))
      return 'no-file';
    const published = Object.fromEntries(
      (await publishedKeyIds(admin, code, kioskId)).map((id) => [id, '']),
    );
    keep ??= await generateVillageKey(nextKeyId(published, kioskId));
    saved = {
      ...saved,
      username: kioskUsername(code, kioskId),
      password: typeof saved?.password === 'string' ? saved.password : generatePassword(),
    };
    await writeKioskFile(path, admin.url, code, kioskId, saved as Login, keep);
  }
  const login = saved as Login;
  const account = await provisionKiosk(admin, {
    villageCode: code,
    kioskId,
    password: login.password,
  });
  const key = await provisionLetterKey(admin, { villageCode: code, kioskId, keep });
  if (key.keyId !== keep.keyId) {
    // Its id was taken meanwhile (a rotation elsewhere): the file gets the key the server has.
    await writeKioskFile(path, admin.url, code, kioskId, login, key);
  }
  // The office's printed sheet, once: a run after never prints the secrets again.
  const sheet = kioskSheetFile(outDir, code, kioskId);
  if (readTextIfExists(sheet) === null) {
    const { username, password } = login;
    const letterKey = { keyId: key.keyId, privateKey: key.privateKey };
    const connection = {
      url: admin.url,
      villageCode: code,
      kioskId,
      username,
      password,
      letterKey,
    };
    writePrivateFile(sheet, kioskSheetHtml(connection, names));
  }
  return account.changed || key.changed;
}

type Login = { username: string; password: string };

/** One line per village for the operator. */
export function villageLine(report: VillageReport): string {
  const { names } = report;
  const left = report.withoutFile.length
    ? `; kiosk ${report.withoutFile.join(', ')} already existed without a file here: left alone`
    : '';
  return `${formatVillageCode(report.code)} ${names.villageName} (Kec. ${names.districtName}): ${report.changed ? 'on line' : 'unchanged'}${left}`;
}
