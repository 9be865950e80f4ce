// Applications to Dukcapil against a real CouchDB-protocol server (docs/decisions/0018): a village
// kiosk cannot forge a decision (PUT and _bulk_docs refused by the regency's validation), regency
// staff without the Dukcapil role cannot either, a Dukcapil officer of another regency cannot read
// the village; and the round trip — an application with its photos goes up, "perlu perbaikan"
// comes down, the desk fixes and resends, "terbit" comes down with its PDF (hash checked, a
// tampered one refused) and the register takes the new KK with the child.
import { randomBytes, randomInt } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  applicationFromForm,
  applicationStatus,
  submitApplication,
  withEvidence,
  type ApplicationInput,
} from '../../shared/dukcapil/application';
import { dukcapilDocument } from '../../shared/dukcapil/catalogue';
import { dukcapilFileIsIntact } from '../../shared/dukcapil/file-doc';
import type { DukcapilApplicationDoc, DukcapilDecisionDoc } from '../../shared/documents/dukcapil';
import type { ResidentDoc } from '../../shared/documents/resident';
import { createIdGenerator } from '../../shared/ids';
import { buildPhotoDoc, sha256Hex } from '../../shared/photos/photo-doc';
import { bytesToBase64 } from '../../shared/bytes/base64';
import { nameKey, nextTemporaryNik } from '../../shared/residents/local';
import type { Author } from '../../shared/documents/base';
import { REGISTER_TYPES } from '../../shared/documents/population';
import { EMPTY_EVENT_FORM, recordEvent } from '../../shared/population/events';
import {
  countRegister,
  currentRecords,
  isCounted,
  registerView,
} from '../../shared/population/register';
import { formatVillageCode, villageDbName, type VillageCode } from '../../shared/village';
import { editLocal } from '../../sync/client/local-edit';
import { pendingLocal } from '../../sync/client/local-fields';
import { publishVillageNames } from '../../sync/provision/letter-key';
import { provisionKiosk, provisionVillage } from '../../sync/provision/provision';
import { provisionDukcapil, provisionStaff } from '../../sync/provision/regency';
import { recordDecision } from '../../sync/regency/dukcapil-data';
import {
  basicAuth,
  couchCall,
  couchServerKind,
  startCouchServer,
  type CouchServer,
  type Login,
} from '../support/couch-server';
import { TEST_VILLAGE_NAMES } from '../support/named-regency';
import { closeAllKiosks, openNodeKiosk, type NodeKiosk } from '../support/node-kiosk';
import { expectWriteRefused } from '../support/refusals';

let server: CouchServer;
const admin = () => ({ url: server.url, ...server.admin });

beforeAll(async () => {
  server = await startCouchServer();
});
afterEach(closeAllKiosks);
afterAll(async () => server?.stop());

/** A regency code of test province 99, and a village in it. */
const newRegency = () => `99${String(randomInt(10, 100))}`;
const villageIn = (regency: string) =>
  `${regency}${String(randomInt(0, 1_000_000)).padStart(6, '0')}` as VillageCode;

async function officer(regency: string): Promise<Login> {
  const made = await provisionDukcapil(admin(), {
    name: `dukcapil-${regency}-${randomInt(0, 1e6)}`,
    regency,
    password: randomBytes(9).toString('hex'),
  });
  return { username: made.username, password: made.password! };
}

async function village(regency: string) {
  const code = villageIn(regency);
  await provisionVillage(admin(), { villageCode: code });
  await publishVillageNames(admin(), { villageCode: code, names: TEST_VILLAGE_NAMES });
  const login = await provisionKiosk(admin(), { villageCode: code, kioskId: 'k1' });
  return { code, login: { url: server.url, username: login.username, password: login.password } };
}

const doc = (type: string, code: string, extra: object = {}) => {
  const id = createIdGenerator(code, 'dukcapil').next(type as never);
  return {
    _id: id,
    id,
    type,
    villageCode: code,
    kioskId: 'dukcapil',
    createdAt: new Date().toISOString(),
    updatedAt: new Date().toISOString(),
    ...extra,
  };
};
const decisionBody = (code: string) =>
  doc('dukcapil-decision', code, {
    date: '2026-12-03',
    applicationId: `dukcapil-application:x:${code}:k1`,
    submission: 1,
    step: 'terbit',
    note: '',
    documentNumber: 'AL.123',
    kkNumber: '',
    subjectNik: '',
    fileId: '',
    officer: 'palsu',
  });

