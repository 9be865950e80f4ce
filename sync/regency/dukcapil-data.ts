// The Dukcapil back office's data, over the CouchDB API alone (the hub or any CouchDB 3.x): the
// list of every village's applications from each village's `dukcapil` view (one request per
// village, eight at a time), one application with its decisions and photos, and recording a
// decision — written with the officer's own login, so the village database's validation sees
// who wrote it (docs/decisions/0018).
import {
  publishedNames,
  readVillageProfile,
  type PublishedVillage,
} from '../provision/published-keys';
import {
  applicationStatus,
  decisionProblem,
  statusOfSummary,
  type ApplicationStatus,
  type DecisionInput,
  type DecisionSummary,
} from '../../shared/dukcapil/application';
import type { DukcapilDocumentType } from '../../shared/dukcapil/catalogue';
import { dukcapilDocument } from '../../shared/dukcapil/catalogue';
import {
  dukcapilApplicationDocSchema,
  dukcapilDecisionDocSchema,
  dukcapilFileDocSchema,
  type DukcapilApplicationDoc,
  type DukcapilDecisionDoc,
  type DukcapilFileDoc,
} from '../../shared/documents/dukcapil';
import { photoDocSchema, type PhotoDoc } from '../../shared/documents/photo';
import {
  populationEventDocSchema,
  type PopulationEventDoc,
} from '../../shared/documents/population';
import { isTemporaryNik } from '../../shared/nik';
import { residentDocSchema, type ResidentDoc } from '../../shared/documents/resident';
import { createIdGenerator } from '../../shared/ids';
import { sha256Hex } from '../../shared/photos/photo-doc';
import { bytesToBase64 } from '../../shared/bytes/base64';
import { nameKey } from '../../shared/residents/local';
import { villageDbName, type VillageCode } from '../../shared/village';
import { couchRequest, expectStatus, type AdminConnection } from '../provision/couch-request';
import { REGENCY_DESIGN_DOC_ID } from '../provision/regency-views';
import { readLawfulView } from './lawful-view';
import { villageViewCache, type ViewRow, type VillageViewCache } from './village-view-cache';

/** The writer recorded on documents the back office writes (`kioskId`, and in their ids). */
export const DUKCAPIL_WRITER = 'dukcapil';

export interface ApplicationRow {
  villageCode: VillageCode;
  villageName: string;
  districtName: string;
  id: string;
  documentType: DukcapilDocumentType;
  subjectName: string;
  /** The first time the village sent it. */
  firstAt: string;
  lastAt: string;
  submissions: number;
  status: ApplicationStatus;
  decisions: DecisionSummary[];
}

export interface DukcapilList {
  rows: ApplicationRow[];
  /** Villages whose view could not be read, with the reason. */
  unreadable: { code: VillageCode; reason: string }[];
}

type NewBase = {
  id: string;
  type: 'resident';
  villageCode: string;
  kioskId: string;
  createdAt: string;
  updatedAt: string;
};

const viewPath = (code: VillageCode, view: string) =>
  `${encodeURIComponent(villageDbName(code))}/${REGENCY_DESIGN_DOC_ID}/_view/${view}`;

/**
 * Every sent application of these villages, with its status. `cache` keeps each village's rows
 * until its database changes (the route holds one; without it every view is read).
 */
export async function gatherDukcapilList(
  login: AdminConnection,
  villages: readonly VillageCode[],
  cache: VillageViewCache = villageViewCache(),
): Promise<DukcapilList> {
  const unreadable: DukcapilList['unreadable'] = [];
  const replies = await cache.readAll(login, villages, ['dukcapil']);
  const perVillage = replies.map((reply, i) => {
    const code = villages[i]!;
    if (!reply.views) {
      unreadable.push({ code, reason: `HTTP ${reply.status}` });
      return [];
    }
    return rowsOfVillage(code, reply.views.dukcapil ?? []);
  });
  return { rows: perVillage.flat(), unreadable };
}

