// The regency dashboard against a real CouchDB-protocol server (the hub, or COUCHDB_URL): two
// villages whose kiosks wrote sync reports, requests and finance documents as kiosks do (PUT
// with the kiosk's own login), the numbers the dashboard gathers from them, and on the hub the
// page served at /_balai/dashboard with its login rule and its stale-village marker.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatVillageCode, villageDbName, type VillageCode } from '../../shared/village';
import {
  provisionKiosk,
  provisionVillage,
  type AdminConnection,
} from '../../sync/provision/provision';
import { publishVillageNames } from '../../sync/provision/letter-key';
import { provisionStaff } from '../../sync/provision/regency';
import {
  fiscalYearAt,
  gatherDashboard,
  gatherDashboardPage,
  PageOutOfRange,
} from '../../sync/regency/dashboard-data';
import { STALE_MARKER } from '../../sync/regency/dashboard-page';
import { TEST_VILLAGE_NAMES } from '../support/named-regency';
import {
  basicAuth,
  couchCall,
  couchServerKind,
  startCouchServer,
  uniqueVillageCode,
  type CouchServer,
  type Login,
} from '../support/couch-server';

let server: CouchServer;
let admin: AdminConnection;
let codeA: VillageCode;
let codeB: VillageCode;
let staff: Login;
let kioskA1: Login;
let kioskA2: Login;
let kioskB1: Login;
const year = fiscalYearAt(new Date());
const HOUR = 3600_000;
const DAY = 24 * HOUR;

if (couchServerKind === 'couchdb') {
  console.info(
    'regency-dashboard: COUCHDB_URL is set; the page served by the hub at /_balai/dashboard ' +
      'is not on CouchDB, so its checks are skipped (the data checks run).',
  );
}

let sequence = 0;
function villageDoc(code: VillageCode, kioskId: string, type: string, extra: object = {}) {
  const id = `${type}:${String(Date.now()).padStart(12, '0')}${String(sequence++).padStart(3, '0')}:${code}:${kioskId}`;
  const now = new Date().toISOString();
  return {
    _id: id,
    id,
    type,
    villageCode: code,
    kioskId,
    createdAt: now,
    updatedAt: now,
    ...extra,
  };
}

async function putAs(login: Login, code: VillageCode, doc: { _id: string }): Promise<void> {
  const reply = await couchCall(
    server,
    login,
    'PUT',
    `${villageDbName(code)}/${encodeURIComponent(doc._id)}`,
    doc,
  );
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
}

function syncReport(
  code: VillageCode,
  kioskId: string,
  report: {
    lastSuccessAgoMs: number | null;
    pending: number;
    rejected: number;
    failures: Record<string, number>;
    clockSkewMs: number | null;
  },
) {
  const id = `sync-report:${code}:${kioskId}`;
  const now = new Date().toISOString();
  return {
    _id: id,
    id,
    type: 'sync-report',
    villageCode: code,
    kioskId,
    createdAt: now,
    updatedAt: now,
    lastSuccessAt:
      report.lastSuccessAgoMs === null
        ? null
        : new Date(Date.now() - report.lastSuccessAgoMs).toISOString(),
    lastAttemptAt: now,
    kioskTime: now,
    serverTime: now,
    clockSkewMs: report.clockSkewMs,
    pending: report.pending,
    rejected: report.rejected,
    conflicts: 0,
    docsPushed: 10,
    docsPulled: 4,
    lastRoundMs: 1200,
    failures: report.failures,
  };
}

const request = (code: VillageCode, kioskId: string, status: string) =>
  villageDoc(code, kioskId, 'request', {
    date: new Date().toISOString().slice(0, 10),
    residentNik: '3510171234560001',
    residentName: 'Warga Uji',
    serviceType: 'SKD',
    purpose: 'uji',
    status,
  });

