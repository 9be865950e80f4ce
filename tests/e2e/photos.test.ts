// PhotoInput and PhotoStrip in Debian's Chromium, on a tiny host screen (photos-host/) over the
// kiosk's real database: a 4000×3000 camera-sized JPEG is stored as a ≤1280 px JPEG of a few
// hundred KB with the right hash; bad files get a message in Bahasa Indonesia and save nothing.
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import react from '@vitejs/plugin-react';
import type { BrowserContext, Page } from 'playwright-core';
import { build, preview, type PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_PATH, chromiumAvailable, launchKioskBrowser } from '../support/chromium';

if (!chromiumAvailable())
  console.warn(`Skipping photo end-to-end tests: no Chromium at ${CHROMIUM_PATH}.`);

let work = '';
let server: PreviewServer | null = null;
let browser: BrowserContext | null = null;
let page: Page;

beforeAll(async () => {
  if (!chromiumAvailable()) return;
  work = await mkdtemp(join(tmpdir(), 'balai-photos-'));
  const root = join(process.cwd(), 'tests/e2e/photos-host');
  const outDir = join(work, 'site');
  const config = {
    configFile: false as const,
    root,
    base: './',
    logLevel: 'warn' as const,
    plugins: [react()],
    build: { outDir, emptyOutDir: true, target: 'chrome120', chunkSizeWarningLimit: 4000 },
  };
  await build(config);
  server = await preview({ ...config, preview: { host: '127.0.0.1', port: 0 } });
  browser = await launchKioskBrowser(join(work, 'profile'));
  page = browser.pages()[0] ?? (await browser.newPage());
  page.on('pageerror', (err) => console.error('page error:', err.message));
  await page.goto(server.resolvedUrls!.local[0]!);
  await page.getByRole('heading', { name: 'Foto progres' }).waitFor();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.httpServer.close(resolve) ?? resolve(null));
  if (work) await rm(work, { recursive: true, force: true });
});

/** A camera-sized JPEG made in the page: sky, ground, shapes and sensor-like noise. */
async function cameraJpeg(width: number, height: number): Promise<Buffer> {
  const b64 = await page.evaluate(
    async ([w, h]) => {
      const canvas = new OffscreenCanvas(w!, h!);
      const g = canvas.getContext('2d')!;
      const sky = g.createLinearGradient(0, 0, 0, h!);
      sky.addColorStop(0, '#7fb2e5');
      sky.addColorStop(0.55, '#e8eef2');
      sky.addColorStop(0.56, '#6b5a3e');
      sky.addColorStop(1, '#3e3424');
      g.fillStyle = sky;
      g.fillRect(0, 0, w!, h!);
      let seed = 7;
      const rand = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
      for (let i = 0; i < 400; i++) {
        g.fillStyle = `hsl(${Math.floor(rand() * 360)} 40% ${30 + Math.floor(rand() * 40)}%)`;
        g.fillRect(rand() * w!, h! * 0.4 + rand() * h! * 0.6, 20 + rand() * 300, 20 + rand() * 200);
      }
      const noise = g.getImageData(0, 0, w!, h!);
      for (let i = 0; i < noise.data.length; i += 4) {
        const n = (rand() - 0.5) * 24;
        noise.data[i] = noise.data[i]! + n;
        noise.data[i + 1] = noise.data[i + 1]! + n;
        noise.data[i + 2] = noise.data[i + 2]! + n;
      }
      g.putImageData(noise, 0, 0);
      const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.92 });
      const bytes = new Uint8Array(await blob.arrayBuffer());
      let s = '';
      for (let i = 0; i < bytes.length; i += 0x8000)
        s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      return btoa(s);
    },
    [width, height],
  );
  return Buffer.from(b64, 'base64');
}

interface StoredPhoto {
  id: string;
  width: number;
  height: number;
  bytes: number;
  mime: string;
  sha256: string;
  data: string;
  refId: string;
  syncState: string;
}

function storedPhotos(): Promise<StoredPhoto[]> {
  return page.evaluate(async () => {
    const db = (
      window as unknown as {
        photoDb: { photos: { find(): { exec(): Promise<{ toJSON(): unknown }[]> } } };
      }
    ).photoDb;
    return (await db.photos.find().exec()).map((d) => d.toJSON()) as StoredPhoto[];
  });
}

const input = () => page.getByLabel('Foto', { exact: true });

describe.skipIf(!chromiumAvailable())('photos on the kiosk', () => {
  it('stores a 4000×3000 photo as a ≤1280 px JPEG of a few hundred KB, with its hash', async () => {
    const original = await cameraJpeg(4000, 3000);
    await input().setInputFiles({ name: 'IMG_0001.jpg', mimeType: 'image/jpeg', buffer: original });
    await page.getByText('1 foto tersimpan di kios ini.').waitFor();

    const [photo] = await storedPhotos();
    expect(photo).toMatchObject({
      width: 1280,
      height: 960,
      mime: 'image/jpeg',
      refId: 'progress:uji',
      syncState: 'pending',
    });
    const jpeg = Buffer.from(photo!.data, 'base64');
    expect(jpeg.length).toBe(photo!.bytes);
    expect([...jpeg.subarray(0, 2)]).toEqual([0xff, 0xd8]);
    expect(photo!.bytes).toBeLessThanOrEqual(400_000);
    expect(createHash('sha256').update(jpeg).digest('hex')).toBe(photo!.sha256);
    console.log(
      `A 4000×3000 JPEG of ${original.length} bytes was stored as 1280×960 in ${photo!.bytes} bytes.`,
    );

    // The strip shows it at its real size, and the photo not on this kiosk as not arrived.
    const img = page.getByRole('img', { name: 'Foto' });
    await img.waitFor();
    expect(await img.evaluate((el: HTMLImageElement) => el.naturalWidth)).toBe(1280);
    await expect(page.getByText('foto belum tiba').count()).resolves.toBe(1);
  });

  it('refuses a file that is not an image, a damaged one and a huge one, saving nothing', async () => {
    const before = (await storedPhotos()).length;
    const alert = page.getByRole('alert');

    await input().setInputFiles({
      name: 'catatan.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('bukan foto'),
    });
    await page.getByText(/catatan\.txt" bukan gambar/).waitFor();
    await expect(alert.textContent()).resolves.toMatch(/Tidak ada foto yang disimpan/);

    const damaged = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(5000, 7)]);
    const good = await cameraJpeg(1600, 1200);
    // A good photo chosen with a damaged one: all or nothing.
    await input().setInputFiles([
      { name: 'bagus.jpg', mimeType: 'image/jpeg', buffer: good },
      { name: 'rusak.jpg', mimeType: 'image/jpeg', buffer: damaged },
    ]);
    await page.getByText(/rusak\.jpg" rusak atau bukan gambar/).waitFor();

    const huge = Buffer.concat([Buffer.from([0xff, 0xd8]), Buffer.alloc(41 * 1024 * 1024)]);
    // 41 MB cross the DevTools protocol as base64: on a busy CPU that alone takes tens of seconds.
    await input().setInputFiles(
      { name: 'besar.jpg', mimeType: 'image/jpeg', buffer: huge },
      { timeout: 150_000 },
    );
    await page.getByText(/besar\.jpg" terlalu besar/).waitFor();

    expect((await storedPhotos()).length).toBe(before);
  }, 240_000);
});
