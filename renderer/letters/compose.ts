// From the kiosk's store to a letter: the village profile (letterhead, page, numbering), the
// people from the register, the signer; then issuing on approval: number, rendering, hash, and the
// signature by the host's village key (`letters:sign`), the QR only when signed.
import type { LetterDoc } from '../../shared/documents/letter';
import type { RequestDoc } from '../../shared/documents/request';
import type { ResidentDoc } from '../../shared/documents/resident';
import type { TemplateDoc } from '../../shared/documents/template';
import type { OfficialDoc } from '../../shared/documents/village-admin';
import { letterheadProblem } from '../../shared/letters/letterhead';
import type { IdGenerator } from '../../shared/ids';
import type { KioskBridge } from '../../shared/ipc';
import { isApproved } from '../../shared/letters/certify';
import { DEFAULT_NUMBERING, type NumberingSettings } from '../../shared/letters/numbering';
import { qrSvg } from '../../shared/letters/qr';
import { qrContent } from '../../shared/letters/verify';
import { sha256Base64Url } from '../../shared/letters/signing';
import {
  DEFAULT_PAGE,
  letterBlocks,
  letterHtml,
  letterText,
  type LetterInput,
  type LetterSigner,
  type LetterWording,
  type PageSettings,
  type Person,
} from '../../shared/letters/template';
import { STAFF_ROLE_LABELS, type StaffRole } from '../../shared/staff/roles';
import { localDate } from '../../shared/dates';
import type { KioskDatabase } from '../../sync/client/store-types';
import { villageIdentity } from '../office/office-data';
import { guard } from '../staff/guard';
import { issueLetter } from './issue';
import { residentByNik } from '../residents/search';

export interface VillageSettings {
  village: LetterInput['village'];
  page: PageSettings;
  numbering: NumberingSettings;
  keys: Record<string, string>;
  /** The regency's verification page the QR opens (empty: the QR is the bare payload). */
  verifyUrl: string;
  /** The regency's wording per letter type (`template` documents), newest first wins. */
  wording: Partial<Record<string, LetterWording>>;
}

/** The letter settings of the village; a missing name stays empty (the kop check says so). */
export async function villageSettings(db: KioskDatabase): Promise<VillageSettings> {
  const { profile, village } = await villageIdentity(db);
  return {
    village,
    page: (profile?.letterPage as PageSettings | undefined) ?? DEFAULT_PAGE,
    numbering: profile?.letterNumbering ?? DEFAULT_NUMBERING,
    keys: profile?.letterKeys ?? {},
    verifyUrl: profile?.verifyUrl ?? '',
    wording: await regencyWording(db),
  };
}

async function regencyWording(db: KioskDatabase): Promise<VillageSettings['wording']> {
  const templates = (await db.registry.find({ selector: { type: 'template' } }).exec())
    .map((d) => d.toJSON() as unknown as TemplateDoc)
    .sort((a, b) => (a.updatedAt < b.updatedAt ? -1 : 1));
  const wording: VillageSettings['wording'] = {};
  for (const t of templates) wording[t.letterType] = t;
  return wording;
}

function personOf(r: ResidentDoc | undefined, nik: string, name: string): Person {
  if (!r) return { nik, name };
  return {
    nik: r.nik,
    name: r.name,
    birthPlace: r.birthPlace,
    birthDate: r.birthDate ?? '',
    sex: r.sex,
    religion: r.religion,
    maritalStatus: r.maritalStatus,
    occupation: r.occupation,
    nationality: r.nationality,
    rt: r.rt,
    rw: r.rw,
    dusun: r.dusun,
  };
}

async function people(db: KioskDatabase, request: RequestDoc): Promise<Record<string, Person>> {
  const all = [
    { role: 'applicant', nik: request.residentNik, name: request.residentName },
    ...request.subjects,
  ];
  const out: Record<string, Person> = {};
  for (const s of all) {
    // The person as the register holds them now (after population events), never an event.
    const found = s.nik ? await residentByNik(db, s.nik) : undefined;
    out[s.role] = personOf(found, s.nik, s.name);
  }
  return out;
}

/** The regency's official roles (`official` documents) for each staff role. */
const OFFICIAL_ROLES: Record<StaffRole, OfficialDoc['role']> = {
  'kepala-desa': 'kepala-desa',
  sekretaris: 'sekretaris',
  bendahara: 'kaur-keuangan',
  operator: 'staf',
  administrator: 'staf',
};

