// Resident search with 20,000 residents (BENCH_RESIDENTS) in the kiosk's store, in the real
// renderer in Debian's Chromium. The residents are regency documents in the hub's village
// database and reach the kiosk the way they do in a village: pulled by its replicator. Then the
// operator's NIK and name fields are typed into, and each search is timed inside the page from
// the input event to the suggestions being on screen for that query (IndexedDB query + React
// render), p50/p95 in ms.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { villageDbName, type VillageCode } from '../../shared/village';
import { nameKey } from '../../shared/residents/local';
import { startBrowserKiosk } from '../../electron/host/browser-kiosk';
import { startHub } from '../../sync/hub/server';
import { provisionKiosk, provisionVillage } from '../../sync/provision/provision';
import { basicAuth, uniqueVillageCode } from '../support/couch-server';
import { chromiumAvailable, launchKioskBrowser } from '../support/chromium';
import { signInOnPage, setUpStaff } from '../support/kiosk-in-browser';
import { freePort } from '../support/ports';

const FIRST = [
  'Budi',
  'Siti',
  'Agus',
  'Dewi',
  'Made',
  'Wayan',
  'Nur',
  'Rina',
  'Joko',
  'Sri',
  'Eko',
  'Ani',
  'Hadi',
  'Yuni',
  'Bambang',
  'Lestari',
  'Putu',
  'Ketut',
  'Rahmat',
  'Indah',
];
const LAST = [
  'Santoso',
  'Aminah',
  'Wijaya',
  'Lestari',
  'Saputra',
  'Hidayat',
  'Susanto',
  'Rahayu',
  'Pratama',
  'Kusuma',
  'Setiawan',
  'Handayani',
  'Nugroho',
  'Wulandari',
  'Purnomo',
];

/** `count` register residents of a village as the regency's CouchDB holds them (with `_id`). */
export function generatedResidents(code: VillageCode, count: number) {
  const docs = [];
  for (let i = 0; i < count; i++) {
    const female = i % 2 === 1;
    const day = (i % 28) + 1 + (female ? 40 : 0);
    const month = (i % 12) + 1;
    const year = 40 + (i % 60);
    const nik = `3510${String(10 + (i % 24)).padStart(2, '0')}${String(day).padStart(2, '0')}${String(month).padStart(2, '0')}${String(year).padStart(2, '0')}${String((i % 9999) + 1).padStart(4, '0')}`;
    const name = `${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length) % LAST.length]} ${i}`;
    const id = `resident:${code}:${String(i).padStart(6, '0')}`;
    docs.push({
      _id: id,
      id,
      type: 'resident',
      villageCode: code,
      kioskId: 'kabupaten',
      createdAt: '2026-11-01T00:00:00.000Z',
      updatedAt: '2026-11-01T00:00:00.000Z',
      nik,
      kkNumber: `3510${String(100000000000 + Math.floor(i / 4))}`,
      name,
      nameKey: nameKey(name),
      birthPlace: 'Banyuwangi',
      birthDate: `19${String(year).padStart(2, '0')}-${String(month).padStart(2, '0')}-${String(day - (female ? 40 : 0)).padStart(2, '0')}`,
      sex: female ? 'P' : 'L',
      religion: 'Islam',
      maritalStatus: 'Kawin',
      familyRelation: i % 4 === 0 ? 'Kepala Keluarga' : 'Anggota',
      education: 'SLTA',
      occupation: 'Petani',
      nationality: 'WNI',
      dusun: 'Krajan',
      rw: String((i % 5) + 1),
      rt: String((i % 9) + 1),
      status: 'living',
      corrects: null,
    });
  }
  return docs;
}

function percentile(sorted: number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return Math.round(sorted[Math.max(0, i)]! * 10) / 10;
}

/** Types `query` into the field and waits for the suggestions of exactly that query. */
function timedSearch(page: Page, field: string, query: string): Promise<number> {
  return page.evaluate(
    ([field, query]) =>
      new Promise<number>((resolve, reject) => {
        const input = document.getElementById(field) as HTMLInputElement;
        const list = document.querySelector('[data-testid="resident-suggestions"]')!;
        const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
        const timer = setTimeout(() => reject(new Error(`no answer for ${query}`)), 5000);
        const observer = new MutationObserver(() => {
          if (list.getAttribute('data-query') === query && list.children.length > 0) {
            const ms = performance.now() - start;
            observer.disconnect();
            clearTimeout(timer);
            resolve(ms);
          }
        });
        observer.observe(list, { attributes: true, childList: true, subtree: true });
        const start = performance.now();
        setValue.call(input, query);
        input.dispatchEvent(new Event('input', { bubbles: true }));
      }),
    [field, query] as const,
  );
}

