// `npm run verify-letter -- <QR content> [--server <url> | --keys <file>] [--text <file>]`: the
// verdict on a letter's QR (the verification page's URL or the bare `B1.…` payload). The village
// public keys are found without help (docs/decisions/0015), first match wins:
//   --keys <file> (or $BALAI_LETTER_KEYS): `{ "<village code>": { "<key id>": "<public key>" } }`;
//   --server <url>: a hub or verification page (its public kunci.json), or any CouchDB with admin
//     credentials in the URL (the village profiles read directly);
//   otherwise the hub last run from this folder ($BALAI_HUB_DATA, default .data/hub).
// Exit code 0 valid, 1 tampered, 2 unknown signer, 3 no keys could be found.
import { readFile } from 'node:fs/promises';
import { formatLongDate } from '../shared/dates';
import { letterTypeName } from '../shared/letter-types';
import {
  maskNik,
  payloadFromScan,
  VERDICT_LABELS,
  verifyLetter,
  type PublishedKeys,
} from '../shared/letters/verify';
import { hubSettings } from '../sync/hub/cli-settings';
import { readServerUrl } from '../sync/hub/hub-files';
import { connectionFromUrl } from '../sync/provision/couch-request';
import { gatherPublishedKeys, type PublishedVillage } from '../sync/provision/published-keys';
import { KEYS_PATH } from '../sync/regency/verification-route';

interface Found {
  keys: PublishedKeys;
  villages: Record<string, PublishedVillage>;
  from: string;
}

/** The public keys a hub or a verification page publishes, without any login. */
async function fromPage(url: string): Promise<Found> {
  const at = new URL(KEYS_PATH.slice(1), url.endsWith('/') ? url : `${url}/`).href;
  let reply: Response;
  try {
    reply = await fetch(at);
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause?.code ?? String(err);
    throw new Error(`${at} tidak terjangkau (${cause}).`, { cause: err });
  }
  if (!reply.ok) throw new Error(`${at} menjawab HTTP ${reply.status}.`);
  const body = (await reply.json()) as Omit<Found, 'from'>;
  return { keys: body.keys ?? {}, villages: body.villages ?? {}, from: at };
}

async function findKeys(keysFile: string | undefined, server: string | undefined): Promise<Found> {
  if (keysFile) {
    return {
      keys: JSON.parse(await readFile(keysFile, 'utf8')) as PublishedKeys,
      villages: {},
      from: keysFile,
    };
  }
  if (server) {
    const url = new URL(server);
    if (url.username && url.password) {
      const login = connectionFromUrl(server);
      return { ...(await gatherPublishedKeys(login)), from: login.url };
    }
    return fromPage(server);
  }
  const { dataDir } = hubSettings(process.env);
  const hubUrl = await readServerUrl(dataDir);
  if (!hubUrl) {
    throw new Error(
      `Tidak ada hub yang pernah berjalan dari ${dataDir}. Jalankan npm run hub, atau beri --server <url> atau --keys <berkas>.`,
    );
  }
  return fromPage(hubUrl).catch((err: Error) => {
    throw new Error(`${err.message} Apakah hub berjalan (npm run hub)?`, { cause: err });
  });
}

async function main(argv: string[]): Promise<number> {
  const args = [...argv];
  const take = (flag: string) => {
    const i = args.indexOf(flag);
    if (i < 0) return undefined;
    const [, value] = args.splice(i, 2);
    return value;
  };
  const keysFile = take('--keys') ?? process.env.BALAI_LETTER_KEYS;
  const server = take('--server');
  const textFile = take('--text');
  const scanned = args[0];
  if (!scanned) {
    console.error(
      'Pemakaian: npm run verify-letter -- <isi kode QR> [--server <url> | --keys <berkas>] [--text <berkas>]',
    );
    return 64;
  }
  let found: Found;
  try {
    found = await findKeys(keysFile, server);
  } catch (err) {
    console.error(`Kunci publik desa tidak ditemukan: ${(err as Error).message}`);
    return 3;
  }
  const text = textFile ? await readFile(textFile, 'utf8') : undefined;
  const v = await verifyLetter(payloadFromScan(scanned), found.keys, text);
  console.log(VERDICT_LABELS[v.verdict]);
  if (v.verdict !== 'valid') console.log(v.reason);
  if (v.claims) {
    const c = v.claims;
    const village = found.villages[c.villageCode];
    const named = village?.villageName
      ? `Desa ${village.villageName}, Kecamatan ${village.districtName}, ${village.regencyKind} ${village.regencyName} `
      : '';
    console.log(
      [
        `Nomor      : ${c.number}`,
        `Tanggal    : ${/^\d{4}-\d{2}-\d{2}$/.test(c.issuedOn) ? formatLongDate(c.issuedOn) : c.issuedOn}`,
        `Jenis      : ${letterTypeName(c.letterType)}`,
        `Atas nama  : ${c.subjectName} (NIK ${maskNik(c.subjectNik)})`,
        `Penanda tangan: ${c.signerName}, ${c.signerPosition}`,
        `Desa       : ${named}(kode ${c.villageCode}, kunci ${c.keyId})`,
        `Kunci dari : ${found.from}`,
      ].join('\n'),
    );
  }
  console.log(JSON.stringify({ verdict: v.verdict }));
  return v.verdict === 'valid' ? 0 : v.verdict === 'tampered' ? 1 : 2;
}

process.exitCode = await main(process.argv.slice(2));
