// The one Web Crypto type of the project: the part of it shared/ uses (Chromium and Node 20 both
// have it as globalThis.crypto; shared/ compiles without DOM or Node types).

/** A key handle from `subtle`; its contents never leave Web Crypto. */
export interface CryptoKeyLike {
  readonly type: string;
}

export interface Subtle {
  digest(alg: string, data: Uint8Array): Promise<ArrayBuffer>;
  sign(alg: string, key: CryptoKeyLike, data: Uint8Array): Promise<ArrayBuffer>;
  verify(alg: string, key: CryptoKeyLike, sig: Uint8Array, data: Uint8Array): Promise<boolean>;
  importKey(
    format: 'raw' | 'pkcs8',
    data: Uint8Array,
    alg: string | object,
    extractable: boolean,
    usages: string[],
  ): Promise<CryptoKeyLike>;
  exportKey(format: 'raw' | 'pkcs8', key: CryptoKeyLike): Promise<ArrayBuffer>;
  exportKey(format: 'jwk', key: CryptoKeyLike): Promise<{ x?: string }>;
  generateKey(
    alg: string,
    extractable: boolean,
    usages: string[],
  ): Promise<{ publicKey: CryptoKeyLike; privateKey: CryptoKeyLike }>;
  deriveKey(
    alg: object,
    base: CryptoKeyLike,
    derived: object,
    extractable: boolean,
    usages: string[],
  ): Promise<CryptoKeyLike>;
  encrypt(alg: object, key: CryptoKeyLike, data: Uint8Array): Promise<ArrayBuffer>;
  decrypt(alg: object, key: CryptoKeyLike, data: Uint8Array): Promise<ArrayBuffer>;
}

export interface WebCrypto {
  subtle: Subtle;
  getRandomValues<T extends Uint8Array>(array: T): T;
}

export const webCrypto = (): WebCrypto => (globalThis as unknown as { crypto: WebCrypto }).crypto;

export const subtle = (): Subtle => webCrypto().subtle;
