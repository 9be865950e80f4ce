// The backup file of a large village: 20,000 residents, 2,000 requests, in Node (the same Web
// Crypto and code the kiosk's renderer runs). Times to write it (manifest digests, PBKDF2 at
// 600,000 iterations, AES-256-GCM) and to open it (decrypt, digests, every document against its
// schema), and its size: what staff wait for at the backup screen and at a restore.
import type { VillageCode } from '../../shared/village';
import { createBackup, openBackup, type StoredDocument } from '../../shared/backup/format';
import { restoreTargetFor, schemaVersions } from '../../shared/backup/target';
import { COLLECTION_NAMES } from '../../shared/documents/collections';
import { requestFromForm } from '../../shared/documents/request-form';
import { createIdGenerator } from '../../shared/ids';
import { generatedResidents } from './resident-search';

const VILLAGE = '3510992001' as VillageCode;
const RESIDENTS = 20_000;
const REQUESTS = 2_000;

function stored(doc: object, i: number): StoredDocument {
  return {
    ...doc,
    syncState: i % 10 === 0 ? 'pending' : 'synced',
    couchRev: i % 10 === 0 ? '' : `1-${String(i).padStart(32, '0')}`,
    syncError: '',
    _deleted: false,
    _attachments: {},
    _rev: `1-abcdefghij`,
    _meta: { lwt: 1764300000000 + i },
  } as unknown as StoredDocument;
}

function residents(): StoredDocument[] {
  // The kiosk stores them without CouchDB's `_id`.
  return generatedResidents(VILLAGE, RESIDENTS).map(({ _id, ...doc }, i) => stored(doc, i));
}

function requests(): StoredDocument[] {
  const author = { villageCode: VILLAGE, kioskId: 'k1', ids: createIdGenerator(VILLAGE, 'k1') };
  const out: StoredDocument[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    const made = requestFromForm(
      {
        nik: '3510175708450002',
        name: `Pemohon ${i}`,
        serviceType: 'domisili',
        purpose: 'Melamar kerja',
      },
      author,
      new Date(2026, 10, 28, 8, 0, i),
    );
    if (!made.ok) throw new Error('bench request is invalid');
    out.push(stored(made.doc, i));
  }
  return out;
}

export async function bench(): Promise<object> {
  const collections: Record<string, StoredDocument[]> = Object.fromEntries(
    COLLECTION_NAMES.map((name) => [name, []]),
  );
  collections.residents = residents();
  collections.requests = requests();
  const source = {
    villageCode: VILLAGE,
    kioskId: 'k1',
    createdAt: new Date().toISOString(),
    appVersion: '0.1.0',
    schemaVersions: schemaVersions(),
    collections,
  };
  const t0 = performance.now();
  const text = await createBackup(source, 'kunci cadangan desa 2026');
  const t1 = performance.now();
  const opened = await openBackup(text, 'kunci cadangan desa 2026', restoreTargetFor(VILLAGE));
  const t2 = performance.now();
  if (!opened.ok) throw new Error(opened.message);
  const wrong = await openBackup(text, 'bukan kata sandinya', restoreTargetFor(VILLAGE));
  const t3 = performance.now();
  if (wrong.ok) throw new Error('a wrong passphrase opened the backup');
  const figures = {
    documents: RESIDENTS + REQUESTS,
    fileMB: Number((text.length / 1e6).toFixed(1)),
    createMs: Math.round(t1 - t0),
    openAndVerifyMs: Math.round(t2 - t1),
    wrongPassphraseRefusedMs: Math.round(t3 - t2),
  };
  console.log(
    `backup of ${figures.documents} documents: ${figures.fileMB} MB, written in ${figures.createMs} ms, ` +
      `opened and verified in ${figures.openAndVerifyMs} ms, wrong passphrase refused in ${figures.wrongPassphraseRefusedMs} ms`,
  );
  return figures;
}
