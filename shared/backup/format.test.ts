import { describe, expect, it } from 'vitest';
import { COLLECTION_NAMES } from '../documents/collections';
import { requestFromForm } from '../documents/request-form';
import { createIdGenerator } from '../ids';
import { fromBase64Url, toBase64Url } from '../bytes/base64';
import { createBackup, openBackup, readBackupHeader, type StoredDocument } from './format';
import { restoreTargetFor, schemaVersions } from './target';

const VILLAGE = '3510992001';
const PASS = 'kunci cadangan desa 2026';
const author = { villageCode: VILLAGE, kioskId: 'k1', ids: createIdGenerator(VILLAGE, 'k1') };

function storedRequest(name: string, rev: string): StoredDocument {
  const made = requestFromForm(
    { nik: '3510175708450002', name, serviceType: 'domisili', purpose: 'Melamar kerja' },
    author,
    new Date(2026, 10, 28, 9, 30),
  );
  if (!made.ok) throw new Error('fixture request is invalid');
  return {
    ...made.doc,
    syncState: 'pending',
    couchRev: '',
    syncError: '',
    _rev: rev,
    _meta: { lwt: 1764300000000.01 },
    _deleted: false,
    _attachments: {},
  } as StoredDocument;
}

const collections = Object.fromEntries(COLLECTION_NAMES.map((n) => [n, [] as StoredDocument[]]));
collections.requests = [
  storedRequest('Siti Aminah', '1-abc'),
  storedRequest('Budi Santoso', '3-def'),
];

const source = {
  villageCode: VILLAGE,
  kioskId: 'k1',
  createdAt: '2026-11-28T09:30:00.000Z',
  appVersion: '0.1.0',
  schemaVersions: schemaVersions(),
  collections,
};

const made = createBackup(source, PASS);

/** The file with one character of line `line` changed at `at` (to another valid character). */
function flip(text: string, line: number, at: number): string {
  const lines = text.split('\n');
  const target = lines[line]!;
  const c = target[at]!;
  const swapped = c === 'A' ? 'B' : c === '1' ? '2' : c === '"' ? "'" : 'A';
  lines[line] = target.slice(0, at) + swapped + target.slice(at + 1);
  return lines.join('\n');
}

describe('backup file', () => {
  it('round-trips every document byte for byte, revisions and sync state included', async () => {
    const opened = await openBackup(await made, PASS, restoreTargetFor(VILLAGE));
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    expect(opened.content.collections).toEqual(collections);
    expect(JSON.stringify(opened.content.collections.requests)).toBe(
      JSON.stringify(collections.requests),
    );
    expect(opened.content.manifest).toMatchObject({
      villageCode: VILLAGE,
      kioskId: 'k1',
      counts: { requests: 2, letters: 0 },
    });
  });

  it('is encrypted: no document text is readable in the file', async () => {
    const text = await made;
    expect(text).not.toContain('Siti');
    expect(text).not.toContain('3510175708450002');
    expect(readBackupHeader(text)?.kdf.iterations).toBeGreaterThanOrEqual(600_000);
  });

  it('refuses a wrong passphrase', async () => {
    const opened = await openBackup(
      await made,
      'kata sandi lain sekali',
      restoreTargetFor(VILLAGE),
    );
    expect(opened).toEqual({
      ok: false,
      message: expect.stringMatching(/Kata sandi cadangan salah/),
    });
  });

  it('refuses a backup of another village before decrypting it', async () => {
    const opened = await openBackup(await made, PASS, restoreTargetFor('3510992002'));
    expect(opened).toEqual({ ok: false, message: expect.stringMatching(/milik desa 3510992001/) });
  });

  it('refuses a change in the magic line, the header, the ciphertext or the tag', async () => {
    const text = await made;
    const [, header, body] = text.split('\n') as [string, string, string];
    // The header's kiosk id and creation time are not checked against anything but the tag.
    const kioskAt = header.indexOf('"k1"') + 2;
    const timeAt = header.indexOf('09:30') + 1;
    const cases = {
      magic: flip(text, 0, 3),
      headerKiosk: flip(text, 1, kioskAt),
      headerTime: flip(text, 1, timeAt),
      ciphertext: flip(text, 2, 10),
      tag: flip(text, 2, body.length - 3),
      truncated: text.replace(body, body.slice(0, -8)),
    };
    for (const [region, tampered] of Object.entries(cases)) {
      expect(tampered, region).not.toBe(text);
      const opened = await openBackup(tampered, PASS, restoreTargetFor(VILLAGE));
      expect(opened.ok, region).toBe(false);
      if (!opened.ok) expect(opened.message, region).toMatch(/tidak dipulihkan|bukan cadangan/);
    }
  });

  it('refuses a header re-sealed with a downgraded key derivation', async () => {
    const text = await made;
    const weak = text.replace('"iterations":600000', '"iterations":1000');
    expect((await openBackup(weak, PASS, restoreTargetFor(VILLAGE))).ok).toBe(false);
  });

  it('refuses content whose documents do not match their schema, even when properly encrypted', async () => {
    const bad = storedRequest('Siti Aminah', '1-abc');
    bad.residentNik = '12345';
    const text = await createBackup(
      { ...source, collections: { ...collections, requests: [bad] } },
      PASS,
    );
    const opened = await openBackup(text, PASS, restoreTargetFor(VILLAGE));
    expect(opened).toEqual({
      ok: false,
      message: expect.stringMatching(/tidak sah \(residentNik/),
    });
  });

  it('refuses a document in the wrong collection and a duplicate id', async () => {
    const doc = storedRequest('Siti Aminah', '1-abc');
    const misplaced = await createBackup(
      { ...source, collections: { ...collections, requests: [], letters: [doc] } },
      PASS,
    );
    expect(await openBackup(misplaced, PASS, restoreTargetFor(VILLAGE))).toMatchObject({
      ok: false,
      message: expect.stringMatching(/tidak termasuk koleksi letters/),
    });
    const twice = await createBackup(
      { ...source, collections: { ...collections, requests: [doc, doc] } },
      PASS,
    );
    expect(await openBackup(twice, PASS, restoreTargetFor(VILLAGE))).toMatchObject({
      ok: false,
      message: expect.stringMatching(/dua kali/),
    });
  });

  it('refuses a backup made with other schema versions', async () => {
    const text = await createBackup(
      { ...source, schemaVersions: { ...source.schemaVersions, requests: 0 } },
      PASS,
    );
    expect(await openBackup(text, PASS, restoreTargetFor(VILLAGE))).toMatchObject({
      ok: false,
      message: expect.stringMatching(/versi aplikasi lain/),
    });
  });

  it('keeps base64url intact for the ciphertext line', async () => {
    const body = (await made).split('\n')[2]!;
    expect(toBase64Url(fromBase64Url(body)!)).toBe(body);
  });
});
