// The kiosk's backup file: every document of every collection exactly as stored (RxDB revision,
// metadata and the kiosk's sync state included), with a manifest, encrypted with a passphrase.
//
//   BALAI-BACKUP 1\n<header JSON>\n<base64url of AES-256-GCM(ciphertext + 16-byte tag)>\n
//
// The header says who made it (village, kiosk, time) and how to decrypt it (PBKDF2-SHA256 salt
// and iterations, GCM IV). It must be readable before decryption, to refuse another village's
// file with a message; it is bound as GCM's additional data, so changing one byte of it fails
// the tag like a change in the ciphertext does. The plaintext is JSON: the manifest (app and
// schema versions, per collection a count and a SHA-256 digest) and the documents.
import { z } from 'zod';
import { fromBase64Url, toBase64Url } from '../bytes/base64';
import { utf8Decode, utf8Encode } from '../bytes/utf8';
import { webCrypto, type CryptoKeyLike } from '../bytes/web-crypto';

export const BACKUP_MAGIC = 'BALAI-BACKUP 1';
/** OWASP's 2023 figure for PBKDF2-HMAC-SHA256. */
export const MIN_ITERATIONS = 600_000;
/** A header asking for more would only make opening the file hang. */
const MAX_ITERATIONS = 10_000_000;

/** A document as the local storage holds it; `id` is every collection's primary key. */
export type StoredDocument = { id: string; type: string; _rev: string } & Record<string, unknown>;

export interface BackupManifest {
  villageCode: string;
  kioskId: string;
  createdAt: string;
  appVersion: string;
  /** Schema version of each collection when the backup was made. */
  schemaVersions: Record<string, number>;
  counts: Record<string, number>;
  /** SHA-256 (base64url) of each collection's documents as canonical JSON, sorted by id. */
  digests: Record<string, string>;
}

export interface BackupContent {
  manifest: BackupManifest;
  collections: Record<string, StoredDocument[]>;
}

const headerSchema = z.strictObject({
  villageCode: z.string().regex(/^\d{10}$/),
  kioskId: z.string().min(1).max(40),
  createdAt: z.string().max(40),
  kdf: z.strictObject({
    name: z.literal('PBKDF2-SHA256'),
    iterations: z.number().int().min(MIN_ITERATIONS).max(MAX_ITERATIONS),
    salt: z.string().regex(/^[A-Za-z0-9_-]{22}$/),
  }),
  cipher: z.strictObject({
    name: z.literal('AES-256-GCM'),
    iv: z.string().regex(/^[A-Za-z0-9_-]{16}$/),
  }),
});
export type BackupHeader = z.infer<typeof headerSchema>;

const manifestSchema = z.strictObject({
  villageCode: z.string(),
  kioskId: z.string(),
  createdAt: z.string(),
  appVersion: z.string(),
  schemaVersions: z.record(z.string(), z.number().int()),
  counts: z.record(z.string(), z.number().int().min(0)),
  digests: z.record(z.string(), z.string()),
});
const storedDocumentSchema = z.looseObject({
  id: z.string().min(1),
  type: z.string().min(1),
  _rev: z.string().min(1),
});
const contentSchema = z.strictObject({
  manifest: manifestSchema,
  collections: z.record(z.string(), z.array(storedDocumentSchema)),
});

