import { beforeAll, describe, expect, it } from 'vitest';
import type { LetterDoc } from '../documents/letter';
import { takeStep, type RequestEvent } from '../requests/workflow';
import { certifyLetter, qrPayloadOf } from './certify';
import { fromBase64Url, toBase64Url } from '../bytes/base64';
import { utf8Decode, utf8Encode } from '../bytes/utf8';
import {
  CLAIM_KEYS,
  generateVillageKey,
  importSigningKey,
  parsePayload,
  sha256Base64Url,
  type VillageKeyPair,
} from './signing';
import { verifyLetter, type PublishedKeys } from './verify';

let ours: VillageKeyPair;
let theirs: VillageKeyPair;
let keys: PublishedKeys;
const TEXT = 'SURAT KETERANGAN DOMISILI\nNomor: 470/007-K1/35.10.17.2001/XI/2026\n…';

function events(upTo: 'checked' | 'approved'): RequestEvent[] {
  let log: RequestEvent[] = [];
  const at = new Date('2026-11-28T02:00:00Z');
  const steps: [RequestEvent['step'], RequestEvent['role']][] = [
    ['received', 'operator'],
    ['checked', 'operator'],
    ['approved', 'sekretaris'],
  ];
  for (const [step, role] of steps) {
    const r = takeStep(log, step, { name: 'Rina', role, kioskId: 'k1' }, at);
    if (!r.ok) throw new Error(r.reason);
    log = r.events;
    if (step === upTo) break;
  }
  return log;
}

async function letter(): Promise<LetterDoc> {
  return {
    id: 'letter:x',
    type: 'letter',
    villageCode: '3510172001',
    kioskId: 'k1',
    createdAt: '2026-11-28T02:00:00.000Z',
    updatedAt: '2026-11-28T02:00:00.000Z',
    requestId: 'request:x',
    letterType: 'domisili',
    number: '470/007-K1/35.10.17.2001/XI/2026',
    series: '2026',
    serial: 7,
    issuedOn: '2026-11-28',
    subjectNik: '3510171708450001',
    subjectName: 'Budi Santoso',
    signerName: 'Ahmad Zuhri',
    signerPosition: 'Sekretaris Desa',
    snapshot: {},
    html: '',
    textHash: await sha256Base64Url(TEXT),
    signedPayload: '',
    reprints: [],
    status: 'issued',
  };
}

beforeAll(async () => {
  ours = await generateVillageKey('2026-1');
  theirs = await generateVillageKey('2026-1');
  keys = {
    '3510172001': { [ours.keyId]: ours.publicKey },
    '3510172002': { [theirs.keyId]: theirs.publicKey },
  };
});

async function signed(): Promise<string> {
  return certifyLetter({ events: events('approved') }, await letter(), {
    keyId: ours.keyId,
    privateKey: await importSigningKey(ours.privateKey),
  });
}

/** The payload with one character of one claim changed, the signature kept. */
function tamper(payload: string, index: number): string {
  const [, body, sig] = payload.split('.');
  const lines = utf8Decode(fromBase64Url(body!)!).split('\n');
  const v = lines[index]!;
  const c = v.at(-1) === '1' ? '2' : '1';
  lines[index] = v.slice(0, -1) + c;
  return `B1.${toBase64Url(utf8Encode(lines.join('\n')))}.${sig}`;
}

describe('signed letters', () => {
  it('base64url round-trips', () => {
    for (const n of [0, 1, 2, 3, 31, 32, 64]) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 37) & 255);
      expect(fromBase64Url(toBase64Url(bytes))).toEqual(bytes);
    }
  });

  it('a signed letter verifies, offline, with its text', async () => {
    const payload = await signed();
    expect(payload.length).toBeLessThan(500); // fits a QR a phone reads off paper
    const v = await verifyLetter(payload, keys, TEXT);
    expect(v).toMatchObject({ verdict: 'valid', textMatches: true });
    expect(v.claims?.number).toBe('470/007-K1/35.10.17.2001/XI/2026');
    expect(await verifyLetter(payload, keys, `${TEXT}x`)).toMatchObject({ verdict: 'tampered' });
  });

  it('changing one character of any signed field fails', async () => {
    const payload = await signed();
    for (const [i, key] of CLAIM_KEYS.entries()) {
      const v = await verifyLetter(tamper(payload, i), keys);
      expect([key, v.verdict]).not.toEqual([key, 'valid']);
    }
    // And of the signature itself.
    const flipped = payload.slice(0, -2) + (payload.at(-2) === 'A' ? 'B' : 'A') + payload.at(-1);
    expect((await verifyLetter(flipped, keys)).verdict).not.toBe('valid');
    expect((await verifyLetter('B1.rubbish', keys)).verdict).toBe('tampered');
  });

  it('a letter signed with another village’s key is reported as such', async () => {
    const forged = await certifyLetter({ events: events('approved') }, await letter(), {
      keyId: ours.keyId,
      privateKey: await importSigningKey(theirs.privateKey),
    });
    expect(await verifyLetter(forged, keys)).toMatchObject({
      verdict: 'unknown-signer',
      signedBy: '3510172002',
    });
    const { [ours.keyId]: _, ...none } = keys['3510172001']!;
    expect(await verifyLetter(await signed(), { ...keys, '3510172001': none })).toMatchObject({
      verdict: 'unknown-signer',
    });
  });

  it('no signature, no QR and no "valid" before approval', async () => {
    const l = await letter();
    const key = { keyId: ours.keyId, privateKey: await importSigningKey(ours.privateKey) };
    await expect(certifyLetter({ events: events('checked') }, l, key)).rejects.toThrow(
      /belum disetujui/,
    );
    expect(qrPayloadOf({ events: events('checked') }, l)).toBeNull();
    expect(qrPayloadOf({ events: events('approved') }, l)).toBeNull(); // approved but unsigned
    const payload = await signed();
    expect(qrPayloadOf({ events: events('approved') }, { ...l, signedPayload: payload })).toBe(
      payload,
    );
    // A forged approval log (an operator "approving") does not count either.
    const forgedLog = events('approved').map((e) =>
      e.step === 'approved' ? { ...e, role: 'operator' as const } : e,
    );
    expect(qrPayloadOf({ events: forgedLog }, { ...l, signedPayload: payload })).toBeNull();
    expect((await verifyLetter('', keys)).verdict).not.toBe('valid');
    expect(parsePayload('')).toBeNull();
  });
});