describe('who may write and read Dukcapil decisions', () => {
  it('refuses a decision written by a village kiosk, by PUT and by _bulk_docs', async () => {
    const regency = newRegency();
    const { code, login } = await village(regency);
    const db = villageDbName(code);
    const forged = decisionBody(code);
    const put = await couchCall(
      server,
      login,
      'PUT',
      `${db}/${encodeURIComponent(forged._id)}`,
      forged,
    );
    expect(put.status).toBe(403);
    expect(JSON.stringify(put.body)).toMatch(/village kiosk writes only/);
    const bulk = await couchCall<{ error?: string; reason?: string }[]>(
      server,
      login,
      'POST',
      `${db}/_bulk_docs`,
      {
        docs: [
          decisionBody(code),
          doc('dukcapil-file', code, { refId: 'x', mime: 'application/pdf' }),
        ],
      },
    );
    expect(bulk.status).toBe(201);
    expect(bulk.body.map((r) => r.error)).toEqual(['forbidden', 'forbidden']);
    const stored = await couchCall<{ rows: unknown[] }>(
      server,
      admin(),
      'GET',
      `${db}/_all_docs?startkey=%22dukcapil-%22&endkey=%22dukcapil-%EF%BF%B0%22`,
    );
    expect(stored.body.rows).toEqual([]);
  });

  it('refuses a decision from regency staff without the Dukcapil role, and takes one from the officer', async () => {
    const regency = newRegency();
    const { code } = await village(regency);
    const db = villageDbName(code);
    const staff = await provisionStaff(admin(), {
      name: `staf-${randomInt(0, 1e6)}`,
      password: randomBytes(9).toString('hex'),
    });
    const asStaff = { username: staff.username, password: staff.password! };
    const forged = decisionBody(code);
    const refused = await couchCall(
      server,
      asStaff,
      'PUT',
      `${db}/${encodeURIComponent(forged._id)}`,
      forged,
    );
    expect(refused.status).toBe(403);
    expect(JSON.stringify(refused.body)).toMatch(/Only the regency's Dukcapil/);

    const mine = await officer(regency);
    const ok = await couchCall(
      server,
      mine,
      'PUT',
      `${db}/${encodeURIComponent(forged._id)}`,
      forged,
    );
    expect(ok.status).toBe(201);
    // Written once: the same decision cannot be changed afterwards (right after the write, a
    // cluster's lagging copy may answer 409 instead of 403: either, and the decision unchanged).
    const decided = `${db}/${encodeURIComponent(forged._id)}`;
    const rev = (ok.body as { rev: string }).rev;
    const again = await couchCall(server, mine, 'PUT', decided, {
      ...forged,
      _rev: rev,
      step: 'ditolak',
    });
    await expectWriteRefused(server, again, { path: decided, rev, reason: /written once/ });
    // An officer writes nothing of the village's own.
    const request = doc('request', code);
    const notMine = await couchCall(
      server,
      mine,
      'PUT',
      `${db}/${encodeURIComponent(request._id)}`,
      request,
    );
    expect(notMine.status).toBe(403);
  });

  it("keeps a Dukcapil officer of another regency out of the village's database", async () => {
    const regency = newRegency();
    const { code } = await village(regency);
    const db = villageDbName(code);
    let other = newRegency();
    while (other === regency) other = newRegency();
    const stranger = await officer(other);
    for (const path of [db, `${db}/_all_docs`, `${db}/_changes`]) {
      const read = await couchCall(server, stranger, 'GET', path);
      expect([401, 403], path).toContain(read.status);
    }
    const forged = decisionBody(code);
    const put = await couchCall(
      server,
      stranger,
      'PUT',
      `${db}/${encodeURIComponent(forged._id)}`,
      forged,
    );
    expect([401, 403]).toContain(put.status);
    // Their own regency's officer reads it.
    expect((await couchCall(server, await officer(regency), 'GET', `${db}/_all_docs`)).status).toBe(
      200,
    );
  });
});

const BIRTH: ApplicationInput = {
  documentType: 'akta-kelahiran',
  subjectName: 'Bayi Lestari',
  subjectNik: '',
  kkNumber: '3510170101200001',
  fields: {
    namaAnak: 'Bayi Lestari',
    jenisKelamin: 'Perempuan',
    tempatLahir: 'Banyuwangi',
    tanggalLahir: '2026-11-20',
    tempatDilahirkan: 'Puskesmas',
    penolong: 'Bidan/perawat',
    nomorKk: '3510170101200001',
  },
  subjects: [
    { role: 'pelapor', nik: '3510171708850001', name: 'Agus Salim' },
    { role: 'ibu', nik: '3510175505900002', name: 'Siti Aminah' },
    { role: 'saksi1', nik: '3510170101700003', name: 'Saksi Satu' },
    { role: 'saksi2', nik: '3510170101700004', name: 'Saksi Dua' },
  ],
};

function jpeg(bytes: number): Uint8Array {
  const b = new Uint8Array(randomBytes(bytes));
  b.set([0xff, 0xd8, 0xff, 0xe0]);
  b.set([0xff, 0xd9], bytes - 2);
  return b;
}

function pdf(text: string): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(`%PDF-1.4\n% ${text}\n${'x'.repeat(2000)}\n%%EOF\n`);
}

