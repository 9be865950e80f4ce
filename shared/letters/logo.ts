// The regency logo in the letterhead: a data URL the village profile carries and every letter
// embeds (the archived HTML must look the same years later, whatever logo the regency uses then).
// Only PNG, JPEG or SVG, checked by their first bytes and not just by the declared type, and
// capped, because each letter carries a copy through sync on a village link.
import { z } from 'zod';
import { base64ToBytes, bytesToBase64 } from '../bytes/base64';

/** Characters of the whole data URL: about 36 kB of image. */
export const MAX_LOGO_DATA_URL = 48_000;

export const LOGO_TYPES = {
  'image/png': 'PNG',
  'image/jpeg': 'JPEG',
  'image/svg+xml': 'SVG',
} as const;
export type LogoType = keyof typeof LOGO_TYPES;

const DATA_URL = /^data:(image\/(?:png|jpeg|svg\+xml));base64,([A-Za-z0-9+/]+={0,2})$/;

/** Why this is not a usable logo, in Bahasa Indonesia, or null when it is one. */
export function logoProblem(dataUrl: string): string | null {
  if (dataUrl.length > MAX_LOGO_DATA_URL) {
    return `Logo terlalu besar (${Math.ceil(dataUrl.length / 1000)} ribu karakter; paling banyak ${MAX_LOGO_DATA_URL / 1000} ribu, sekitar 36 kB gambar).`;
  }
  const match = DATA_URL.exec(dataUrl);
  if (!match) return 'Logo harus gambar PNG, JPEG atau SVG (data URL base64).';
  const type = match[1] as LogoType;
  const unpadded = match[2]!.replace(/=+$/, '');
  const bytes = base64ToBytes(unpadded + '='.repeat((4 - (unpadded.length % 4)) % 4));
  if (!bytes || bytes.length === 0) return 'Isi logo bukan base64 yang sah.';
  if (!startsAs(type, bytes)) return `Isi logo bukan gambar ${LOGO_TYPES[type]}.`;
  return null;
}

function startsAs(type: LogoType, bytes: Uint8Array): boolean {
  if (type === 'image/png')
    return [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((b, i) => bytes[i] === b);
  if (type === 'image/jpeg') return bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
  // Latin-1 is enough to find the root element, and never fails on a cut multi-byte character.
  const head = String.fromCharCode(...bytes.slice(0, 2000));
  return /<svg[\s>]/.test(head);
}

export const logoDataUrlSchema = z.string().superRefine((value, ctx) => {
  const problem = logoProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

/** A logo file's bytes as a data URL, the type taken from its content; null for other files. */
export function logoDataUrl(bytes: Uint8Array): string | null {
  const type = (Object.keys(LOGO_TYPES) as LogoType[]).find((t) => startsAs(t, bytes));
  if (!type) return null;
  return `data:${type};base64,${bytesToBase64(bytes)}`;
}
