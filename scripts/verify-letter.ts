// `npm run verify-letter -- <payload> [--keys <file>] [--text <file>]`: the verdict on a letter's
// QR payload, offline. Keys: the village public keys the regency publishes, as JSON
// `{ "<village code>": { "<key id>": "<raw Ed25519 public key, base64url>" } }` (default
// `$BALAI_LETTER_KEYS` or ./letter-keys.json). Exit code 0 valid, 1 tampered, 2 unknown signer.
import { readFile } from 'node:fs/promises';
import { VERDICT_LABELS, verifyLetter, type PublishedKeys } from '../shared/letters/verify';

async function main(argv: string[]): Promise<number> {
  const args = [...argv];
  const take = (flag: string) => {
    const i = args.indexOf(flag);
    if (i < 0) return undefined;
    const [, value] = args.splice(i, 2);
    return value;
  };
  const keysFile = take('--keys') ?? process.env.BALAI_LETTER_KEYS ?? 'letter-keys.json';
  const textFile = take('--text');
  const payload = args[0];
  if (!payload) {
    console.error(
      'Pemakaian: npm run verify-letter -- <isi kode QR> [--keys <berkas>] [--text <berkas>]',
    );
    return 64;
  }
  let keys: PublishedKeys = {};
  try {
    keys = JSON.parse(await readFile(keysFile, 'utf8')) as PublishedKeys;
  } catch (err) {
    console.error(`Tidak dapat membaca kunci publik desa (${keysFile}): ${(err as Error).message}`);
  }
  const text = textFile ? await readFile(textFile, 'utf8') : undefined;
  const v = await verifyLetter(payload, keys, text);
  console.log(VERDICT_LABELS[v.verdict]);
  if (v.verdict !== 'valid') console.log(v.reason);
  if (v.claims) {
    const c = v.claims;
    console.log(
      [
        `Nomor      : ${c.number}`,
        `Tanggal    : ${c.issuedOn}`,
        `Jenis      : ${c.letterType}`,
        `Atas nama  : ${c.subjectName} (NIK ${c.subjectNik})`,
        `Penanda tangan: ${c.signerName}, ${c.signerPosition}`,
        `Desa       : ${c.villageCode} (kunci ${c.keyId})`,
      ].join('\n'),
    );
  }
  console.log(JSON.stringify({ verdict: v.verdict }));
  return v.verdict === 'valid' ? 0 : v.verdict === 'tampered' ? 1 : 2;
}

process.exitCode = await main(process.argv.slice(2));
