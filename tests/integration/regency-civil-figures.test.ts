// The regency dashboard's civil-registration page against a real CouchDB-protocol server (the
// hub, or COUCHDB_URL for the data): three villages in two kecamatan whose kiosks sent
// applications and closed monthly reports, and whose Dukcapil officer decided some of them. The
// numbers a regency official relies on — applications by status per type and village, days to
// issue (median, 90th percentile), the villages late with their report, the population per
// kecamatan — and, on the hub, the page served at /_balai/dashboard?bagian=kependudukan with its
// charts; a new decision shows on the next load (the view cache follows the database).
import { randomBytes, randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicationFromForm, submitApplication } from '../../shared/dukcapil/application';
import type { DukcapilDocumentType } from '../../shared/dukcapil/catalogue';
import { createIdGenerator } from '../../shared/ids';
import { villageDbName, type VillageCode } from '../../shared/village';
import { provisionKiosk, provisionVillage } from '../../sync/provision/provision';
import { provisionDukcapil, provisionStaff } from '../../sync/provision/regency';
import { addMonths, dueMonth } from '../../sync/regency/civil-figures';
import { gatherCivilFigures } from '../../sync/regency/civil-figures-data';
import { villageViewCache } from '../../sync/regency/village-view-cache';
import {
  basicAuth,
  couchCall,
  couchServerKind,
  startCouchServer,
  type CouchServer,
  type Login,
} from '../support/couch-server';

let server: CouchServer;
const admin = () => ({ url: server.url, ...server.admin });
const DAY = 86_400_000;
const now = new Date();
const ago = (days: number) => new Date(now.getTime() - days * DAY).toISOString();

const regency = `99${String(randomInt(10, 100))}`;
const k1 = `${regency}${String(randomInt(10, 50))}`;
const k2 = `${regency}${String(randomInt(50, 100))}`;
const alpha = `${k1}0001` as VillageCode;
const beta = `${k1}0002` as VillageCode;
const gamma = `${k2}0001` as VillageCode;
const kiosks = new Map<VillageCode, Login>();
let officer: Login;
let staff: Login;

async function put(
  login: Login,
  code: VillageCode,
  doc: { _id: string; [field: string]: unknown },
): Promise<void> {
  const reply = await couchCall(
    server,
    login,
    'PUT',
    `${villageDbName(code)}/${encodeURIComponent(doc._id)}`,
    doc,
  );
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
}

/** An application the village's kiosk sent `sentDaysAgo` days ago; its id. */
async function application(
  code: VillageCode,
  type: DukcapilDocumentType,
  sentDaysAgo: number,
): Promise<string> {
  const at = ago(sentDaysAgo);
  const made = applicationFromForm(
    {
      documentType: 'ktp-cetak',
      subjectName: `Warga ${type}`,
      subjectNik: '',
      kkNumber: '9910170101200001',
      fields: { nomorKk: '9910170101200001' },
      subjects: [],
    },
    { villageCode: code, kioskId: 'k1', ids: createIdGenerator(code, 'k1') },
    at,
    at.slice(0, 10),
  );
  if (!made.ok) throw new Error(JSON.stringify(made.errors));
  const sent = submitApplication({ ...made.doc, evidence: { kk: ['photo:x'] } }, [], 'Petugas', at);
  if (!sent.ok) throw new Error(sent.message);
  const doc = { ...sent.doc, documentType: type };
  await put(kiosks.get(code)!, code, { ...doc, _id: doc.id });
  return doc.id;
}

/** A decision by the regency's Dukcapil officer, dated `daysAgo`. */
async function decide(code: VillageCode, applicationId: string, step: string, daysAgo: number) {
  const at = ago(daysAgo);
  const id = createIdGenerator(code, 'dukcapil').next('dukcapil-decision');
  await put(officer, code, {
    _id: id,
    id,
    type: 'dukcapil-decision',
    villageCode: code,
    kioskId: 'dukcapil',
    createdAt: at,
    updatedAt: at,
    date: at.slice(0, 10),
    applicationId,
    submission: 1,
    step,
    note: step === 'terbit' ? '' : 'uji',
    documentNumber: step === 'terbit' ? '3510-LT-0001' : '',
    kkNumber: '',
    subjectNik: '',
    fileId: '',
    officer: officer.username,
  });
}