async function stored(kiosk: NodeKiosk, id: string): Promise<DukcapilApplicationDoc> {
  const found = await kiosk.db.requests.findOne(id).exec();
  return found!.toMutableJSON() as unknown as DukcapilApplicationDoc;
}
async function decisions(kiosk: NodeKiosk): Promise<DukcapilDecisionDoc[]> {
  const found = await kiosk.db.requests.find({ selector: { type: 'dukcapil-decision' } }).exec();
  return found.map((d) => d.toMutableJSON() as unknown as DukcapilDecisionDoc);
}

/** The family as the regency's register holds it, on BIRTH's family card. */
async function familyAtRegency(code: VillageCode): Promise<void> {
  const db = villageDbName(code);
  for (const [nik, name, relation] of [
    ['3510171708850001', 'Agus Salim', 'Kepala Keluarga'],
    ['3510175505900002', 'Siti Aminah', 'Istri'],
  ] as const) {
    const r = doc('resident', code, {
      nik,
      kkNumber: BIRTH.kkNumber,
      name,
      nameKey: nameKey(name),
      birthPlace: 'Banyuwangi',
      birthDate: '1985-08-17',
      sex: relation === 'Istri' ? 'P' : 'L',
      religion: 'Islam',
      maritalStatus: 'Kawin',
      familyRelation: relation,
      education: '',
      occupation: '',
      nationality: 'WNI',
      dusun: 'Krajan',
      rw: '001',
      rt: '002',
      status: 'living',
      corrects: null,
    });
    expect(
      (await couchCall(server, admin(), 'PUT', `${db}/${encodeURIComponent(r._id)}`, r)).status,
    ).toBe(201);
  }
}

/** A photo of each required item of the application's document, stored on the kiosk and named as evidence. */
async function withRequirementPhotos(
  kiosk: NodeKiosk,
  app: DukcapilApplicationDoc,
  author: Author,
): Promise<DukcapilApplicationDoc> {
  const at = () => new Date().toISOString();
  const required = dukcapilDocument(app.documentType).requirements.filter((r) => r.required);
  for (const { code: requirement } of required) {
    const built = await buildPhotoDoc(
      app.id,
      { jpeg: jpeg(20_000), width: 1280, height: 960, takenAt: at(), caption: requirement },
      author,
      at(),
    );
    if (!built.ok) throw new Error(built.message);
    await kiosk.db.photos.insert(pendingLocal(built.doc) as never);
    app = withEvidence(app, requirement, built.doc.id, at());
  }
  return app;
}

