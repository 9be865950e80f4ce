// A network link that can be unplugged: a TCP forwarder on its own loopback address that passes
// bytes to a server, and that refuses connections (and cuts the open ones) while it is down —
// the regency as the office sees it when the village's internet link drops.
import { connect, createServer, type Server, type Socket } from 'node:net';
import { joinSockets } from '../../sync/office/tls-front';

export interface TcpGate {
  /** `http://<host>:<port>/` of the gate. */
  url: string;
  readonly up: boolean;
  down(): Promise<void>;
  open(): Promise<void>;
  close(): Promise<void>;
}

export async function startTcpGate(options: {
  host: string;
  target: { host: string; port: number };
}): Promise<TcpGate> {
  const sockets = new Set<Socket>();
  let server: Server | null = null;
  let port = 0;
  async function listen() {
    const next = createServer((client) => {
      joinSockets(client, connect(options.target.port, options.target.host), sockets);
    });
    await new Promise<void>((resolve, reject) => {
      next.once('error', reject);
      next.listen(port, options.host, () => resolve());
    });
    port = (next.address() as { port: number }).port;
    server = next;
  }
  async function down() {
    const closing = server;
    server = null;
    for (const socket of sockets) socket.destroy();
    if (closing) await new Promise<void>((resolve) => closing.close(() => resolve()));
  }
  await listen();
  return {
    url: `http://${options.host}:${port}/`,
    get up() {
      return server !== null;
    },
    down,
    open: async () => {
      if (!server) await listen();
    },
    close: down,
  };
}
