// The office hub's side of pairing: one code open at a time, valid for a few minutes, used once,
// void after a few wrong proofs; a kiosk that proves the code gets its own account on the hub,
// only for the hub's own village (decision 0025). The open code is this module's state.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { kioskIdSchema } from '../../shared/ipc';
import { type VillageCode } from '../../shared/village';
import { provisionKiosk, type AdminConnection } from '../provision/provision';
import { hubProof, kioskProof, newPairingCode, sameProof } from './pairing-proof';

export const PAIRING_PATH = '/_balai/pasangkan';

const requestSchema = z.object({
  villageCode: z.string(),
  kioskId: kioskIdSchema,
  proof: z.string().regex(/^[0-9a-f]{64}$/),
});

export interface PairingDesk {
  /** Opens a new code (the previous one is void) and answers it, for staff to read. */
  open(): { code: string; expiresAt: Date };
  /** The hub's route: `GET` answers 204 (the kiosk reads the certificate), `POST` pairs. */
  route(req: IncomingMessage, res: ServerResponse): boolean;
}

export function createPairingDesk(options: {
  villageCode: VillageCode;
  fingerprint: string;
  /** The hub's admin, to create the kiosk's account on the hub itself. */
  admin: () => AdminConnection;
  codeTtlMs?: number;
  maxTries?: number;
  onPaired?: (kioskId: string) => void;
}): PairingDesk {
  const ttl = options.codeTtlMs ?? 10 * 60_000;
  const maxTries = options.maxTries ?? 5;
  let open: { code: string; expiresAt: number; tries: number } | null = null;

  async function pair(body: unknown): Promise<{ status: number; body: unknown }> {
    const parsed = requestSchema.safeParse(body);
    if (!parsed.success) return refuse(400, 'Permintaan pemasangan tidak lengkap.');
    const { villageCode, kioskId, proof } = parsed.data;
    if (villageCode !== options.villageCode) {
      return refuse(
        403,
        `Hub kantor ini milik desa ${options.villageCode}; kios desa ${villageCode} tidak diterima.`,
      );
    }
    if (!open || Date.now() > open.expiresAt) {
      open = null;
      return refuse(403, 'Tidak ada kode pemasangan yang berlaku: buka kode baru di hub kantor.');
    }
    const expected = kioskProof(open.code, options.fingerprint, villageCode, kioskId);
    if (!sameProof(proof, expected)) {
      if (++open.tries >= maxTries) open = null;
      return refuse(403, 'Kode pemasangan salah.');
    }
    const code = open.code;
    open = null; // used once
    // A kiosk paired again gets a new password: the old one stops working.
    const account = await provisionKiosk(options.admin(), {
      villageCode: options.villageCode,
      kioskId,
    });
    options.onPaired?.(kioskId);
    return {
      status: 200,
      body: {
        username: account.username,
        password: account.password,
        proof: hubProof(code, options.fingerprint, account.username, account.password),
      },
    };
  }

  return {
    open() {
      const code = newPairingCode();
      const expiresAt = Date.now() + ttl;
      open = { code, expiresAt, tries: 0 };
      return { code, expiresAt: new Date(expiresAt) };
    },
    route(req, res) {
      if ((req.url ?? '').split('?')[0] !== PAIRING_PATH) return false;
      if (req.method === 'GET' || req.method === 'HEAD') {
        res.writeHead(204).end();
        return true;
      }
      if (req.method !== 'POST') {
        send(res, 405, { error: 'method_not_allowed', reason: 'GET atau POST.' });
        return true;
      }
      readSmallJson(req)
        .then(
          (body) => pair(body),
          () => refuse(400, 'Isi permintaan bukan JSON yang sah.'),
        )
        .then(
          (answer) => send(res, answer.status, answer.body),
          () => send(res, 500, { error: 'internal_server_error', reason: 'Pemasangan gagal.' }),
        );
      return true;
    },
  };
}

function refuse(status: number, reason: string) {
  return { status, body: { error: status === 400 ? 'bad_request' : 'forbidden', reason } };
}

function send(res: ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
  res.end(text);
}

/** A pairing request is a few hundred bytes; anything over 4 KB is refused unread. */
async function readSmallJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 4096) throw new Error('too large');
    chunks.push(chunk as Buffer);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}
