import { describe, expect, it } from 'vitest';
import { toBase64Url } from './bytes/base64';
import { utf8Encode } from './bytes/utf8';
import { generateVillageKey } from './letters/signing';
import type { VillageCode } from './village';
import { CONNECTION_CODE_PREFIX, connectionCodeOf, readConnectionCode } from './connection-code';

describe('a kiosk connection code', () => {
  it('carries the whole connection, and says in Bahasa what is wrong with a bad one', async () => {
    const { keyId, privateKey } = await generateVillageKey('k1-1');
    const connection = {
      url: 'https://sinkron.banglikab.go.id/',
      villageCode: '5106012001' as VillageCode,
      kioskId: 'k1',
      username: 'kiosk-5106012001-k1',
      password: 'p6RvFFmQI9FToJfaiR0OFiH9',
      letterKey: { keyId, privateKey },
    };
    const code = connectionCodeOf(connection);
    expect(code.startsWith(CONNECTION_CODE_PREFIX)).toBe(true);
    // A keyboard-wedge scanner types letters, digits, `-`, `_` and `:` the same on every layout.
    expect(code).toMatch(/^[A-Za-z0-9_:-]+$/);
    expect(readConnectionCode(`  ${code}\n`)).toEqual({ ok: true, value: connection });

    expect(readConnectionCode(code.slice(0, -7))).toMatchObject({
      ok: false,
      error: expect.stringMatching(/rusak atau terpotong/),
    });
    expect(readConnectionCode('https://sinkron.example/')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/harus diawali BALAI1:/),
    });
    const { letterKey: _, ...keyless } = connection;
    const noKey = CONNECTION_CODE_PREFIX + toBase64Url(utf8Encode(JSON.stringify(keyless)));
    expect(readConnectionCode(noKey)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^Kode koneksi tidak lengkap: /),
    });
  });
});