/** The applications of one village from its `dukcapil` view rows, with their status. */
export function rowsOfVillage(code: VillageCode, rows: readonly ViewRow[]): ApplicationRow[] {
  let villageName = '';
  let districtName = '';
  const apps = new Map<string, Omit<ApplicationRow, 'status'>>();
  const decisions = new Map<string, DecisionSummary[]>();
  for (const { key, value } of rows) {
    if (key[0] === '~profile') {
      villageName = String(value.villageName ?? '');
      districtName = String(value.districtName ?? '');
    } else if (key[1] === 0) {
      apps.set(String(key[0]), {
        villageCode: code,
        villageName: '',
        districtName: '',
        id: String(key[0]),
        documentType: value.documentType as DukcapilDocumentType,
        subjectName: String(value.subjectName ?? ''),
        firstAt: String(value.firstAt ?? ''),
        lastAt: String(value.lastAt ?? ''),
        submissions: Number(value.submissions ?? 0),
        decisions: [],
      });
    } else if (key[1] === 1) {
      const id = String(key[0]);
      decisions.set(id, [
        ...(decisions.get(id) ?? []),
        {
          step: value.step as DecisionSummary['step'],
          submission: Number(value.submission),
          createdAt: String(key[2]),
        },
      ]);
    }
  }
  const collected = new Set(
    rows.filter((r) => r.key[1] === 0 && r.value.collected).map((r) => String(r.key[0])),
  );
  return [...apps.values()].map((app) => {
    const ds = decisions.get(app.id) ?? [];
    return {
      ...app,
      villageName,
      districtName,
      decisions: ds,
      status: statusOfSummary(app.submissions, collected.has(app.id), ds),
    };
  });
}

export interface ApplicationDetail {
  application: DukcapilApplicationDoc;
  /** The village's names from its profile; null before the regency has named it. */
  villageNames: PublishedVillage | null;
  decisions: DukcapilDecisionDoc[];
  photos: PhotoDoc[];
  status: ApplicationStatus;
  /** The population event the village recorded it from, when it names one. */
  event: PopulationEventDoc | null;
}

/** One application with its decisions, photos and event, or null when there is no such application. */
export async function readApplication(
  login: AdminConnection,
  code: VillageCode,
  id: string,
): Promise<ApplicationDetail | null> {
  const db = encodeURIComponent(villageDbName(code));
  const reply = await couchRequest(login, 'GET', `${db}/${encodeURIComponent(id)}`);
  if (reply.status === 404) return null;
  expectStatus(reply, [200], `Reading ${id}`);
  const parsed = dukcapilApplicationDocSchema.safeParse(reply.body);
  if (!parsed.success || parsed.data.villageCode !== code) return null;
  const application = parsed.data;
  const decided = await readLawfulView(login, db, 'dukcapil', {
    startkey: [id, 1],
    endkey: [id, 1, {}],
    includeDocs: true,
  });
  if (!decided.rows) throw new Error(`Reading the decisions on ${id}: HTTP ${decided.status}`);
  const decisions = decided.rows.flatMap((r) => {
    const d = dukcapilDecisionDocSchema.safeParse(r.doc);
    return d.success ? [d.data] : [];
  });
  const photoIds = Object.values(application.evidence).flat();
  let photos: PhotoDoc[] = [];
  if (photoIds.length > 0) {
    const got = await couchRequest<{ rows?: { doc?: unknown }[] }>(
      login,
      'POST',
      `${db}/_all_docs?include_docs=true`,
      { keys: photoIds },
    );
    expectStatus(got, [200], `Reading the photos of ${id}`);
    photos = (got.body.rows ?? []).flatMap((r) => {
      const p = photoDocSchema.safeParse(r.doc);
      return p.success && p.data.refId === id ? [p.data] : [];
    });
  }
  let event: PopulationEventDoc | null = null;
  if (application.eventId) {
    const got = await couchRequest(
      login,
      'GET',
      `${db}/${encodeURIComponent(application.eventId)}`,
    );
    const parsed = populationEventDocSchema.safeParse(got.status === 200 ? got.body : null);
    event = parsed.success && parsed.data.villageCode === code ? parsed.data : null;
  }
  const profile = await readVillageProfile(login, code).catch(() => null);
  return {
    application,
    villageNames: profile?.villageName ? publishedNames(profile) : null,
    decisions,
    photos,
    status: applicationStatus(application, decisions),
    event,
  };
}