/** A village of a new regency with the family at the regency, its officer, and its kiosk. */
async function villageWithFamily() {
  const regency = newRegency();
  const { code, login } = await village(regency);
  const mine = await officer(regency);
  await familyAtRegency(code);
  const kiosk = await openNodeKiosk({ villageCode: code, kioskId: 'k1', login, storage: 'memory' });
  const author = { villageCode: code, kioskId: 'k1', ids: createIdGenerator(code, 'k1') };
  return { code, asOfficer: { url: server.url, ...mine }, kiosk, author };
}

/** Dukcapil issues the document (a PDF) with its number and new family card. */
function issueWithPdf(
  officer: Login & { url: string },
  code: VillageCode,
  applicationId: string,
  issued: { documentNumber: string; kkNumber: string; subjectNik?: string },
) {
  return recordDecision(
    officer,
    code,
    applicationId,
    { step: 'terbit', note: '', ...issued },
    { name: 'terbit.pdf', bytes: pdf(issued.documentNumber) },
  );
}

/** The application with its required photos, sent from the kiosk and synced up. */
async function sendFromKiosk(
  kiosk: NodeKiosk,
  app: DukcapilApplicationDoc,
  author: Author,
): Promise<DukcapilApplicationDoc> {
  const sent = submitApplication(
    await withRequirementPhotos(kiosk, app, author),
    [],
    'Petugas',
    new Date().toISOString(),
  );
  if (!sent.ok) throw new Error(sent.message);
  await kiosk.db.requests.insert(pendingLocal(sent.doc) as never);
  await kiosk.replicator.syncOnce();
  return sent.doc;
}

