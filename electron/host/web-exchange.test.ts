import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from './csp';
import { hostRequestFromWeb, webResponseFrom } from './web-exchange';

describe('web exchange', () => {
  it('turns a Fetch request into a host request with a streaming body', async () => {
    const request = new Request('balai://app/regency/_bulk_docs?x=1', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"docs":[]}',
    });
    const host = hostRequestFromWeb(request);
    expect(host).toMatchObject({ method: 'POST', path: '/regency/_bulk_docs?x=1' });
    expect(host.headers['content-type']).toBe('application/json');
    let text = '';
    for await (const chunk of host.body!) text += String(chunk);
    expect(text).toBe('{"docs":[]}');
  });

  it('streams the answer and adds the security headers', async () => {
    const response = webResponseFrom({
      status: 200,
      headers: { 'content-type': 'application/json', date: 'Tue, 01 Jan 2030 00:00:00 GMT' },
      body: Readable.from([Buffer.from('{"a":'), Buffer.from('1}')]),
    });
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('date')).toBe('Tue, 01 Jan 2030 00:00:00 GMT');
    expect(await response.json()).toEqual({ a: 1 });
  });

  it('sends no body where the Fetch API forbids one', () => {
    const response = webResponseFrom({ status: 304, headers: {}, body: Buffer.from('x') });
    expect(response.status).toBe(304);
    expect(response.body).toBeNull();
  });
});