export type DecisionOutcome =
  | { ok: true; decision: DukcapilDecisionDoc; residents: number }
  | { ok: false; status: number; message: string };

/**
 * Records a decision on the application's latest submission, written with the officer's login:
 * for `terbit`, the PDF first (a `dukcapil-file`), then the residents of the issued family card,
 * then the decision — so a village never sees an issued decision whose file is not there.
 */
export async function recordDecision(
  officer: AdminConnection,
  code: VillageCode,
  applicationId: string,
  input: DecisionInput,
  pdf: { name: string; bytes: Uint8Array } | null,
  now: Date = new Date(),
): Promise<DecisionOutcome> {
  const detail = await readApplication(officer, code, applicationId);
  if (!detail) return { ok: false, status: 404, message: 'Permohonan tidak ditemukan.' };
  if (pdf && !isPdf(pdf.bytes)) {
    return { ok: false, status: 400, message: 'Berkas yang diunggah bukan PDF.' };
  }
  const problem = decisionProblem(detail.application, detail.decisions, input, pdf !== null);
  if (problem) return { ok: false, status: 400, message: problem };
  const at = now.toISOString();
  const ids = createIdGenerator(code, DUKCAPIL_WRITER);
  const base = <T extends 'dukcapil-decision' | 'dukcapil-file' | 'resident'>(type: T) => ({
    id: ids.next(type),
    type,
    villageCode: code,
    kioskId: DUKCAPIL_WRITER,
    createdAt: at,
    updatedAt: at,
  });
  const db = encodeURIComponent(villageDbName(code));
  const put = async (doc: { id: string; _rev?: string }, what: string) => {
    const reply = await couchRequest<{ reason?: string }>(
      officer,
      'PUT',
      `${db}/${encodeURIComponent(doc.id)}`,
      { ...doc, _id: doc.id },
    );
    if (reply.status !== 201 && reply.status !== 202) {
      throw new Error(`${what} tidak tersimpan (HTTP ${reply.status}): ${reply.body.reason ?? ''}`);
    }
  };
  let fileId = '';
  let residents = 0;
  const kkNumber = input.kkNumber.replace(/\s+/g, '');
  const subjectNik = (input.subjectNik ?? '').replace(/\s+/g, '') || detail.application.subjectNik;
  if (input.step === 'terbit' && pdf) {
    const file: DukcapilFileDoc = dukcapilFileDocSchema.parse({
      ...base('dukcapil-file'),
      refId: applicationId,
      fileName: safeFileName(pdf.name, input.documentNumber),
      mime: 'application/pdf',
      bytes: pdf.bytes.length,
      sha256: await sha256Hex(pdf.bytes),
      data: bytesToBase64(pdf.bytes),
    });
    await put(file, 'Berkas PDF');
    fileId = file.id;
    if (kkNumber && dukcapilDocument(detail.application.documentType).issuesKk) {
      const written = await residentsOfIssuedKk(
        officer,
        code,
        detail.application,
        detail.event,
        kkNumber,
        subjectNik,
        at,
        () => base('resident'),
      );
      for (const r of written) await put(r, 'Data penduduk');
      residents = written.length;
    }
  }
  const decision = dukcapilDecisionDocSchema.parse({
    ...base('dukcapil-decision'),
    date: at.slice(0, 10),
    applicationId,
    submission: detail.application.submissions.length,
    step: input.step,
    note: input.note.trim(),
    documentNumber: input.step === 'terbit' ? input.documentNumber.trim() : '',
    kkNumber: input.step === 'terbit' ? kkNumber : '',
    fileId,
    subjectNik: input.step === 'terbit' ? subjectNik : '',
    officer: officer.username,
  });
  await put(decision, 'Keputusan');
  return { ok: true, decision, residents };
}

function isPdf(bytes: Uint8Array): boolean {
  return bytes.length > 4 && String.fromCharCode(...bytes.subarray(0, 5)) === '%PDF-';
}