/** JSON with object keys sorted, so one document has one text wherever it was read. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export async function collectionDigest(docs: readonly StoredDocument[]): Promise<string> {
  const sorted = [...docs].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const digest = await webCrypto().subtle.digest('SHA-256', utf8Encode(canonicalJson(sorted)));
  return toBase64Url(new Uint8Array(digest));
}

export interface BackupSource {
  villageCode: string;
  kioskId: string;
  createdAt: string;
  appVersion: string;
  schemaVersions: Record<string, number>;
  collections: Record<string, StoredDocument[]>;
}

/** The backup file's text: manifest computed from the documents, then encrypted. */
export async function createBackup(
  source: BackupSource,
  passphrase: string,
  iterations = MIN_ITERATIONS,
): Promise<string> {
  const counts: Record<string, number> = {};
  const digests: Record<string, string> = {};
  for (const [name, docs] of Object.entries(source.collections)) {
    counts[name] = docs.length;
    digests[name] = await collectionDigest(docs);
  }
  const content: BackupContent = {
    manifest: {
      villageCode: source.villageCode,
      kioskId: source.kioskId,
      createdAt: source.createdAt,
      appVersion: source.appVersion,
      schemaVersions: source.schemaVersions,
      counts,
      digests,
    },
    collections: source.collections,
  };
  const crypto = webCrypto();
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const header: BackupHeader = {
    villageCode: source.villageCode,
    kioskId: source.kioskId,
    createdAt: source.createdAt,
    kdf: { name: 'PBKDF2-SHA256', iterations, salt: toBase64Url(salt) },
    cipher: { name: 'AES-256-GCM', iv: toBase64Url(iv) },
  };
  headerSchema.parse(header);
  const headerLine = JSON.stringify(header);
  const key = await deriveKey(passphrase, salt, iterations);
  const sealed = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: utf8Encode(aad(headerLine)), tagLength: 128 },
    key,
    utf8Encode(JSON.stringify(content)),
  );
  return `${aad(headerLine)}\n${toBase64Url(new Uint8Array(sealed))}\n`;
}

/** What the kiosk restoring a file expects of it. */
export interface RestoreTarget {
  villageCode: string;
  schemaVersions: Record<string, number>;
  /** The schema of each document type, by the collection that holds it. */
  schemaOf(type: string): { collection: string; schema: z.ZodType } | null;
}

export type OpenedBackup =
  { ok: true; header: BackupHeader; content: BackupContent } | { ok: false; message: string };

const refuse = (message: string): OpenedBackup => ({ ok: false, message });

/** The header alone, e.g. to list a file; null when the text is not a backup of ours. */
export function readBackupHeader(text: string): BackupHeader | null {
  const lines = text.split('\n');
  if (lines[0] !== BACKUP_MAGIC || lines.length < 3) return null;
  let json: unknown;
  try {
    json = JSON.parse(lines[1]!);
  } catch {
    return null;
  }
  const parsed = headerSchema.safeParse(json);
  return parsed.success ? parsed.data : null;
}

/**
 * Decrypts and checks everything (tag, manifest, digests, every document against its schema)
 * and returns the content only if all of it holds: the caller replaces nothing before this.
 */
export async function openBackup(
  text: string,
  passphrase: string,
  target: RestoreTarget,
): Promise<OpenedBackup> {
  const header = readBackupHeader(text);
  if (!header) return refuse('Berkas ini bukan cadangan Balai atau kepalanya rusak.');
  if (header.villageCode !== target.villageCode) {
    return refuse(
      `Cadangan ini milik desa ${header.villageCode}, bukan desa kios ini (${target.villageCode}); tidak dipulihkan.`,
    );
  }
  const lines = text.split('\n');
  const body = fromBase64Url(lines[2] ?? '');
  if (!body || lines.slice(3).some((line) => line !== '')) {
    return refuse('Isi berkas cadangan rusak (bukan base64url); tidak dipulihkan.');
  }
  let plain: Uint8Array;
  try {
    const key = await deriveKey(passphrase, fromBase64Url(header.kdf.salt)!, header.kdf.iterations);
    plain = new Uint8Array(
      await webCrypto().subtle.decrypt(
        {
          name: 'AES-GCM',
          iv: fromBase64Url(header.cipher.iv)!,
          additionalData: utf8Encode(lines.slice(0, 2).join('\n')),
          tagLength: 128,
        },
        key,
        body,
      ),
    );
  } catch {
    // GCM cannot tell a wrong key from changed bytes; both mean "do not trust this file".
    return refuse(
      'Kata sandi cadangan salah, atau berkas cadangan telah diubah atau rusak; tidak dipulihkan.',
    );
  }
  let content: BackupContent;
  try {
    const raw: unknown = JSON.parse(utf8Decode(plain));
    if (!contentSchema.safeParse(raw).success) {
      return refuse('Isi cadangan tidak sesuai format; tidak dipulihkan.');
    }
    // The parsed copy would reorder keys; the documents go back exactly as they were written.
    content = raw as BackupContent;
  } catch {
    return refuse('Isi cadangan bukan JSON yang sah; tidak dipulihkan.');
  }
  const problem = await checkContent(header, content, target);
  return problem ? refuse(problem) : { ok: true, header, content };
}

