// The two things a camera's EXIF block tells us cheaply: when the photo was taken and where (GPS).
// Only the JPEG's APP1 segment is read; anything unexpected means "no EXIF", never an error —
// the photo is kept either way.
import type { PhotoLocation } from '../documents/photo';

export interface ExifFacts {
  /** `YYYY-MM-DDTHH:MM:SS` in the camera's local time (EXIF has no zone). */
  takenAt?: string;
  location?: PhotoLocation;
}

const TAG_EXIF_IFD = 0x8769;
const TAG_GPS_IFD = 0x8825;
const TAG_DATE_TIME_ORIGINAL = 0x9003;
const GPS_LAT_REF = 1;
const GPS_LAT = 2;
const GPS_LON_REF = 3;
const GPS_LON = 4;

export function readExif(jpeg: Uint8Array): ExifFacts {
  try {
    const tiff = findExifTiff(jpeg);
    return tiff ? readTiff(tiff) : {};
  } catch {
    return {};
  }
}

/** The TIFF block inside the APP1 "Exif" segment, or null. */
function findExifTiff(bytes: Uint8Array): DataView | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint16(0) !== 0xffd8) return null;
  let at = 2;
  while (at + 4 <= bytes.length) {
    const marker = view.getUint16(at);
    if ((marker & 0xff00) !== 0xff00 || marker === 0xffda) return null; // start of scan: no EXIF
    const length = view.getUint16(at + 2);
    const isExif =
      marker === 0xffe1 &&
      view.getUint32(at + 4) === 0x45786966 && // "Exif"
      view.getUint16(at + 8) === 0;
    if (isExif) {
      const start = at + 10;
      return new DataView(bytes.buffer, bytes.byteOffset + start, length - 8);
    }
    at += 2 + length;
  }
  return null;
}

function readTiff(tiff: DataView): ExifFacts {
  const little = tiff.getUint16(0) === 0x4949;
  const u16 = (o: number) => tiff.getUint16(o, little);
  const u32 = (o: number) => tiff.getUint32(o, little);
  if (u16(2) !== 42) return {};

  function entries(ifd: number): Map<number, { type: number; count: number; at: number }> {
    const found = new Map<number, { type: number; count: number; at: number }>();
    const n = u16(ifd);
    for (let i = 0; i < n; i++) {
      const e = ifd + 2 + i * 12;
      found.set(u16(e), { type: u16(e + 2), count: u32(e + 4), at: e + 8 });
    }
    return found;
  }
  const ascii = (entry: { count: number; at: number } | undefined) => {
    if (!entry) return '';
    const at = entry.count > 4 ? u32(entry.at) : entry.at;
    let s = '';
    for (let i = 0; i < entry.count; i++) {
      const c = tiff.getUint8(at + i);
      if (c === 0) break;
      s += String.fromCharCode(c);
    }
    return s;
  };
  const degrees = (entry: { type: number; count: number; at: number } | undefined) => {
    if (!entry || entry.type !== 5 || entry.count !== 3) return null;
    const at = u32(entry.at);
    const part = (i: number) => u32(at + i * 8) / u32(at + i * 8 + 4);
    const value = part(0) + part(1) / 60 + part(2) / 3600;
    return Number.isFinite(value) ? value : null;
  };

  const facts: ExifFacts = {};
  const ifd0 = entries(u32(4));
  const exifIfd = ifd0.get(TAG_EXIF_IFD);
  if (exifIfd) {
    const taken = ascii(entries(u32(exifIfd.at)).get(TAG_DATE_TIME_ORIGINAL));
    const m = /^(\d{4}):(\d{2}):(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(taken);
    if (m) facts.takenAt = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}`;
  }
  const gpsIfd = ifd0.get(TAG_GPS_IFD);
  if (gpsIfd) {
    const gps = entries(u32(gpsIfd.at));
    const lat = degrees(gps.get(GPS_LAT));
    const lon = degrees(gps.get(GPS_LON));
    if (lat !== null && lon !== null && lat <= 90 && lon <= 180) {
      facts.location = {
        lat: ascii(gps.get(GPS_LAT_REF)) === 'S' ? -lat : lat,
        lon: ascii(gps.get(GPS_LON_REF)) === 'W' ? -lon : lon,
      };
    }
  }
  return facts;
}
