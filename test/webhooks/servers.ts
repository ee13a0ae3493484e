/**
 * Real HTTP for the receiver tests: the handler mounted in an Express app (with
 * body parsers, with only the JSON parser, with none) or called by a bare
 * `node:http` server, on an ephemeral loopback port, and a client that sends
 * exact bytes and reads the whole answer.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { UnlinkWebhookHandler } from '../../lib/webhooks/index.js';

/** How the handler is mounted. */
export type Mount = 'express with urlencoded and json parsers' | 'express with only the json parser' | 'express without parsers' | 'bare node:http';

/** Every mount, for tests that must pass under each. */
export const MOUNTS: readonly Mount[] = ['express with urlencoded and json parsers', 'express with only the json parser', 'express without parsers', 'bare node:http'];

/** A running server. */
export interface Receiver {
  readonly url: string;
  /** Errors Express passed to its error handler (a bug in the receiver would land here). */
  readonly expressErrors: unknown[];
  close(): Promise<void>;
}

/** Serves `handler` at `path` (any method) under the given mount. */
export async function serve(mount: Mount, path: string, handler: UnlinkWebhookHandler): Promise<Receiver> {
  const expressErrors: unknown[] = [];
  let server: http.Server;
  if (mount === 'bare node:http') {
    server = http.createServer((req, res) => {
      if ((req.url ?? '').split('?')[0] !== path) {
        res.statusCode = 404;
        res.end();
        return;
      }
      handler(req, res);
    });
  } else {
    const app = express();
    if (mount === 'express with urlencoded and json parsers') app.use(express.urlencoded({ extended: false }), express.json());
    if (mount === 'express with only the json parser') app.use(express.json());
    app.all(path, handler);
    app.use((err: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
      expressErrors.push(err);
      res.status(500).end();
    });
    server = http.createServer(app);
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${path}`,
    expressErrors,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** An answer as the client saw it. */
export interface Answer {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

/** Sends one request with exactly these headers and body and reads the whole answer. */
export function send(url: string, method: string, headers: Record<string, string> = {}, body?: string | Buffer): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** `application/x-www-form-urlencoded` for these fields. */
export function form(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

/** A promise and its resolve and reject, to hold a handler open while the test looks at the answer. */
export function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void; reject: (error: unknown) => void } {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets pending callbacks (a handler the receiver would run after answering) run. */
export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(() => setImmediate(resolve)));
}

/** Records `console.error` lines while `fn` runs. */
export async function captureConsoleError(fn: () => Promise<void>): Promise<string[]> {
  const lines: string[] = [];
  const original = console.error;
  console.error = (...args: unknown[]) => {
    lines.push(args.map(String).join(' '));
  };
  try {
    await fn();
  } finally {
    console.error = original;
  }
  return lines;
}