describe('an application to Dukcapil and the documents back', () => {
  it('goes up with its photos, comes back for a fix, is resent, and comes back issued with its PDF and the new KK', async () => {
    const regency = newRegency();
    const { code, login } = await village(regency);
    const db = villageDbName(code);
    const mine = await officer(regency);
    const asOfficer = { url: server.url, ...mine };
    await familyAtRegency(code);

    const kiosk = await openNodeKiosk({
      villageCode: code,
      kioskId: 'k1',
      login,
      storage: 'memory',
    });
    const author = { villageCode: code, kioskId: 'k1', ids: createIdGenerator(code, 'k1') };
    const at = () => new Date().toISOString();
    const made = applicationFromForm(BIRTH, author, at(), '2026-12-03');
    if (!made.ok) throw new Error(JSON.stringify(made.errors));
    let app = made.doc;
    // Missing photos: not sent, and staff are told what is missing.
    const early = submitApplication(app, [], 'Petugas', at());
    expect(early.ok).toBe(false);
    if (!early.ok) expect(early.missing.join(' ')).toMatch(/Surat keterangan kelahiran/);
    app = await withRequirementPhotos(kiosk, app, author);
    const sent = submitApplication(app, [], 'Petugas', at());
    if (!sent.ok) throw new Error(sent.message);
    await kiosk.db.requests.insert(pendingLocal(sent.doc) as never);
    await kiosk.replicator.syncOnce();

    // At the regency: the text and every photo.
    const up = await couchCall<DukcapilApplicationDoc>(
      server,
      mine,
      'GET',
      `${db}/${encodeURIComponent(app.id)}`,
    );
    expect(up.status).toBe(200);
    expect(up.body.submissions).toHaveLength(1);
    for (const photoId of Object.values(app.evidence).flat()) {
      expect(
        (await couchCall(server, mine, 'GET', `${db}/${encodeURIComponent(photoId)}`)).status,
      ).toBe(200);
    }

    // Dukcapil asks for a correction; the desk sees it.
    const fix = await recordDecision(
      asOfficer,
      code,
      app.id,
      {
        step: 'perlu-perbaikan',
        note: 'Nama ayah belum diisi.',
        documentNumber: '',
        kkNumber: '',
      },
      null,
    );
    expect(fix.ok).toBe(true);
    await kiosk.replicator.syncOnce();
    let local = await stored(kiosk, app.id);
    expect(applicationStatus(local, await decisions(kiosk))).toBe('perlu-perbaikan');

    // The desk fixes it and sends it again.
    const fixed = {
      ...local,
      subjects: [...local.subjects, { role: 'ayah', nik: '3510171708850001', name: 'Agus Salim' }],
    };
    const resent = submitApplication(
      fixed,
      await decisions(kiosk),
      'Petugas',
      at(),
      'Nama ayah diisi.',
    );
    if (!resent.ok) throw new Error(resent.message);
    await editLocal(kiosk.db.requests as never, app.id, {
      subjects: resent.doc.subjects,
      submissions: resent.doc.submissions,
      updatedAt: resent.doc.updatedAt,
    } as never);
    await kiosk.replicator.syncOnce();

    // Terbit without a PDF is refused; with one it is recorded, with the new KK and the child.
    const number = {
      step: 'terbit',
      note: '',
      documentNumber: '3510-LT-03122026-0001',
      kkNumber: '3510170312260009',
      subjectNik: '3510176011260001',
    };
    const noPdf = await recordDecision(asOfficer, code, app.id, number, null);
    expect(noPdf).toMatchObject({ ok: false, message: 'Unggah dokumen yang terbit (PDF).' });
    const issued = await recordDecision(asOfficer, code, app.id, number, {
      name: 'akta.pdf',
      bytes: pdf('akta kelahiran dan KK'),
    });
    expect(issued).toMatchObject({ ok: true, residents: 3 });
    await kiosk.replicator.syncOnce();

    local = await stored(kiosk, app.id);
    const all = await decisions(kiosk);
    expect(applicationStatus(local, all)).toBe('terbit');
    const terbit = all.find((d) => d.step === 'terbit')!;
    expect(terbit.submission).toBe(2);
    const file = await kiosk.db.photos.findOne(terbit.fileId).exec();
    expect(file).not.toBeNull();
    expect(await dukcapilFileIsIntact(file!.toMutableJSON())).toBe(true);
    const family = await kiosk.db.residents
      .find({ selector: { kkNumber: '3510170312260009' } })
      .exec();
    const members = family.map((r) => r.toMutableJSON() as unknown as ResidentDoc);
    expect(members.map((m) => m.name).sort()).toEqual([
      'Agus Salim',
      'Bayi Lestari',
      'Siti Aminah',
    ]);
    expect(members.find((m) => m.name === 'Bayi Lestari')).toMatchObject({
      nik: '3510176011260001',
      familyRelation: 'Anak',
      sex: 'P',
      birthDate: '2026-11-20',
      type: 'resident',
    });

    // A PDF whose bytes do not match its hash is refused by the kiosk, never stored.
    const bytes = pdf('tampered');
    const tampered = doc('dukcapil-file', code, {
      refId: app.id,
      fileName: 'palsu.pdf',
      mime: 'application/pdf',
      bytes: bytes.length,
      sha256: await sha256Hex(pdf('something else')),
      data: bytesToBase64(bytes),
    });
    expect(
      (await couchCall(server, mine, 'PUT', `${db}/${encodeURIComponent(tampered._id)}`, tampered))
        .status,
    ).toBe(201);
    await kiosk.replicator.syncOnce();
    expect(await kiosk.db.photos.findOne(tampered._id).exec()).toBeNull();
    const history = (
      await kiosk.db.getLocal<{ refusedPhotos?: { id: string }[] }>('sync-history')
    )?.toJSON().data;
    expect(history?.refusedPhotos?.map((r) => r.id)).toContain(tampered._id);
  });

  it('for a birth the village recorded: the NIK Dukcapil gave retires the temporary number, and the child is counted once', async () => {
    const { code, asOfficer, kiosk, author } = await villageWithFamily();
    await kiosk.replicator.syncOnce();
    const at = () => new Date().toISOString();
    const register = async () =>
      (
        await kiosk.db.residents.find({ selector: { type: { $in: [...REGISTER_TYPES] } } }).exec()
      ).map((d) => d.toMutableJSON() as unknown as ResidentDoc);
    const birth = recordEvent(
      {
        ...EMPTY_EVENT_FORM,
        kind: 'kelahiran',
        eventDate: '2026-11-20',
        reportDate: '2026-11-21',
        name: 'Bayi Lestari',
        sex: 'P',
        place: 'Puskesmas',
        motherNik: '3510175505900002',
      },
      registerView(await register()),
      [],
      {
        author,
        recordedBy: 'Petugas',
        today: '2026-12-03',
        now: at(),
        temporaryNik: nextTemporaryNik(code, 'k1', []),
      },
    );
    if (!birth.ok) throw new Error(JSON.stringify(birth.errors));
    await kiosk.db.residents.bulkInsert([pendingLocal(birth.resident), pendingLocal(birth.event)]);
    const made = applicationFromForm(
      { ...BIRTH, subjects: BIRTH.subjects, eventId: birth.event.id },
      author,
      at(),
      '2026-12-03',
    );
    if (!made.ok) throw new Error(JSON.stringify(made.errors));
    await sendFromKiosk(kiosk, made.doc, author);

    const issued = await issueWithPdf(asOfficer, code, made.doc.id, {
      documentNumber: '3510-LT-03122026-0002',
      kkNumber: '3510170312260010',
      subjectNik: '3510176011260002',
    });
    // Two members with the new card, the child, and the temporary number retired.
    expect(issued).toMatchObject({ ok: true, residents: 4 });
    await kiosk.replicator.syncOnce();

    const current = currentRecords(await register());
    const children = current.filter((r) => r.name === 'Bayi Lestari');
    expect(children.map((r) => [r.nik, r.status, r.type])).toEqual(
      expect.arrayContaining([
        ['3510176011260002', 'living', 'resident'],
        [birth.event.nik, 'void', 'resident'],
      ]),
    );
    expect(children.filter((r) => isCounted(r))).toHaveLength(1);
    expect(countRegister(current)).toEqual({
      counts: { lWni: 1, pWni: 2, lWna: 0, pWna: 0 },
      families: 1,
    });
  });

  it('for a death: the new family card leaves the deceased out, and the regency records the death', async () => {
    const { code, asOfficer, kiosk, author } = await villageWithFamily();
    const at = () => new Date().toISOString();
    const made = applicationFromForm(
      {
        documentType: 'akta-kematian',
        subjectName: 'Agus Salim',
        subjectNik: '3510171708850001',
        kkNumber: BIRTH.kkNumber,
        fields: {
          tanggalKematian: '2026-11-25',
          tempatKematian: 'Rumah',
          sebab: 'Sakit',
          yangMenerangkan: 'Dokter',
          nomorKk: BIRTH.kkNumber,
        },
        subjects: [
          { role: 'pelapor', nik: '3510175505900002', name: 'Siti Aminah' },
          { role: 'almarhum', nik: '3510171708850001', name: 'Agus Salim' },
          { role: 'saksi1', nik: '3510170101700003', name: 'Saksi Satu' },
          { role: 'saksi2', nik: '3510170101700004', name: 'Saksi Dua' },
        ],
      },
      author,
      at(),
      '2026-12-03',
    );
    if (!made.ok) throw new Error(JSON.stringify(made.errors));
    const app = await sendFromKiosk(kiosk, made.doc, author);
    const issued = await issueWithPdf(asOfficer, code, app.id, {
      documentNumber: '3510-KM-03122026-0001',
      kkNumber: '3510170312260011',
    });
    expect(issued).toMatchObject({ ok: true, residents: 2 });
    await kiosk.replicator.syncOnce();
    const register = currentRecords(
      (await kiosk.db.residents.find({ selector: { type: 'resident' } }).exec()).map(
        (d) => d.toMutableJSON() as unknown as ResidentDoc,
      ),
    );
    expect(register.map((r) => [r.name, r.kkNumber, r.status]).sort()).toEqual([
      ['Agus Salim', BIRTH.kkNumber, 'deceased'],
      ['Siti Aminah', '3510170312260011', 'living'],
    ]);
  });
});