function clear(page: Page, field: string): Promise<void> {
  return page.evaluate((f) => {
    const input = document.getElementById(f) as HTMLInputElement;
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, '');
    input.dispatchEvent(new Event('input', { bubbles: true }));
  }, field);
}

export async function bench(): Promise<object> {
  if (!chromiumAvailable()) return { skipped: 'no Chromium at /usr/bin/chromium' };
  const count = Number(process.env.BENCH_RESIDENTS ?? 20_000);
  const runs = Number(process.env.BENCH_SEARCHES ?? 200);
  const work = await mkdtemp(join(tmpdir(), 'balai-bench-search-'));
  const admin = { username: 'admin', password: 'bench-admin' };
  const hub = await startHub({ port: await freePort(), dataDir: join(work, 'hub'), admin });
  const code = uniqueVillageCode();
  const login = { url: hub.url, ...admin };
  await provisionVillage(login, { villageCode: code });
  await provisionKiosk(login, { villageCode: code, kioskId: 'k1', password: 'bench-kiosk' });
  const docs = generatedResidents(code, count);
  for (let i = 0; i < docs.length; i += 1000) {
    const res = await fetch(`${hub.url}${villageDbName(code)}/_bulk_docs`, {
      method: 'POST',
      headers: {
        Authorization: basicAuth(admin.username, admin.password),
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({ docs: docs.slice(i, i + 1000) }),
    });
    if (res.status !== 201) throw new Error(`seeding: ${res.status} ${await res.text()}`);
  }
  const kiosk = await startBrowserKiosk({
    port: await freePort(),
    dataDir: join(work, 'kiosk'),
    rendererDir: join(process.cwd(), 'dist/renderer'),
    env: {
      BALAI_VILLAGE_CODE: code,
      BALAI_KIOSK_ID: 'k1',
      BALAI_REGENCY_URL: hub.url,
      BALAI_REGENCY_USER: `kiosk-${code}-k1`,
      BALAI_REGENCY_PASSWORD: 'bench-kiosk',
    },
  });
  await setUpStaff(kiosk, { villageCode: code, kioskId: 'k1' });
  const browser = await launchKioskBrowser(join(work, 'chromium-profile'));
  try {
    const page = browser.pages()[0] ?? (await browser.newPage());
    page.on('pageerror', (err) => console.error('page error:', err.message));
    page.on('crash', () => console.error('page crashed'));
    const pullStart = Date.now();
    await page.goto(kiosk.launchUrl());
    await signInOnPage(page, 'operator');
    await page.getByRole('heading', { name: 'Layanan Surat' }).waitFor();
    // Pulled when the last resident is found by its NIK.
    const last = docs[docs.length - 1]!;
    for (;;) {
      const ms = await timedSearch(page, 'request-nik', last.nik).catch(() => null);
      if (ms !== null) break;
      if (Date.now() - pullStart > 600_000) throw new Error('pull did not finish');
      await clear(page, 'request-nik');
      await page.waitForTimeout(500);
    }
    const pullSeconds = (Date.now() - pullStart) / 1000;
    console.log(`${count} residents pulled into the kiosk in ${pullSeconds.toFixed(1)} s`);

    const measure = async (field: string, queries: string[]) => {
      const times: number[] = [];
      // Clear between queries so each one is a fresh answer.
      for (const q of queries) {
        times.push(await timedSearch(page, field, q));
        await page.evaluate((f) => {
          const input = document.getElementById(f) as HTMLInputElement;
          Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(
            input,
            '',
          );
          input.dispatchEvent(new Event('input', { bubbles: true }));
        }, field);
      }
      times.sort((a, b) => a - b);
      return {
        runs: times.length,
        p50: percentile(times, 50),
        p95: percentile(times, 95),
        max: percentile(times, 100),
      };
    };
    const pick = (i: number) => docs[(i * 7919) % docs.length]!;
    const nikQueries = Array.from({ length: runs }, (_, i) => pick(i).nik.slice(0, 4 + (i % 9)));
    const nameQueries = Array.from({ length: runs }, (_, i) =>
      pick(i).nameKey.slice(0, 2 + (i % 8)),
    );
    const byNik = await measure('request-nik', nikQueries);
    console.log('search by NIK prefix (ms):', byNik);
    const byName = await measure('request-name', nameQueries);
    console.log('search by name prefix (ms):', byName);
    return { residents: count, pullSeconds, byNikPrefix: byNik, byNamePrefix: byName };
  } finally {
    await browser.close();
    await kiosk.close();
    await hub.close();
    await rm(work, { recursive: true, force: true });
  }
}