/**
 * Who signs: the signed-in official as the office lists them (Profil Kantor: jabatan, NIP/NIPD),
 * else as the regency's `official` documents do, else by their staff role alone.
 */
export async function signerOf(
  db: KioskDatabase,
  official: { name: string; role: StaffRole },
): Promise<LetterSigner> {
  const sameName = (o: { name: string }) =>
    o.name.trim().toLowerCase() === official.name.trim().toLowerCase();
  const { office } = await villageIdentity(db);
  const known =
    office?.officials.find(sameName) ??
    (await db.registry.find({ selector: { type: 'official' } }).exec())
      .map((d) => d.toJSON() as unknown as OfficialDoc)
      .find((o) => o.active && sameName(o));
  const role = OFFICIAL_ROLES[official.role];
  return {
    name: known?.name ?? official.name,
    position: known?.position || STAFF_ROLE_LABELS[official.role],
    role: known?.role ?? role,
    employeeNumber: known?.employeeNumber ?? '',
  };
}

export interface IssueContext {
  db: KioskDatabase;
  bridge: Pick<KioskBridge, 'signLetter'>;
  villageCode: string;
  kioskId: string;
  ids: IdGenerator;
}

export type IssueOutcome = { letter: LetterDoc; signError: string | null };

/**
 * Issues the letter of an approved request: its number, its final rendering and, when the host
 * holds the village key, its signature and QR. Refused before approval, and for anyone signed in
 * who may not sign letters; the signer is the signed-in sekretaris or kepala desa.
 */
export async function issueApprovedLetter(
  ctx: IssueContext,
  request: RequestDoc,
): Promise<IssueOutcome> {
  if (!isApproved(request)) throw new Error('Surat belum disetujui.');
  const existing = await ctx.db.letters
    .findOne({ selector: { requestId: request.id, status: 'issued' } })
    .exec();
  if (existing) return { letter: existing.toJSON() as unknown as LetterDoc, signError: null };
  const official = guard('letter.sign');
  const settings = await villageSettings(ctx.db);
  // Never a signature under an incomplete kop: staff are told what is missing and where to fill it.
  const incomplete = letterheadProblem(settings.village);
  if (incomplete) throw new Error(incomplete);
  const signer = await signerOf(ctx.db, official);
  const date = localDate();
  const subjects = await people(ctx.db, request);
  let signError: string | null = null;
  let payload = '';
  const letter = await issueLetter(ctx.db, {
    request,
    villageCode: ctx.villageCode,
    kioskId: ctx.kioskId,
    ids: ctx.ids,
    numbering: settings.numbering,
    date,
    signer: { name: signer.name, position: signer.position },
    snapshot: {
      purpose: request.purpose,
      signerRole: signer.role,
      signerEmployeeNumber: signer.employeeNumber,
      people: JSON.stringify(subjects),
      fields: JSON.stringify(request.fields),
      // The logo is in the HTML already; a second copy in every snapshot would only cost sync.
      village: JSON.stringify({ ...settings.village, logo: undefined }),
      page: JSON.stringify(settings.page),
    },
    render: async (number) => {
      const blocks = letterBlocks({
        letterType: request.serviceType,
        number,
        date,
        village: settings.village,
        people: subjects,
        fields: request.fields,
        purpose: request.purpose,
        signer,
        ...(settings.wording[request.serviceType]
          ? { wording: settings.wording[request.serviceType] }
          : {}),
      });
      const textHash = await sha256Base64Url(letterText(blocks));
      try {
        payload = (
          await ctx.bridge.signLetter({
            number,
            issuedOn: date,
            letterType: request.serviceType,
            subjectNik: request.residentNik,
            subjectName: request.residentName,
            signerName: signer.name,
            signerPosition: signer.position,
            textHash,
          })
        ).payload;
      } catch (err) {
        signError = (err as Error).message;
      }
      const html = letterHtml(blocks, {
        page: settings.page,
        ...(payload ? { qrSvg: qrSvg(qrContent(payload, settings.verifyUrl)) } : {}),
      });
      return { html, textHash, signedPayload: payload };
    },
  });
  return { letter, signError };
}
