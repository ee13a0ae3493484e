// Runs a README's complete app as a user would: the block written to a file
// unchanged and started with `node --import tsx`, configured only through the
// environment variables the README documents.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname } from 'node:path';
import { ROOT } from './blocks';

/** A running README app. */
export interface AppProcess {
  baseURL: string;
  /** Everything the app printed. */
  output(): string;
  stop(): Promise<void>;
}

/** A port nothing listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * Writes `code` to `file` and starts it with `PORT` and `BASE_URL` (`http://localhost:<port>`)
 * added to `env`, resolving once it prints "Listening on <BASE_URL>".
 */
export async function startApp(file: string, code: string, port: number, env: Record<string, string>): Promise<AppProcess> {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, code);
  const baseURL = `http://localhost:${port}`;
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', file], {
    cwd: ROOT,
    env: { PATH: process.env['PATH'] ?? '', ...env, PORT: String(port), BASE_URL: baseURL },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the README app did not start within 20 s:\n${output}`)), 20_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (output.includes(`Listening on ${baseURL}`)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the README app exited with ${code} before listening:\n${output}`));
    });
  });
  return {
    baseURL,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