async function checkContent(
  header: BackupHeader,
  { manifest, collections }: BackupContent,
  target: RestoreTarget,
): Promise<string | null> {
  if (
    manifest.villageCode !== header.villageCode ||
    manifest.kioskId !== header.kioskId ||
    manifest.createdAt !== header.createdAt
  ) {
    return 'Manifest cadangan tidak cocok dengan kepalanya; tidak dipulihkan.';
  }
  for (const [name, version] of Object.entries(target.schemaVersions)) {
    if (manifest.schemaVersions[name] !== version) {
      return `Cadangan dibuat oleh versi aplikasi lain (${manifest.appVersion}, koleksi ${name} versi ${manifest.schemaVersions[name] ?? '-'}, kios ini versi ${version}); pasang versi yang sama lalu pulihkan.`;
    }
  }
  const names = Object.keys(collections);
  const unknown = names.find((name) => !(name in target.schemaVersions));
  if (unknown) return `Cadangan berisi koleksi yang tidak dikenal (${unknown}); tidak dipulihkan.`;
  if (canonicalJson(Object.keys(manifest.counts).sort()) !== canonicalJson([...names].sort())) {
    return 'Daftar koleksi di manifest tidak cocok dengan isinya; tidak dipulihkan.';
  }
  for (const name of names) {
    const docs = collections[name]!;
    if (manifest.counts[name] !== docs.length) {
      return `Jumlah dokumen ${name} tidak cocok dengan manifest; tidak dipulihkan.`;
    }
    if (manifest.digests[name] !== (await collectionDigest(docs))) {
      return `Sidik (digest) dokumen ${name} tidak cocok dengan manifest; tidak dipulihkan.`;
    }
    const ids = new Set<string>();
    for (const doc of docs) {
      if (ids.has(doc.id)) return `Dokumen ${doc.id} muncul dua kali; tidak dipulihkan.`;
      ids.add(doc.id);
      const kind = target.schemaOf(doc.type);
      if (!kind || kind.collection !== name) {
        return `Dokumen ${doc.id} berjenis ${doc.type}, tidak termasuk koleksi ${name}; tidak dipulihkan.`;
      }
      const parsed = kind.schema.safeParse(doc);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        return `Dokumen ${doc.id} tidak sah (${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''}); tidak dipulihkan.`;
      }
      if (doc.villageCode !== manifest.villageCode) {
        return `Dokumen ${doc.id} milik desa lain; tidak dipulihkan.`;
      }
    }
  }
  return null;
}

const aad = (headerLine: string): string => `${BACKUP_MAGIC}\n${headerLine}`;

async function deriveKey(
  passphrase: string,
  salt: Uint8Array,
  iterations: number,
): Promise<CryptoKeyLike> {
  const { subtle } = webCrypto();
  const base = await subtle.importKey(
    'raw',
    utf8Encode(passphrase.normalize('NFC')),
    'PBKDF2',
    false,
    ['deriveKey'],
  );
  return subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    base,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

/** Passphrases shorter than this are refused when exporting: the file may leave the office. */
export const MIN_PASSPHRASE_LENGTH = 10;

export function passphraseProblem(passphrase: string, repeat: string): string | null {
  if (passphrase.length < MIN_PASSPHRASE_LENGTH) {
    return `Kata sandi cadangan minimal ${MIN_PASSPHRASE_LENGTH} karakter.`;
  }
  if (passphrase !== repeat) return 'Kedua kata sandi cadangan tidak sama.';
  return null;
}
