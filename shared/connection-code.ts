// A kiosk's whole connection as one line of text: what the regency's printed sheet shows as a QR
// and as text (decision 0023), and what the setup wizard takes from a scanner that types or from
// the keyboard. `BALAI1:` and the connection as JSON in base64url: only characters a keyboard
// wedge types the same on every layout.
import { z } from 'zod';
import { fromBase64Url, toBase64Url } from './bytes/base64';
import { utf8Decode, utf8Encode } from './bytes/utf8';
import { kioskIdSchema, letterKeySchema, regencyConnectionSchema, villageCodeSchema } from './ipc';

export const CONNECTION_CODE_PREFIX = 'BALAI1:';

export const kioskConnectionCodeSchema = regencyConnectionSchema.extend({
  villageCode: villageCodeSchema,
  kioskId: kioskIdSchema,
  letterKey: letterKeySchema,
});
export type KioskConnectionCode = z.infer<typeof kioskConnectionCodeSchema>;

export function connectionCodeOf(connection: KioskConnectionCode): string {
  const { url, villageCode, kioskId, username, password, letterKey } = connection;
  const json = JSON.stringify({ url, villageCode, kioskId, username, password, letterKey });
  return CONNECTION_CODE_PREFIX + toBase64Url(utf8Encode(json));
}

export type ConnectionCodeReading =
  { ok: true; value: KioskConnectionCode } | { ok: false; error: string };

/** The connection in a code as typed or scanned, or what is wrong with it, in Bahasa. */
export function readConnectionCode(text: string): ConnectionCodeReading {
  const code = text.trim();
  if (!code.toUpperCase().startsWith(CONNECTION_CODE_PREFIX)) {
    return { ok: false, error: `Kode koneksi harus diawali ${CONNECTION_CODE_PREFIX}` };
  }
  const bytes = fromBase64Url(code.slice(CONNECTION_CODE_PREFIX.length));
  let json: unknown;
  try {
    json = bytes ? JSON.parse(utf8Decode(bytes)) : undefined;
  } catch {
    json = undefined;
  }
  if (json === undefined) {
    return {
      ok: false,
      error: 'Kode koneksi rusak atau terpotong; pindai atau ketik ulang dari lembar kabupaten.',
    };
  }
  const parsed = kioskConnectionCodeSchema.safeParse(json);
  if (!parsed.success) {
    return {
      ok: false,
      error: `Kode koneksi tidak lengkap: ${parsed.error.issues[0]?.message ?? 'isi tidak sah'}`,
    };
  }
  return { ok: true, value: parsed.data };
}
