// The office hub's face to the office network: TLS with the hub's own certificate, each
// connection's bytes passed to the embedded hub on loopback. The hub itself stays plain HTTP on
// 127.0.0.1, where the office hub's own process (pairing, the relay) reaches it as its admin.
import { connect, type Socket } from 'node:net';
import { createServer } from 'node:tls';

export interface TlsFront {
  port: number;
  close(): Promise<void>;
}

export async function startTlsFront(options: {
  key: string;
  cert: string;
  host: string;
  port: number;
  /** The embedded hub's loopback port. */
  backendPort: number;
}): Promise<TlsFront> {
  const sockets = new Set<Socket>();
  const server = createServer({ key: options.key, cert: options.cert }, (client) => {
    joinSockets(client, connect(options.backendPort, '127.0.0.1'), sockets);
  });
  // A handshake that fails (a kiosk refusing the certificate, a port scan) is not an error here.
  server.on('tlsClientError', () => {});
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : options.port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Passes bytes both ways between two sockets; either one failing or closing ends both. */
export function joinSockets(client: Socket, backend: Socket, open: Set<Socket>): void {
  for (const socket of [client, backend]) {
    open.add(socket);
    socket.on('close', () => open.delete(socket));
    socket.on('error', () => {
      client.destroy();
      backend.destroy();
    });
  }
  client.pipe(backend).pipe(client);
}