describe.skipIf(couchServerKind === 'couchdb')('the back office on the hub', () => {
  it('lets only Dukcapil officers in, lists their regency, and records a decision from the form', async () => {
    const regency = newRegency();
    const { code, login } = await village(regency);
    const mine = await officer(regency);
    const kiosk = await openNodeKiosk({
      villageCode: code,
      kioskId: 'k1',
      login,
      storage: 'memory',
    });
    const author = { villageCode: code, kioskId: 'k1', ids: createIdGenerator(code, 'k1') };
    const at = new Date().toISOString();
    const made = applicationFromForm(
      { ...BIRTH, documentType: 'ktp-cetak', subjects: [], fields: { nomorKk: BIRTH.kkNumber } },
      author,
      at,
      '2026-12-03',
    );
    if (!made.ok) throw new Error(JSON.stringify(made.errors));
    const built = await buildPhotoDoc(
      made.doc.id,
      { jpeg: jpeg(5000), width: 10, height: 10, takenAt: at, caption: 'kk' },
      author,
      at,
    );
    if (!built.ok) throw new Error(built.message);
    await kiosk.db.photos.insert(pendingLocal(built.doc) as never);
    const sent = submitApplication(
      withEvidence(made.doc, 'kk', built.doc.id, at),
      [],
      'Petugas',
      at,
    );
    if (!sent.ok) throw new Error(sent.message);
    await kiosk.db.requests.insert(pendingLocal(sent.doc) as never);
    await kiosk.replicator.syncOnce();

    const base = `${server.url}_balai/dukcapil`;
    const as = (l: Login): Record<string, string> => ({
      Authorization: basicAuth(l.username, l.password),
    });
    expect((await fetch(base)).status).toBe(401);
    expect((await fetch(base, { headers: as({ ...mine, password: 'salah-sekali' }) })).status).toBe(
      401,
    );
    expect((await fetch(base, { headers: as(login) })).status).toBe(401);
    const list = await fetch(base, { headers: as(mine) });
    expect(list.status).toBe(200);
    expect(await list.text()).toContain(made.doc.id);
    let other = newRegency();
    while (other === regency) other = newRegency();
    const stranger = await officer(other);
    expect(await (await fetch(base, { headers: as(stranger) })).text()).not.toContain(made.doc.id);
    const strangerDetail = await fetch(
      `${base}/permohonan?desa=${code}&id=${encodeURIComponent(made.doc.id)}`,
      { headers: as(stranger) },
    );
    expect(strangerDetail.status).toBe(400);

    const detail = await fetch(
      `${base}/permohonan?desa=${code}&id=${encodeURIComponent(made.doc.id)}`,
      { headers: as(mine) },
    );
    const html = await detail.text();
    expect(html).toContain('data:image/jpeg;base64,');
    expect(html).toContain('Catat keputusan');
    // The village by its names, the code beside them.
    expect(html).toContain(`Desa Uji Coba, Kec. Giri (${formatVillageCode(code)})`);

    const form = new FormData();
    form.set('desa', code);
    form.set('id', made.doc.id);
    form.set('step', 'terbit');
    form.set('documentNumber', 'KTP-0001');
    form.set(
      'pdf',
      new Blob([pdf('ktp') as Uint8Array<ArrayBuffer>], { type: 'application/pdf' }),
      'ktp.pdf',
    );
    const posted = await fetch(`${base}/keputusan`, {
      method: 'POST',
      headers: as(mine),
      body: form,
      redirect: 'manual',
    });
    expect(posted.status).toBe(303);
    // The list was read (and its rows kept) before the decision: it follows the village's database.
    expect(await (await fetch(base, { headers: as(mine) })).text()).not.toContain(made.doc.id);
    const issued = await fetch(`${base}?status=terbit`, { headers: as(mine) });
    expect(await issued.text()).toContain(made.doc.id);
    const crossSite = await fetch(`${base}/keputusan`, {
      method: 'POST',
      headers: { ...as(mine), Origin: 'http://evil.example' },
      body: form,
      redirect: 'manual',
    });
    expect(crossSite.status).toBe(403);
    await kiosk.replicator.syncOnce();
    const all = await decisions(kiosk);
    expect(all.map((d) => [d.step, d.documentNumber, d.officer])).toEqual([
      ['terbit', 'KTP-0001', mine.username],
    ]);
  });
});