/** A monthly report the kepala desa closed. */
async function closedReport(code: VillageCode, month: string, male: number, female: number) {
  const at = now.toISOString();
  const id = createIdGenerator(code, 'k1').next('population-report');
  const zero = { lWni: 0, pWni: 0, lWna: 0, pWna: 0 };
  const end = { lWni: male - 1, pWni: female, lWna: 1, pWna: 0 };
  await put(kiosks.get(code)!, code, {
    _id: id,
    id,
    type: 'population-report',
    villageCode: code,
    kioskId: 'k1',
    createdAt: at,
    updatedAt: at,
    month,
    basis: 'event',
    start: end,
    startFamilies: 40,
    columns: { lahir: zero, mati: zero, datang: zero, pindah: zero, hilang: zero, ditemukan: zero },
    end,
    endFamilies: 40,
    lines: [],
    priorEventIds: [],
    closedBy: 'Kepala Desa',
    closedAt: at,
  });
}

let alphaKk = '';

beforeAll(async () => {
  server = await startCouchServer();
  for (const code of [alpha, beta, gamma]) {
    await provisionVillage(admin(), { villageCode: code });
    const kiosk = await provisionKiosk(admin(), { villageCode: code, kioskId: 'k1' });
    kiosks.set(code, { username: kiosk.username, password: kiosk.password });
    const names = {
      [alpha]: ['Alpha', 'Satu'],
      [beta]: ['Beta', 'Satu'],
      [gamma]: ['Gamma', 'Dua'],
    }[code]!;
    const at = now.toISOString();
    const id = `village-profile:${code}`;
    await put(server.admin, code, {
      _id: id,
      id,
      type: 'village-profile',
      villageCode: code,
      kioskId: 'kabupaten',
      createdAt: at,
      updatedAt: at,
      villageName: `Desa ${names[0]}`,
      districtName: `Kecamatan ${names[1]}`,
      regencyName: 'Uji',
      address: '',
    });
  }
  const made = await provisionDukcapil(admin(), {
    name: `dukcapil-${regency}-${randomInt(0, 1e6)}`,
    regency,
    password: randomBytes(9).toString('hex'),
  });
  officer = { username: made.username, password: made.password! };
  const added = await provisionStaff(admin(), { name: `staf-${regency}-${randomInt(0, 1e6)}` });
  staff = { username: added.username, password: added.password! };

  // Alpha: two births issued in 2 and 10 days, a KK waiting, a KK verified; reports up to date.
  await decide(alpha, await application(alpha, 'akta-kelahiran', 10), 'terbit', 8);
  await decide(alpha, await application(alpha, 'akta-kelahiran', 20), 'terbit', 10);
  alphaKk = await application(alpha, 'kk-baru', 5);
  await decide(alpha, await application(alpha, 'kk-baru', 6), 'terverifikasi', 4);
  const due = dueMonth(now);
  await closedReport(alpha, addMonths(due, -1), 100, 105);
  await closedReport(alpha, due, 100, 110);
  // Beta: a death certificate issued after 30 days, a birth sent back; reports two months behind.
  await decide(beta, await application(beta, 'akta-kematian', 30), 'terbit', 0);
  await decide(beta, await application(beta, 'akta-kelahiran', 3), 'perlu-perbaikan', 1);
  await closedReport(beta, addMonths(due, -2), 50, 45);
  // Gamma: nothing sent, no report ever closed.
}, 120_000);

afterAll(async () => server?.stop());

