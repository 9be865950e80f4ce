import { describe, expect, it } from 'vitest';
import { utf8Encode } from './utf8';
import { base64ToBytes, bytesToBase64, fromBase64Url, toBase64Url } from './base64';

describe('the one base64 codec', () => {
  it('gives the RFC 4648 test vectors', () => {
    const vectors = ['', 'Zg==', 'Zm8=', 'Zm9v', 'Zm9vYg==', 'Zm9vYmE=', 'Zm9vYmFy'];
    vectors.forEach((expected, length) => {
      const bytes = utf8Encode('foobar'.slice(0, length));
      expect(bytesToBase64(bytes)).toBe(expected);
      expect(toBase64Url(bytes)).toBe(expected.replace(/=+$/, ''));
    });
    expect(toBase64Url(Uint8Array.of(0xfb, 0xff))).toBe('-_8');
    expect(bytesToBase64(Uint8Array.of(0xfb, 0xff))).toBe('+/8=');
  });

  it('round-trips every length in both alphabets', () => {
    for (let length = 0; length < 70; length++) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 97 + length * 31) & 255);
      expect(base64ToBytes(bytesToBase64(bytes))).toEqual(bytes);
      expect(fromBase64Url(toBase64Url(bytes))).toEqual(bytes);
    }
  });

  it('refuses what is not base64', () => {
    expect(base64ToBytes('abc')).toBeNull();
    expect(base64ToBytes('ab$=')).toBeNull();
    expect(fromBase64Url('a')).toBeNull();
    expect(fromBase64Url('ab+/')).toBeNull();
  });
});
