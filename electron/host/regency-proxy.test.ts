import { describe, expect, it } from 'vitest';
import type { VillageCode } from '../../shared/village';
import { mapRegencyPath, upstreamUrl } from './regency-proxy';

describe('mapRegencyPath', () => {
  it.each([
    '',
    '_changes?feed=longpoll&since=12&timeout=25000',
    '_bulk_docs',
    '_all_docs?keys=%5B%22a%22%5D',
    'request%3A0abc%3A3510172001%3Ak1',
    'request:0abc:3510172001:k1',
    '_design/app/',
    '_local/checkpoint-k1',
    'doc?x=../../y',
  ])('passes %s through unchanged', (rest) => {
    expect(mapRegencyPath(rest)).toEqual({ ok: true, path: rest });
  });

  it.each([
    ['..', 'segmen titik'],
    ['../_users', 'segmen titik'],
    ['a/../../desa_3510172002', 'segmen titik'],
    ['%2e%2e/_users', 'segmen titik'],
    ['.%2E', 'segmen titik'],
    ['./x', 'segmen titik'],
    ['a%2F..%2Fb', 'garis miring terkode'],
    ['a%5cb', 'garis miring terkode'],
    ['/evil.example/x', 'alamat mutlak tidak diizinkan'],
    ['http://evil.example/x', 'alamat mutlak tidak diizinkan'],
    ['a\\b', 'karakter tidak sah'],
    ['a b', 'karakter tidak sah'],
    ['a\u0000b', 'karakter tidak sah'],
    ['a//b', 'segmen kosong'],
    ['%E0%A4%A', 'pengodean persen rusak'],
  ])('rejects %s (%s)', (rest, reason) => {
    expect(mapRegencyPath(rest)).toEqual({ ok: false, reason });
  });
});

describe('upstreamUrl', () => {
  const village = '3510172001' as VillageCode;

  it('puts the village database under the regency root', () => {
    expect(upstreamUrl('https://kab.example', village, '_changes?since=0').href).toBe(
      'https://kab.example/desa_3510172001/_changes?since=0',
    );
  });

  it('keeps a base path and drops credentials written into the URL', () => {
    expect(upstreamUrl('http://u:p@kab.example:5984/couch//', village, 'doc').href).toBe(
      'http://kab.example:5984/couch/desa_3510172001/doc',
    );
  });
});
