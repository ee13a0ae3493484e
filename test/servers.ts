/** Real local HTTP servers on 127.0.0.1, for what nock cannot show: timeouts, resets, chunk boundaries. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A running server and how to stop it. */
export interface LocalServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** Every request it received: method, URL, headers and body. */
  requests: Array<{ method: string; url: string; headers: http.IncomingHttpHeaders; body: string }>;
  close(): Promise<void>;
}

/** Starts a server on a free loopback port; `handler` answers after the request body has arrived. */
export async function localServer(handler: (req: http.IncomingMessage, res: http.ServerResponse) => void): Promise<LocalServer> {
  const requests: LocalServer['requests'] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      handler(req, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
