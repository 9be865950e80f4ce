// The office hub's own TLS certificate: generated once with `selfsigned` (over @peculiar/x509),
// kept 0600 in the hub's data folder, and known to kiosks only by its SHA-256 fingerprint, which
// they pin at pairing (decision 0025). No authority signs it: the office network has none, and
// the pin is stronger than a name check for a box whose address DHCP may change.
import { X509Certificate } from 'node:crypto';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import { z } from 'zod';
import {
  parseJsonOrUndefined,
  readTextIfExists,
  writePrivateFile,
} from '../../node-shared/private-files';

export interface HubCertificate {
  key: string;
  cert: string;
  /** SHA-256 of the DER certificate, as Node prints it: `AB:CD:…` (what kiosks pin). */
  fingerprint: string;
}

const CERT_FILE = 'office-tls.json';
/** Ten years: the pin, not the date, is what kiosks trust; a new certificate means pairing again. */
const VALID_DAYS = 3650;
const savedSchema = z.object({ key: z.string(), cert: z.string() });

export async function loadOrCreateCertificate(
  dataDir: string,
  villageCode: string,
): Promise<HubCertificate> {
  const path = join(dataDir, CERT_FILE);
  const text = readTextIfExists(path);
  if (text !== null) {
    const saved = savedSchema.safeParse(parseJsonOrUndefined(text));
    if (!saved.success) throw new Error(`${path} is not the office hub's certificate file.`);
    return { ...saved.data, fingerprint: fingerprintOf(saved.data.cert) };
  }
  const now = new Date();
  const pems = await generate([{ name: 'commonName', value: `balai-kantor-${villageCode}` }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: now,
    notAfterDate: new Date(now.getTime() + VALID_DAYS * 86_400_000),
  });
  writePrivateFile(path, JSON.stringify({ key: pems.private, cert: pems.cert }));
  return { key: pems.private, cert: pems.cert, fingerprint: fingerprintOf(pems.cert) };
}

export function fingerprintOf(certPem: string): string {
  return new X509Certificate(certPem).fingerprint256;
}
