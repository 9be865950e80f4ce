// Serves the built renderer (dist/renderer) read-only. Paths that name no file extension get
// the root index.html, so a reload on a client-side route still opens the app.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { jsonResponse, type HostResponse } from './host-exchange';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

const notFound = () => jsonResponse(404, { error: 'Berkas tidak ditemukan.' });

/**
 * The file under `rendererDir` a URL path names, or null when the path is malformed or
 * would leave the directory (dot segments, encoded slashes, dotfiles).
 */
export function staticFilePath(rendererDir: string, urlPath: string): string | null {
  const root = resolve(rendererDir);
  const segments: string[] = [];
  for (const raw of urlPath.split('/')) {
    if (raw === '') continue;
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return null;
    }
    if (segment.startsWith('.') || /[/\\\0]/.test(segment)) return null;
    segments.push(segment);
  }
  const last = segments.at(-1);
  const file =
    last === undefined || extname(last) === '' ? join(root, 'index.html') : join(root, ...segments);
  return file.startsWith(root + sep) ? file : null;
}

export async function serveStaticFile(
  rendererDir: string,
  method: string,
  urlPath: string,
): Promise<HostResponse> {
  if (method !== 'GET' && method !== 'HEAD') {
    return jsonResponse(405, { error: `Metode ${method} tidak diizinkan.` });
  }
  const file = staticFilePath(rendererDir, urlPath);
  if (file === null) return notFound();
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) return notFound();
  return {
    status: 200,
    headers: {
      'content-type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
      'content-length': String(info.size),
      // Loopback or in-process: revalidating costs nothing and a rebuilt renderer shows at once.
      'cache-control': 'no-cache',
    },
    body: method === 'HEAD' ? null : createReadStream(file),
  };
}
