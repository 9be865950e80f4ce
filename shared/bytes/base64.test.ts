import { describe, expect, it } from 'vitest';
import { base64ToBytes, bytesToBase64, fromBase64Url, toBase64Url } from './base64';

describe('the one base64 codec', () => {
  it('matches Node for every length, both alphabets, and round-trips', () => {
    for (let length = 0; length < 70; length++) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 97 + length * 31) & 255);
      const node = Buffer.from(bytes);
      expect(bytesToBase64(bytes)).toBe(node.toString('base64'));
      expect(toBase64Url(bytes)).toBe(node.toString('base64url'));
      expect(base64ToBytes(node.toString('base64'))).toEqual(bytes);
      expect(fromBase64Url(node.toString('base64url'))).toEqual(bytes);
    }
  });

  it('refuses what is not base64', () => {
    expect(base64ToBytes('abc')).toBeNull();
    expect(base64ToBytes('ab$=')).toBeNull();
    expect(fromBase64Url('a')).toBeNull();
    expect(fromBase64Url('ab+/')).toBeNull();
  });
});