const budgetLine = (
  code: VillageCode,
  kioskId: string,
  version: number,
  stage: string,
  accountCode: string,
  amount: number,
  fiscalYear = year,
) =>
  villageDoc(code, kioskId, 'budget', {
    fiscalYear,
    budgetVersion: version,
    stage,
    kegiatanCode: accountCode.startsWith('5') ? '01.01.01.' : '',
    accountCode,
    fundingSource: 'DDS',
    description: 'uji',
    amount,
    volume: null,
    unit: '',
    unitPrice: null,
  });

const ledger = (
  code: VillageCode,
  kioskId: string,
  kind: string,
  amount: number,
  reverses: string | null = null,
  fiscalYear = year,
) =>
  villageDoc(code, kioskId, 'ledger', {
    fiscalYear,
    budgetLineId: 'budget:x',
    kind,
    date: `${fiscalYear}-03-01`,
    amount,
    evidenceNumber: '1',
    payee: 'uji',
    description: 'uji',
    recordedBy: 'bendahara',
    reverses,
    settles: null,
    overrideBy: '',
    overrideReason: '',
  });

beforeAll(async () => {
  server = await startCouchServer();
  admin = { url: server.url, ...server.admin };
  codeA = uniqueVillageCode();
  codeB = uniqueVillageCode();
  for (const code of [codeA, codeB]) await provisionVillage(admin, { villageCode: code });
  // A has its names, as `add-village` writes them from the code; B has none yet.
  await publishVillageNames(admin, { villageCode: codeA, names: TEST_VILLAGE_NAMES });
  kioskA1 = await provisionKiosk(admin, { villageCode: codeA, kioskId: 'k1' });
  kioskA2 = await provisionKiosk(admin, { villageCode: codeA, kioskId: 'k2' });
  kioskB1 = await provisionKiosk(admin, { villageCode: codeB, kioskId: 'k1' });
  const added = await provisionStaff(admin, { name: `dasbor-${codeA}` });
  staff = { username: added.username, password: added.password! };

  // Village A: seen an hour ago (k1), k2 five days ago.
  await putAs(
    kioskA1,
    codeA,
    syncReport(codeA, 'k1', {
      lastSuccessAgoMs: HOUR,
      pending: 3,
      rejected: 1,
      failures: { offline: 2, server: 1 },
      clockSkewMs: -5_000,
    }),
  );
  await putAs(
    kioskA2,
    codeA,
    syncReport(codeA, 'k2', {
      lastSuccessAgoMs: 5 * DAY,
      pending: 2,
      rejected: 0,
      failures: {},
      clockSkewMs: 120_000,
    }),
  );
  for (const status of ['received', 'checked', 'printed', 'collected', 'rejected']) {
    await putAs(kioskA1, codeA, request(codeA, 'k1', status));
  }
  await putAs(kioskA2, codeA, request(codeA, 'k2', 'received'));

  // Village A's money: version 1 adopted, then version 2 adopted (the one in force), a draft 3.
  for (const [version, stage, account, amount] of [
    [1, 'adopted', '5.1.1', 1_000_000],
    [1, 'adopted', '5.2.1', 2_000_000],
    [1, 'adopted', '4.1.1', 5_000_000],
    [2, 'adopted', '5.1.1', 1_500_000],
    [2, 'adopted', '5.2.1', 2_500_000],
    [2, 'adopted', '4.1.1', 5_000_000],
    [3, 'amendment', '5.1.1', 9_999_999],
  ] as const) {
    await putAs(kioskA1, codeA, budgetLine(codeA, 'k1', version, stage, account, amount));
  }
  await putAs(kioskA1, codeA, budgetLine(codeA, 'k1', 1, 'adopted', '5.1.1', 77, year - 1));
  await putAs(kioskA1, codeA, ledger(codeA, 'k1', 'payment-ls', 500_000));
  const mistaken = ledger(codeA, 'k1', 'payment-ls', 100_000);
  await putAs(kioskA1, codeA, mistaken);
  await putAs(kioskA1, codeA, ledger(codeA, 'k1', 'reversal', 100_000, mistaken._id));
  await putAs(kioskA1, codeA, ledger(codeA, 'k1', 'spj', 250_000));
  await putAs(kioskA1, codeA, ledger(codeA, 'k1', 'payment-um', 300_000));
  const receipt = ledger(codeA, 'k1', 'receipt', 5_000_000);
  await putAs(kioskA1, codeA, receipt);
  await putAs(kioskA1, codeA, ledger(codeA, 'k1', 'reversal', 5_000_000, receipt._id));
  await putAs(kioskA1, codeA, ledger(codeA, 'k1', 'payment-ls', 777, null, year - 1));

  // Village B: seen ten days ago; one report carries markup in its kiosk id; no finance.
  await putAs(
    kioskB1,
    codeB,
    syncReport(codeB, 'k1', {
      lastSuccessAgoMs: 10 * DAY,
      pending: 7,
      rejected: 2,
      failures: { offline: 40 },
      clockSkewMs: null,
    }),
  );
  await putAs(
    kioskB1,
    codeB,
    syncReport(codeB, '<script>x</script>', {
      lastSuccessAgoMs: null,
      pending: 0,
      rejected: 0,
      failures: {},
      clockSkewMs: null,
    }),
  );
  await putAs(kioskB1, codeB, request(codeB, 'k1', 'approved'));
  await putAs(kioskB1, codeB, request(codeB, 'k1', 'collected'));
});
afterAll(async () => server?.stop());

