// The regency's public letter verification page (docs/decisions/0015): served by the hub at
// `/_balai/verifikasi` and, beside any CouchDB, by `npm run hub -- verification-page --server <url>`.
// Three answers, none needing a login: the page, its script (renderer/letters/verify-page.ts
// bundled once by esbuild, so the page checks with the very `verifyLetter` the CLI and the kiosk
// use), and the published keys with the village names (`kunci.json`). The letter's payload stays
// in the URL's fragment: the server never sees which letter is checked.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { VillageCode } from '../../shared/village';
import type { AdminConnection } from '../provision/couch-request';
import { gatherPublishedKeys, type PublishedLetterKeys } from '../provision/published-keys';

export const VERIFY_PATH = '/_balai/verifikasi';
const SCRIPT_PATH = `${VERIFY_PATH}/periksa.js`;
export const KEYS_PATH = `${VERIFY_PATH}/kunci.json`;
/** Keys change only at provisioning; a minute's cache spares the server a read per visitor. */
const KEYS_TTL_MS = 60_000;

export function isVerificationRequest(req: IncomingMessage): boolean {
  const path = (req.url ?? '').split('?')[0]!.split('#')[0]!;
  return path === VERIFY_PATH || path.startsWith(`${VERIFY_PATH}/`);
}

export interface VerificationRouteOptions {
  /** The login the village profiles are read with (the hub's admin, or the one given). */
  login: () => AdminConnection;
  villages?: VillageCode[];
}

let bundled: Promise<string> | null = null;

/** The page's script, bundled from its TypeScript source once per process. */
function pageScript(): Promise<string> {
  bundled ??= import('esbuild').then(async (esbuild) => {
    const result = await esbuild.build({
      entryPoints: [join(import.meta.dirname, '../../renderer/letters/verify-page.ts')],
      bundle: true,
      write: false,
      format: 'iife',
      target: 'es2022',
      minify: true,
      logLevel: 'silent',
    });
    return result.outputFiles[0]!.text;
  });
  bundled.catch(() => (bundled = null));
  return bundled;
}

const PAGE = `<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Periksa keaslian surat desa</title>
<style>
body { font-family: system-ui, sans-serif; margin: 0 auto; max-width: 40rem; padding: 1rem; color: #1a1a1a; }
h1 { font-size: 1.3rem; }
.verdict { font-size: 2rem; margin: 1rem 0 0.5rem; padding: 0.5rem 1rem; border-radius: 6px; }
.verdict.valid { background: #dff5e1; color: #0b5d1e; }
.verdict.tampered { background: #fde2e1; color: #8a1111; }
.verdict.unknown-signer { background: #fff1c2; color: #6b4a00; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 0.35rem 0.5rem; border-bottom: 1px solid #ddd; vertical-align: top; }
th { width: 9rem; font-weight: 600; }
textarea { width: 100%; min-height: 4rem; box-sizing: border-box; font-family: monospace; }
button { margin-top: 0.5rem; padding: 0.4rem 1rem; }
.small { font-size: 0.85rem; color: #555; }
</style>
</head>
<body data-keys="${KEYS_PATH}">
<h1>Periksa keaslian surat desa</h1>
<p class="small">Pindai kode QR pada surat, atau tempel isinya di bawah. Tanda tangan diperiksa di perangkat ini dengan kunci publik desa yang diterbitkan kabupaten.</p>
<section id="hasil" aria-live="polite"></section>
<form id="periksa">
<label for="kode">Isi kode QR</label>
<textarea id="kode" spellcheck="false"></textarea>
<button type="submit">Periksa</button>
</form>
<noscript>Halaman ini memerlukan JavaScript untuk memeriksa tanda tangan.</noscript>
<script src="${SCRIPT_PATH}"></script>
</body>
</html>
`;

export function verificationRoute(
  options: VerificationRouteOptions,
): (req: IncomingMessage, res: ServerResponse) => void {
  let keys: { at: number; value: Promise<PublishedLetterKeys> } | null = null;
  const published = () => {
    if (!keys || Date.now() - keys.at > KEYS_TTL_MS) {
      const value = gatherPublishedKeys(options.login(), options.villages);
      keys = { at: Date.now(), value };
      value.catch(() => (keys = null));
    }
    return keys.value;
  };
  return (req, res) => {
    const path = (req.url ?? '').split('?')[0]!;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return send(res, 405, 'text/plain; charset=utf-8', 'Hanya GET.\n');
    }
    const answer = async () => {
      if (path === VERIFY_PATH || path === `${VERIFY_PATH}/`) {
        return send(res, 200, 'text/html; charset=utf-8', PAGE);
      }
      if (path === SCRIPT_PATH) {
        return send(res, 200, 'text/javascript; charset=utf-8', await pageScript());
      }
      if (path === KEYS_PATH) {
        return send(res, 200, 'application/json', JSON.stringify(await published()));
      }
      return send(res, 404, 'text/plain; charset=utf-8', 'Tidak ada.\n');
    };
    answer().catch((error: unknown) => {
      if (!res.headersSent) {
        send(res, 503, 'text/plain; charset=utf-8', `Belum dapat melayani: ${String(error)}\n`);
      } else res.end();
    });
  };
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.statusCode = status;
  res.setHeader('Content-Type', type);
  res.setHeader('Cache-Control', 'no-store');
  // The page runs only its own script and reads only its own keys.
  res.setHeader(
    'Content-Security-Policy',
    "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; connect-src 'self'; img-src 'self' data:",
  );
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.end(body);
}