function safeFileName(name: string, number: string): string {
  const base = name.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 100);
  return base.toLowerCase().endsWith('.pdf')
    ? base
    : `${number.replace(/[^A-Za-z0-9-]+/g, '_')}.pdf`;
}

/**
 * The `resident` documents of the family card just issued: the family's registered members
 * (the regency's `resident` documents with the old KK number) take the new number, and for a
 * birth the child is added with the NIK Dukcapil gave; for a death the deceased keeps the old card
 * and is recorded deceased. Village-local records are the village's;
 * but a birth the village recorded gave the child a temporary number in a `resident-local`
 * record, which Dukcapil retires with a `void` record of that number correcting it — so the
 * register holds the child once, under the NIK, and every reader by NIK sees the number retired.
 */
async function residentsOfIssuedKk(
  officer: AdminConnection,
  code: VillageCode,
  app: DukcapilApplicationDoc,
  event: PopulationEventDoc | null,
  kkNumber: string,
  subjectNik: string,
  at: string,
  base: () => NewBase,
): Promise<(ResidentDoc & { _rev?: string })[]> {
  const members: (ResidentDoc & { _rev?: string })[] = [];
  if (app.kkNumber) {
    const key = encodeURIComponent(JSON.stringify(app.kkNumber));
    const found = await couchRequest<{ rows?: { doc?: unknown }[] }>(
      officer,
      'GET',
      `${viewPath(code, 'dukcapil-families')}?key=${key}&include_docs=true&limit=50`,
    );
    expectStatus(found, [200], `Reading the family ${app.kkNumber}`);
    const docs = (found.body.rows ?? []).map((r) => r.doc);
    // An akta kematian's new card is the family without the deceased: Dukcapil records the death.
    const deceased =
      app.documentType === 'akta-kematian'
        ? app.subjects.find((s) => s.role === 'almarhum')?.nik || app.subjectNik
        : '';
    for (const doc of docs) {
      const parsed = residentDocSchema.safeParse(doc);
      const rev = (doc as { _rev?: unknown })._rev;
      if (!parsed.success || parsed.data.status !== 'living') continue;
      const died = deceased !== '' && parsed.data.nik === deceased;
      members.push({
        ...parsed.data,
        ...(died ? { status: 'deceased' as const } : { kkNumber }),
        updatedAt: at,
        ...(typeof rev === 'string' ? { _rev: rev } : {}),
      });
    }
  }
  const child =
    app.documentType === 'akta-kelahiran'
      ? newbornResident(app, subjectNik, members, kkNumber, at, base)
      : null;
  if (!child) return members;
  const retired =
    event?.kind === 'kelahiran' && isTemporaryNik(event.nik)
      ? residentDocSchema.parse({
          ...child,
          ...base(),
          nik: event.nik,
          kkNumber: '',
          status: 'void',
          corrects: event.resultId,
          updatedAt: at,
        })
      : null;
  return retired ? [...members, child, retired] : [...members, child];
}

function newbornResident(
  app: DukcapilApplicationDoc,
  nik: string,
  family: readonly ResidentDoc[],
  kkNumber: string,
  at: string,
  base: () => NewBase,
): ResidentDoc | null {
  if (!/^\d{16}$/.test(nik)) return null;
  if (family.some((m) => m.nik === nik)) return null;
  const head = family.find((m) => /kepala/i.test(m.familyRelation)) ?? family[0];
  const name = app.fields.namaAnak ?? app.subjectName;
  return residentDocSchema.parse({
    ...base(),
    nik,
    kkNumber,
    name,
    nameKey: nameKey(name),
    birthPlace: app.fields.tempatLahir ?? '',
    birthDate: app.fields.tanggalLahir ?? null,
    sex: app.fields.jenisKelamin === 'Perempuan' ? 'P' : 'L',
    religion: head?.religion ?? '',
    maritalStatus: 'Belum kawin',
    familyRelation: 'Anak',
    education: '',
    occupation: '',
    nationality: 'WNI',
    dusun: head?.dusun ?? '',
    rw: head?.rw ?? '',
    rt: head?.rt ?? '',
    status: 'living',
    corrects: null,
    updatedAt: at,
  });
}