describe('gatherDashboard', () => {
  it('computes each village’s last sync, backlog, open requests and budget realisation', async () => {
    const data = await gatherDashboard(admin);
    expect(data.fiscalYear).toBe(year);
    const a = data.villages.find((v) => v.code === codeA)!;
    const b = data.villages.find((v) => v.code === codeB)!;
    expect(a.error).toBeUndefined();
    expect(b.error).toBeUndefined();

    expect(a.kiosks.map((k) => k.kioskId)).toEqual(['k1', 'k2']);
    expect(Date.now() - Date.parse(a.lastSuccessAt!)).toBeGreaterThanOrEqual(HOUR);
    expect(Date.now() - Date.parse(a.lastSuccessAt!)).toBeLessThan(HOUR + 5 * 60_000);
    expect(a.pending).toBe(5);
    expect(a.rejected).toBe(1);
    expect(a.failures).toBe(3);
    expect(a.kiosks[0]!.failuresByKind).toEqual({ offline: 2, server: 1 });
    expect(a.clockSkewMs).toBe(120_000);
    expect(a.openRequests).toBe(4);
    expect(a.openByStatus).toEqual({ received: 2, checked: 1, printed: 1 });
    // Version 2 spending: 1.5M + 2.5M. Realised: 500k + 100k − 100k (reversed) + 250k SPJ;
    // the advance (payment-um), the receipt and its reversal, and last year do not count.
    expect(a.budget).toEqual({
      fiscalYear: year,
      version: 2,
      budgetSpending: 4_000_000,
      realisedSpending: 750_000,
    });

    expect(b.kiosks).toHaveLength(2);
    expect(Date.now() - Date.parse(b.lastSuccessAt!)).toBeGreaterThanOrEqual(10 * DAY);
    expect(b.pending).toBe(7);
    expect(b.rejected).toBe(2);
    expect(b.failures).toBe(40);
    expect(b.clockSkewMs).toBeNull();
    expect(b.openRequests).toBe(1);
    expect(b.budget).toBeNull();
  });

  it('works with a staff login when the villages are named (staff cannot list databases)', async () => {
    const login = { url: server.url, ...staff };
    await expect(gatherDashboard(login)).rejects.toThrow(/server admin/);
    // Count the requests: 7 per village (one of them the ids of its conflicted documents, decision
    // 0022), +1 for A, which has reversals; none list every document.
    const realFetch = globalThis.fetch;
    const urls: string[] = [];
    globalThis.fetch = (input, init) => {
      urls.push(String(input));
      return realFetch(input, init);
    };
    let data;
    try {
      data = await gatherDashboard(login, { villages: [codeA, codeB] });
    } finally {
      globalThis.fetch = realFetch;
    }
    expect(urls).toHaveLength(15);
    expect(urls.filter((url) => url.includes(villageDbName(codeA)))).toHaveLength(8);
    expect(data.villages.map((v) => [v.code, v.openRequests, v.pending])).toEqual([
      [codeA, 4, 5],
      [codeB, 1, 7],
    ]);
    expect(data.villages[0]!.budget?.realisedSpending).toBe(750_000);
  });

  it('falls back to the request: id range where the view is missing', async () => {
    const ddoc = await couchCall<{ _rev: string }>(
      server,
      server.admin,
      'GET',
      `${villageDbName(codeB)}/_design/regency`,
    );
    await couchCall(
      server,
      server.admin,
      'DELETE',
      `${villageDbName(codeB)}/_design/regency?rev=${ddoc.body._rev}`,
    );
    try {
      const data = await gatherDashboard(admin, { villages: [codeB] });
      expect(data.villages[0]!.openRequests).toBe(1);
      expect(data.villages[0]!.budget).toBeNull();
    } finally {
      expect((await provisionVillage(admin, { villageCode: codeB })).changed).toBe(true);
    }
  });
});

