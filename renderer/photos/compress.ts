// From a file the camera or the disk gave us to a small JPEG: decode (createImageBitmap, which
// also applies the EXIF orientation), scale the long side down to PHOTO_LONG_SIDE, encode as JPEG
// on an OffscreenCanvas where the browser has one (a plain canvas otherwise), and step the
// quality down until it fits PHOTO_MAX_BYTES. Every failure is a message for staff.
import { PHOTO_LONG_SIDE, PHOTO_MAX_BYTES } from '../../shared/documents/photo';

/** Files larger than this are refused before decoding: no camera photo is near it. */
export const PHOTO_MAX_INPUT_BYTES = 40 * 1024 * 1024;
const QUALITIES = [0.82, 0.7, 0.55, 0.4];

export interface CompressedPhoto {
  jpeg: Uint8Array;
  width: number;
  height: number;
}

export class PhotoError extends Error {}

/** The target size: the long side at most PHOTO_LONG_SIDE, the aspect ratio kept. */
export function fitLongSide(width: number, height: number): { width: number; height: number } {
  const scale = Math.min(1, PHOTO_LONG_SIDE / Math.max(width, height));
  return {
    width: Math.max(1, Math.round(width * scale)),
    height: Math.max(1, Math.round(height * scale)),
  };
}

export async function compressPhoto(file: File): Promise<CompressedPhoto> {
  if (file.type && !file.type.startsWith('image/')) {
    throw new PhotoError(`Berkas "${file.name}" bukan gambar. Pilih foto (JPEG atau PNG).`);
  }
  if (file.size > PHOTO_MAX_INPUT_BYTES) {
    throw new PhotoError(
      `Berkas "${file.name}" terlalu besar (${Math.round(file.size / 1024 / 1024)} MB; paling besar 40 MB).`,
    );
  }
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    throw new PhotoError(`Berkas "${file.name}" rusak atau bukan gambar.`);
  }
  try {
    const size = fitLongSide(bitmap.width, bitmap.height);
    const draw = makeCanvas(size.width, size.height);
    draw.context.drawImage(bitmap, 0, 0, size.width, size.height);
    for (const quality of QUALITIES) {
      const blob = await draw.toJpeg(quality);
      if (blob.type !== 'image/jpeg') {
        throw new PhotoError('Peramban ini tidak dapat membuat JPEG.');
      }
      if (blob.size <= PHOTO_MAX_BYTES) {
        return { jpeg: new Uint8Array(await blob.arrayBuffer()), ...size };
      }
    }
    throw new PhotoError(`Foto "${file.name}" tetap terlalu besar setelah diperkecil.`);
  } finally {
    bitmap.close();
  }
}

interface Canvas2D {
  context: OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D;
  toJpeg(quality: number): Promise<Blob>;
}

function makeCanvas(width: number, height: number): Canvas2D {
  if (typeof OffscreenCanvas !== 'undefined') {
    const canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext('2d');
    if (context) {
      return {
        context,
        toJpeg: (quality) => canvas.convertToBlob({ type: 'image/jpeg', quality }),
      };
    }
  }
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  if (!context) throw new PhotoError('Peramban ini tidak dapat mengolah gambar.');
  return {
    context,
    toJpeg: (quality) =>
      new Promise((resolve, reject) =>
        canvas.toBlob(
          (blob) => (blob ? resolve(blob) : reject(new PhotoError('Gagal membuat JPEG.'))),
          'image/jpeg',
          quality,
        ),
      ),
  };
}
