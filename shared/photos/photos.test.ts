// The photo document's pure parts: base64 both ways, the hash check a pulling kiosk makes, the
// schema's limits, and the EXIF facts (time and GPS) read from a camera's JPEG header.
import { describe, expect, it } from 'vitest';
import { PHOTO_MAX_BYTES, photoDocSchema } from '../documents/photo';
import { createIdGenerator } from '../ids';
import { base64ToBytes, bytesToBase64 } from '../bytes/base64';
import { readExif } from './exif';
import { buildPhotoDoc, photoIsIntact } from './photo-doc';

const author = {
  villageCode: '3510992001',
  kioskId: 'k1',
  ids: createIdGenerator('3510992001', 'k1'),
};
const at = '2026-11-28T08:00:00.000Z';
const jpegOf = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i * 131 + 7) % 256);
const photo = (jpeg: Uint8Array) => ({
  jpeg,
  width: 1280,
  height: 960,
  takenAt: at,
  caption: ' Jalan ',
});

/** The platform's own encoder (btoa), which shared/ cannot use. */
const platformBase64 = (bytes: Uint8Array) =>
  (globalThis as unknown as { btoa(s: string): string }).btoa(String.fromCharCode(...bytes));

describe('base64', () => {
  it('round-trips every length and byte value, as the platform encodes it', () => {
    for (const n of [0, 1, 2, 3, 4, 5, 255, 256, 12_289]) {
      const bytes = jpegOf(n);
      const b64 = bytesToBase64(bytes);
      expect(b64).toBe(platformBase64(bytes));
      expect(base64ToBytes(b64)).toEqual(bytes);
    }
  });

  it('refuses what is not base64', () => {
    expect(base64ToBytes('abc')).toBeNull();
    expect(base64ToBytes('ab!d')).toBeNull();
    expect(base64ToBytes('a=bc')).toBeNull();
  });
});

describe('a photo document', () => {
  it('is built with its size and hash, and checks out when intact', async () => {
    const built = await buildPhotoDoc('progress:1', photo(jpegOf(5000)), author, at);
    if (!built.ok) throw new Error(built.message);
    expect(built.doc).toMatchObject({
      type: 'photo',
      bytes: 5000,
      caption: 'Jalan',
      mime: 'image/jpeg',
    });
    expect(built.doc.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(await photoIsIntact(built.doc)).toBe(true);
  });

  it('does not check out when a byte changed, or its size does not match', async () => {
    const built = await buildPhotoDoc('progress:1', photo(jpegOf(300)), author, at);
    if (!built.ok) throw new Error(built.message);
    const data = built.doc.data;
    const flipped = (data[10] === 'A' ? 'B' : 'A') + '';
    expect(
      await photoIsIntact({ ...built.doc, data: data.slice(0, 10) + flipped + data.slice(11) }),
    ).toBe(false);
    expect(await photoIsIntact({ ...built.doc, bytes: 299 })).toBe(false);
    expect(await photoIsIntact({ ...built.doc, sha256: 'z' })).toBe(false);
  });

  it('is refused with a message when too large or too wide, or its location is off the globe', async () => {
    const big = await buildPhotoDoc('progress:1', photo(jpegOf(PHOTO_MAX_BYTES + 1)), author, at);
    expect(big).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^Foto tidak dapat disimpan/),
    });
    const wide = await buildPhotoDoc(
      'progress:1',
      { ...photo(jpegOf(10)), width: 4000 },
      author,
      at,
    );
    expect(wide.ok).toBe(false);
    const lost = await buildPhotoDoc(
      'progress:1',
      { ...photo(jpegOf(10)), location: { lat: -8.2, lon: 200 } },
      author,
      at,
    );
    expect(lost.ok).toBe(false);
  });

  it('must have a data size that matches `bytes`', async () => {
    const built = await buildPhotoDoc('progress:1', photo(jpegOf(30)), author, at);
    if (!built.ok) throw new Error(built.message);
    expect(photoDocSchema.safeParse({ ...built.doc, bytes: 31 }).success).toBe(false);
  });
});

/** A JPEG header with an EXIF block: DateTimeOriginal and GPS, in the given byte order. */
function exifJpeg(little: boolean): Uint8Array {
  const tiff = new DataView(new ArrayBuffer(400));
  const u16 = (o: number, v: number) => tiff.setUint16(o, v, little);
  const u32 = (o: number, v: number) => tiff.setUint32(o, v, little);
  tiff.setUint16(0, little ? 0x4949 : 0x4d4d);
  u16(2, 42);
  u32(4, 8);
  /** One 12-byte IFD entry: tag, type, count, value or offset. */
  const entry = (at: number, tag: number, type: number, count: number, value: number) => {
    u16(at, tag);
    u16(at + 2, type);
    u32(at + 4, count);
    u32(at + 8, value);
  };
  // IFD0 at 8: two entries, the Exif IFD at 50 and the GPS IFD at 100.
  u16(8, 2);
  entry(10, 0x8769, 4, 1, 50);
  entry(22, 0x8825, 4, 1, 100);
  // Exif IFD at 50: DateTimeOriginal, 20 ASCII bytes at 200.
  u16(50, 1);
  entry(52, 0x9003, 2, 20, 200);
  const taken = '2026:11:28 07:15:30';
  for (let i = 0; i < taken.length; i++) tiff.setUint8(200 + i, taken.charCodeAt(i));
  // GPS IFD at 100: S 8° 13' 9.12", E 114° 22' 8.76".
  u16(100, 4);
  entry(102, 1, 2, 2, 0);
  tiff.setUint8(110, 'S'.charCodeAt(0));
  entry(114, 2, 5, 3, 250);
  entry(126, 3, 2, 2, 0);
  tiff.setUint8(134, 'E'.charCodeAt(0));
  entry(138, 4, 5, 3, 300);
  const rationals = (at: number, values: [number, number][]) =>
    values.forEach(([n, d], i) => {
      u32(at + i * 8, n);
      u32(at + i * 8 + 4, d);
    });
  rationals(250, [
    [8, 1],
    [13, 1],
    [912, 100],
  ]);
  rationals(300, [
    [114, 1],
    [22, 1],
    [876, 100],
  ]);

  const app1 = new Uint8Array(10 + 400);
  const head = new DataView(app1.buffer);
  head.setUint16(0, 0xffe1);
  head.setUint16(2, 8 + 400);
  app1.set([0x45, 0x78, 0x69, 0x66, 0, 0], 4);
  app1.set(new Uint8Array(tiff.buffer), 10);
  return Uint8Array.from([0xff, 0xd8, ...app1, 0xff, 0xda, 0, 2, 0xff, 0xd9]);
}

describe('EXIF', () => {
  it('reads when and where a photo was taken, in either byte order', () => {
    for (const little of [true, false]) {
      const facts = readExif(exifJpeg(little));
      expect(facts.takenAt).toBe('2026-11-28T07:15:30');
      expect(facts.location!.lat).toBeCloseTo(-(8 + 13 / 60 + 9.12 / 3600), 6);
      expect(facts.location!.lon).toBeCloseTo(114 + 22 / 60 + 8.76 / 3600, 6);
    }
  });

  it('finds nothing, without failing, in a JPEG without EXIF or in garbage', () => {
    expect(readExif(Uint8Array.from([0xff, 0xd8, 0xff, 0xda, 0, 2]))).toEqual({});
    expect(readExif(Uint8Array.from([1, 2, 3]))).toEqual({});
    const cut = exifJpeg(true).slice(0, 60);
    expect(readExif(cut)).toEqual({});
  });
});
