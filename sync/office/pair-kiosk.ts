// The kiosk's side of pairing with its office hub: learn the certificate the hub shows, prove
// the typed code for that certificate, check the hub's proof, and keep the fingerprint as the
// pin and the account it gave (decision 0025).
import { z } from 'zod';
import type { VillageCode } from '../../shared/village';
import { PAIRING_PATH } from './pairing-desk';
import { hubProof, kioskProof, sameProof } from './pairing-proof';
import { pinnedFetch } from './pinned-fetch';

/** What a paired kiosk keeps: where its office hub is, the pin, and its own account there. */
export interface OfficePairing {
  /** The hub's root URL, `https://…/`. */
  url: string;
  fingerprint: string;
  username: string;
  password: string;
}

const answerSchema = z.object({ username: z.string(), password: z.string(), proof: z.string() });
const refusalSchema = z.object({ reason: z.string() });

export async function pairWithOfficeHub(options: {
  url: string;
  code: string;
  villageCode: VillageCode;
  kioskId: string;
}): Promise<OfficePairing> {
  const root = options.url.endsWith('/') ? options.url : `${options.url}/`;
  const pairingUrl = new URL(PAIRING_PATH.slice(1), root).href;
  const look = pinnedFetch(null);
  let fingerprint: string;
  try {
    await (await look.fetch(pairingUrl, { method: 'GET' })).body?.cancel();
    fingerprint = look.seen ?? '';
  } catch (error) {
    throw new Error(`Hub kantor di ${root} tidak dapat dihubungi.`, { cause: error });
  } finally {
    await look.close();
  }
  if (!fingerprint) throw new Error(`Hub kantor di ${root} tidak memakai TLS.`);
  // The request goes only to the certificate just seen.
  const pinned = pinnedFetch(fingerprint);
  try {
    const res = await pinned.fetch(pairingUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        villageCode: options.villageCode,
        kioskId: options.kioskId,
        proof: kioskProof(options.code, fingerprint, options.villageCode, options.kioskId),
      }),
    });
    const body: unknown = await res.json().catch(() => null);
    if (!res.ok) {
      const refusal = refusalSchema.safeParse(body);
      throw new Error(refusal.success ? refusal.data.reason : `Hub kantor menjawab ${res.status}.`);
    }
    const answer = answerSchema.safeParse(body);
    if (!answer.success) throw new Error('Jawaban hub kantor tidak dikenali.');
    const { username, password, proof } = answer.data;
    if (!sameProof(proof, hubProof(options.code, fingerprint, username, password))) {
      throw new Error('Hub kantor tidak membuktikan kode pemasangan: jangan dipakai.');
    }
    return { url: root, fingerprint, username, password };
  } finally {
    await pinned.close();
  }
}