describe('the regency civil-registration figures', () => {
  it('counts applications, days to issue, late reports and the population per kecamatan', async () => {
    const figures = await gatherCivilFigures(
      admin(),
      [alpha, beta, gamma],
      villageViewCache(),
      now,
    );
    expect(figures.unreadable).toEqual([]);
    const type = (t: string) => figures.byType.find((r) => r.type === t)!.counts;
    expect(type('akta-kelahiran')).toMatchObject({ terbit: 2, 'perlu-perbaikan': 1, diajukan: 0 });
    expect(type('kk-baru')).toMatchObject({ diajukan: 1, terverifikasi: 1, terbit: 0 });
    expect(type('akta-kematian')).toMatchObject({ terbit: 1 });
    const village = (c: string) => figures.byVillage.find((v) => v.code === c);
    expect(village(alpha)).toMatchObject({
      name: 'Desa Alpha',
      district: 'Kecamatan Satu',
      counts: { diajukan: 1, terverifikasi: 1, terbit: 2 },
    });
    expect(village(gamma)).toBeUndefined();
    const satu = figures.byDistrict.find((d) => d.code === k1)!;
    expect(satu.counts).toMatchObject({
      diajukan: 1,
      terverifikasi: 1,
      terbit: 3,
      'perlu-perbaikan': 1,
    });

    // Kecamatan Satu issued after 2, 10 and 30 days: median 10, 90th percentile 30.
    const byDistrict = figures.issueDaysByDistrict.find((r) => r.key === k1)!;
    expect(byDistrict.issued).toBe(3);
    expect(byDistrict.median).toBeCloseTo(10, 5);
    expect(byDistrict.p90).toBeCloseTo(30, 5);
    expect(figures.issueDaysByDistrict.find((r) => r.key === k2)).toBeUndefined();
    const births = figures.issueDaysByType.find((r) => r.key === 'akta-kelahiran')!;
    expect([births.issued, births.median, births.p90].map((n) => Math.round(n))).toEqual([
      2, 6, 10,
    ]);

    expect(figures.late.map((l) => [l.code, l.lastClosed, l.monthsBehind])).toEqual([
      [gamma, null, null],
      [beta, addMonths(figures.dueMonth, -2), 2],
    ]);

    const pop = (c: string) => figures.population.find((d) => d.code === c)!;
    // Alpha's latest report (100 + 110) and Beta's (50 + 45); Gamma has none.
    expect(pop(k1)).toMatchObject({
      reporting: 2,
      villages: 2,
      male: 150,
      female: 155,
      families: 80,
    });
    expect(pop(k1).byMonth.at(-1)).toBe(305);
    expect(pop(k2)).toMatchObject({ reporting: 0, villages: 1, male: 0, female: 0 });
  });

  it.runIf(couchServerKind === 'hub')(
    'serves the page with its charts and tables, and shows a new decision on the next load',
    async () => {
      const headers = { Authorization: basicAuth(staff.username, staff.password) };
      const load = async () => {
        const res = await fetch(`${server.url}_balai/dashboard?bagian=kependudukan`, { headers });
        expect(res.status).toBe(200);
        expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
        return res.text();
      };
      const html = await load();
      expect(html).toContain('<svg');
      expect(html).toMatch(/aria-label="Lama terbit per kecamatan \(hari\)"/);
      const row = (attr: string, key: string) =>
        new RegExp(`<tr ${attr}="${key}">(.*?)</tr>`).exec(html)?.[1] ?? '';
      expect(row('data-village', alpha)).toContain('Desa Alpha');
      expect(row('data-village', alpha)).toMatch(/data-status="terbit">2</);
      expect(row('data-key', k1)).toMatch(/data-median="10(\.0+\d*)?"/);
      expect(row('data-late', beta)).toMatch(/data-behind="2"/);
      expect(row('data-late', gamma)).toContain('belum pernah');
      expect(row('data-late', alpha)).toBe('');
      expect(row('data-district', k1)).toMatch(/data-population="305"/);

      const unauthenticated = await fetch(`${server.url}_balai/dashboard?bagian=kependudukan`);
      expect(unauthenticated.status).toBe(401);
      const wrongSection = await fetch(`${server.url}_balai/dashboard?bagian=x`, { headers });
      expect(wrongSection.status).toBe(400);

      // Dukcapil issues Alpha's waiting KK: the next load reads Alpha again and counts it.
      await decide(alpha, alphaKk, 'terbit', 0);
      const after = await load();
      const alphaRow = new RegExp(`<tr data-village="${alpha}">(.*?)</tr>`).exec(after)?.[1] ?? '';
      expect(alphaRow).toMatch(/data-status="terbit">3</);
      expect(alphaRow).toMatch(/data-status="diajukan">0</);
    },
  );
});

describe("POST /_dbs_info (every village's update_seq in one request)", () => {
  it.runIf(couchServerKind === 'hub')(
    'answers a server admin per name, creates nothing, and refuses regency staff',
    async () => {
      const missing = `desa_${regency}990000`;
      const keys = [villageDbName(alpha), missing];
      const asAdmin = await couchCall<
        { key: string; info?: { update_seq?: unknown }; error?: string }[]
      >(server, server.admin, 'POST', '_dbs_info', { keys });
      expect(asAdmin.status).toBe(200);
      expect(asAdmin.body.map((r) => r.key)).toEqual(keys);
      const direct = await couchCall<{ update_seq?: unknown }>(
        server,
        server.admin,
        'GET',
        villageDbName(alpha),
      );
      expect(asAdmin.body[0]!.info?.update_seq).toEqual(direct.body.update_seq);
      expect(asAdmin.body[1]).toEqual({ key: missing, error: 'not_found' });
      expect((await couchCall(server, server.admin, 'GET', missing)).status).toBe(404);
      const asStaff = await couchCall(server, staff, 'POST', '_dbs_info', { keys });
      expect([401, 403]).toContain(asStaff.status);
      const tooMany = await couchCall(server, server.admin, 'POST', '_dbs_info', {
        keys: Array.from({ length: 101 }, (_, i) => `desa_${i}`),
      });
      expect(tooMany.status).toBe(400);
    },
  );
});

if (couchServerKind !== 'hub') {
  console.info(
    'regency-civil-figures: COUCHDB_URL is set; the page is served by the hub only, so its ' +
      'check is skipped (the figures are checked).',
  );
}
