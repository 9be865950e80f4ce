// Counts what crosses the wire: HTTP requests, bytes sent (bodies) and bytes received.
export interface Traffic {
  requests: number;
  bytesSent: number;
  bytesReceived: number;
}

export function countingFetch(traffic: Traffic): typeof fetch {
  return async (input, init) => {
    traffic.requests++;
    const body = init?.body;
    if (typeof body === 'string') traffic.bytesSent += Buffer.byteLength(body);
    else if (body instanceof Uint8Array || body instanceof ArrayBuffer)
      traffic.bytesSent += body.byteLength;
    const res = await fetch(input, init);
    const bytes = new Uint8Array(await res.arrayBuffer());
    traffic.bytesReceived += bytes.byteLength;
    return new Response(bytes, {
      status: res.status,
      statusText: res.statusText,
      headers: res.headers,
    });
  };
}

export function newTraffic(): Traffic {
  return { requests: 0, bytesSent: 0, bytesReceived: 0 };
}