describe.skipIf(couchServerKind === 'couchdb')('GET /_balai/dashboard on the hub', () => {
  const page = (login: Login | null, query = '') =>
    fetch(`${server.url}_balai/dashboard${query}`, {
      headers: login ? { Authorization: basicAuth(login.username, login.password) } : {},
    });
  const rowOf = (html: string, code: VillageCode) =>
    new RegExp(`<tr data-village="${code}"[^>]*>.*?</tr>`, 's').exec(html)?.[0] ?? '';

  it('asks for a login: 401 with WWW-Authenticate for nobody, a kiosk, a wrong password', async () => {
    for (const login of [null, kioskA1, { username: staff.username, password: 'salah-sandi-1' }]) {
      const response = await page(login);
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Basic realm=/);
      expect(await response.text()).not.toContain(codeA);
    }
  });

  it('shows every village to staff and admin, the stale one marked, all text escaped', async () => {
    for (const login of [staff, server.admin]) {
      const response = await page(login);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      const html = await response.text();
      expect(html).toContain('<html lang="id">');
      expect(html).not.toMatch(/<script|src=|href="http/);
      expect(html).toContain('&lt;script&gt;x&lt;/script&gt;');

      const rowA = rowOf(html, codeA);
      const rowB = rowOf(html, codeB);
      expect(rowA).not.toContain(STALE_MARKER);
      expect(rowA).not.toContain('data-stale');
      expect(rowA).toContain('1 jam lalu');
      expect(rowA).toMatch(/18,8%/);
      expect(rowA).toMatch(/Rp\s?750\.000/);
      // The village by its name once the regency's profile names it; by its code until then.
      expect(rowA).toContain(`<th scope="row">Desa Uji Coba, Kec. Giri<br>`);
      expect(rowA).toContain(formatVillageCode(codeA));
      expect(rowB).toContain(`<th scope="row">Desa ${formatVillageCode(codeB)}<br>`);
      expect(rowB).toContain(STALE_MARKER);
      expect(rowB).toContain('data-stale="true"');
      expect(rowB).toContain('10 hari lalu');
      expect(rowB).toContain('—');
      // Open requests by the desk's status words, never the stored English ones.
      expect(rowA).toContain('Diterima 2, Berkas lengkap 1, Siap diambil 1');
      expect(rowA).not.toMatch(/received|checked|printed|approved/);
    }
  });

  it('?tahun=YYYY shows that fiscal year, keeps it in every form and link; a bad one is refused', async () => {
    const year = new Date().getFullYear();
    const next = await (await page(staff, `?tahun=${year + 1}`)).text();
    expect(next).toContain(`Tahun anggaran ${year + 1}.`);
    expect(next).toContain(`<option value="${year + 1}" selected>`);
    expect(next).toContain(`Perencanaan dan proyek desa — tahun ${year + 1}`);
    // This year's budget realisation is not next year's: no adopted budget there yet.
    expect(rowOf(next, codeA)).not.toContain('18,8%');
    expect(next.match(new RegExp(`name="tahun" value="${year + 1}"`, 'g'))).toHaveLength(2);
    expect((await page(staff, '?tahun=dua')).status).toBe(400);
  });

  it('?days=N moves the threshold; a bad N is refused', async () => {
    const wide = await (await page(staff, '?days=30')).text();
    expect(rowOf(wide, codeB)).not.toContain(STALE_MARKER);
    const narrow = await (await page(staff, '?days=1')).text();
    expect(rowOf(narrow, codeA)).not.toContain(STALE_MARKER);
    expect((await page(staff, '?days=abc')).status).toBe(400);
  });
});

