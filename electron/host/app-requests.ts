// What both shells serve on the app's origin: `/regency/...` goes to the regency proxy,
// everything else is a file of the built renderer.
import { REGENCY_PROXY_PREFIX } from '../../shared/ipc';
import { jsonResponse, type HostRequest, type HostResponse } from './host-exchange';
import type { RegencyProxy } from './regency-proxy';
import { serveStaticFile } from './static-files';

export interface AppRequestOptions {
  rendererDir: string;
  proxy: RegencyProxy;
}

export type AppRequestHandler = (request: HostRequest) => Promise<HostResponse>;

export function createAppRequestHandler({
  rendererDir,
  proxy,
}: AppRequestOptions): AppRequestHandler {
  return async (request) => {
    try {
      if (request.path.startsWith(REGENCY_PROXY_PREFIX)) return await proxy.handle(request);
      return await serveStaticFile(rendererDir, request.method, request.path.split('?')[0] ?? '/');
    } catch (error) {
      console.error(`Kiosk host failed on ${request.method} ${request.path}:`, error);
      return jsonResponse(500, {
        error: 'internal_error',
        reason: 'Terjadi kesalahan di dalam kios.',
      });
    }
  };
}
