// CouchDB answers every request, errors included, with a JSON body `{ error, reason }`.
// The hub's own layers answer the same way, so a client never has to parse an HTML error page.
import type { ServerResponse } from 'node:http';

export interface CouchError {
  status: number;
  error: string;
  reason: string;
}

export function couchError(status: number, error: string, reason: string): CouchError {
  return { status, error, reason };
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body) + '\n';
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'must-revalidate',
  });
  res.end(text);
}

export function sendCouchError(res: ServerResponse, problem: CouchError): void {
  if (res.headersSent) {
    // A streamed answer (a long poll) already began: the best signal left is a cut connection.
    res.destroy();
    return;
  }
  sendJson(res, problem.status, { error: problem.error, reason: problem.reason });
}