// Paging at a small regency's scale: 30 villages (A, B and 28 more), 10 a page. Five villages
// were seen within the hour (A and four new ones); the other 25 (B, ten days ago, and 24 never)
// are stale and must fill the first pages, each group in code order.
describe('paging the dashboard: 30 villages, 10 a page', () => {
  const fresh: VillageCode[] = [];
  const never: VillageCode[] = [];
  let all: VillageCode[] = [];
  let expectedOrder: VillageCode[] = [];

  beforeAll(async () => {
    for (let i = 0; i < 28; i++) {
      const code = uniqueVillageCode();
      await provisionVillage(admin, { villageCode: code });
      if (i < 4) {
        const kiosk = await provisionKiosk(admin, { villageCode: code, kioskId: 'k1' });
        await putAs(
          kiosk,
          code,
          syncReport(code, 'k1', {
            lastSuccessAgoMs: 10 * 60_000,
            pending: 1,
            rejected: 0,
            failures: {},
            clockSkewMs: null,
          }),
        );
        fresh.push(code);
      } else never.push(code);
    }
    all = [codeA, codeB, ...fresh, ...never];
    expectedOrder = [...[codeB, ...never].sort(), ...[codeA, ...fresh].sort()];
  }, 180_000);

  it('gathers only the page’s villages, stale ones first, the regency totals over all', async () => {
    const seen: VillageCode[] = [];
    for (let page = 1; page <= 3; page++) {
      const data = await gatherDashboardPage(admin, {
        villages: all,
        page,
        perPage: 10,
        staleDays: 3,
      });
      expect(data.pages).toBe(3);
      expect(data.villages).toHaveLength(10);
      expect(data.totals).toMatchObject({ villages: 30, stale: 25, unreadable: 0 });
      // A 3 + 2, B 7, the four fresh villages 1 each.
      expect(data.totals.pending).toBe(16);
      expect(data.totals.rejected).toBe(3);
      seen.push(...data.villages.map((v) => v.code));
    }
    expect(seen).toEqual(expectedOrder);
    expect(new Set(seen).size).toBe(30);
    await expect(
      gatherDashboardPage(admin, { villages: all, page: 4, perPage: 10, staleDays: 3 }),
    ).rejects.toBeInstanceOf(PageOutOfRange);
  });

  it('reads the sync reports of every village but the rest only for the page’s villages', async () => {
    const realFetch = globalThis.fetch;
    const urls: string[] = [];
    globalThis.fetch = (input, init) => {
      urls.push(String(input));
      return realFetch(input, init);
    };
    try {
      await gatherDashboardPage(admin, { villages: all, page: 3, perPage: 10, staleDays: 3 });
    } finally {
      globalThis.fetch = realFetch;
    }
    // 30 report ranges; then for the page's ten: 6 reads each (the names and the conflicted
    // documents' ids too), +1 for A's reversals.
    expect(urls.filter((url) => url.includes('sync-report'))).toHaveLength(30);
    expect(urls).toHaveLength(30 + 10 * 6 + 1);
    expect(urls.filter((url) => url.includes('_view/planning'))).toHaveLength(10);
  });

  describe.skipIf(couchServerKind === 'couchdb')('on the hub', () => {
    const get = (query: string) =>
      fetch(`${server.url}_balai/dashboard${query}`, {
        headers: { Authorization: basicAuth(staff.username, staff.password) },
      });
    const villagesOf = (html: string) =>
      [...html.matchAll(/<tr data-village="(\d+)"/g)].map((m) => m[1] as VillageCode);
    const unescape = (href: string) => href.replace(/&amp;/g, '&');

    it('3 pages, each village exactly once, the filters kept in the links', async () => {
      const filters = 'days=3&bidang=02&prioritas=stunting&laporan=20';
      let query = `?${filters}&per=10`;
      const seen: VillageCode[] = [];
      const pages: string[] = [];
      for (;;) {
        const response = await get(query);
        expect(response.status, query).toBe(200);
        const html = await response.text();
        pages.push(html);
        seen.push(...villagesOf(html));
        expect(html).toContain('data-stale-total="25"');
        expect(html).toContain('Seluruh kabupaten: 30 desa');
        expect(html).toContain('hanya memuat desa di halaman ini');
        const links = [...html.matchAll(/<a rel="(prev|next)" href="([^"]*)"/g)];
        for (const [, , href] of links) {
          for (const kept of [
            'days=3',
            'bidang=02',
            'prioritas=stunting',
            'laporan=20',
            'per=10',
          ]) {
            expect(unescape(href!)).toContain(kept);
          }
        }
        const next = links.find(([, rel]) => rel === 'next');
        if (!next) break;
        query = unescape(next[2]!);
        expect(pages.length).toBeLessThan(3);
      }
      expect(pages).toHaveLength(3);
      expect(pages[0]).not.toContain('rel="prev"');
      expect(pages[1]).toContain('rel="prev"');
      expect(pages[0]).toContain('Halaman 1 dari 3');
      expect(pages[2]).toContain('Halaman 3 dari 3');
      expect(seen).toEqual(expectedOrder);
      expect(new Set(seen).size).toBe(30);
      // The stale villages sit on pages 1–3 here: the header links to each of them.
      expect(pages[2]).toContain('Desa bermasalah ditampilkan lebih dulu');
      // The previous link of page 2 goes back to exactly page 1.
      const prev = /<a rel="prev" href="([^"]*)"/.exec(pages[1]!)![1]!;
      expect(villagesOf(await (await get(unescape(prev))).text())).toEqual(
        expectedOrder.slice(0, 10),
      );
    });

    it('25 a page by default; the stale villages first', async () => {
      const html = await (await get('')).text();
      expect(villagesOf(html)).toEqual(expectedOrder.slice(0, 25));
      expect(html).toContain('Halaman 1 dari 2');
      expect(html).toContain('25 per halaman');
    });

    it('answers bad paging parameters with 400 and a message in Bahasa Indonesia', async () => {
      for (const [query, message] of [
        ['?halaman=0', /halaman harus bilangan bulat/],
        ['?halaman=abc', /halaman harus bilangan bulat/],
        ['?halaman=1.5', /halaman harus bilangan bulat/],
        ['?halaman=-1', /halaman harus bilangan bulat/],
        ['?per=10&halaman=4', /halaman 4 tidak ada; hanya ada 3 halaman/],
        ['?per=4', /per harus bilangan bulat 5–100/],
        ['?per=101', /per harus bilangan bulat 5–100/],
        ['?per=x', /per harus bilangan bulat 5–100/],
      ] as const) {
        const response = await get(query);
        expect(response.status, query).toBe(400);
        expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
        expect(await response.text(), query).toMatch(message);
      }
    });
  });
});
